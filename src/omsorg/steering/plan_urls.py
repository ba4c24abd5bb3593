from django.urls import path

from omsorg.steering import plan_views

urlpatterns = [
    path("styring/planer/", plan_views.plans, name="steering_plans"),
    path("styring/planer/<int:plan_id>/", plan_views.plan_page, name="steering_plan"),
    path(
        "styring/planer/<int:plan_id>/tiltak/<int:measure_id>/",
        plan_views.measure_page,
        name="steering_plan_measure",
    ),
    path(
        "styring/planer/<int:plan_id>/rapport/<int:unit_id>/<str:month>/",
        plan_views.report_page,
        name="steering_plan_report",
    ),
]
