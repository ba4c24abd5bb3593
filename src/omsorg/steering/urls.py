from django.urls import include, path

from omsorg.steering import (
    assumption_views,
    delivery_views,
    scorecard_views,
    tertial_views,
    views,
)

urlpatterns = [
    path("styring/import/", views.imports, name="steering_imports"),
    path(
        "styring/import/fil/<int:pending_id>/",
        views.import_preview,
        name="steering_import_preview",
    ),
    path("styring/import/<int:event_id>/angre/", views.import_undo, name="steering_import_undo"),
    path("styring/kostnad/", views.cost_of_change_page, name="steering_cost_of_change"),
    path("styring/levert/", delivery_views.delivery_page, name="steering_delivery"),
    path("styring/tertial/", tertial_views.tertial_page, name="steering_tertial"),
    path("styring/tertial/pdf/", tertial_views.tertial_pdf, name="steering_tertial_pdf"),
    path(
        "styring/tertial/avlastning/<int:home_id>/",
        tertial_views.board_page,
        name="steering_board",
    ),
    path(
        "styring/tertial/avlastning/<int:home_id>/pdf/",
        tertial_views.board_pdf,
        name="steering_board_pdf",
    ),
    path(
        "styring/tjenesteanalyse/",
        tertial_views.service_analysis_page,
        name="steering_service_analysis",
    ),
    path("", include("omsorg.steering.plan_urls")),
]

# The scorecard (issue 9 §4).
urlpatterns += [
    path("styring/malekort/", scorecard_views.scorecard_page, name="steering_scorecard"),
    path(
        "styring/malekort/forklaring/",
        scorecard_views.scorecard_note,
        name="steering_scorecard_note",
    ),
    path(
        "styring/malekort/mal/",
        scorecard_views.scorecard_settings,
        name="steering_scorecard_settings",
    ),
]

# Hours per unit of scope and the cost model's assumptions (issue 9 §2, §3).
urlpatterns += [
    path("styring/forutsetninger/", assumption_views.assumptions_page, name="steering_assumptions"),
    path(
        "styring/forutsetninger/timer/ny/",
        assumption_views.hours_per_unit_edit,
        name="steering_hours_per_unit_new",
    ),
    path(
        "styring/forutsetninger/timer/<int:pk>/",
        assumption_views.hours_per_unit_edit,
        name="steering_hours_per_unit_edit",
    ),
    path(
        "styring/forutsetninger/kostnad/ny/",
        assumption_views.cost_assumption_edit,
        name="steering_cost_assumption_new",
    ),
    path(
        "styring/forutsetninger/kostnad/<int:pk>/",
        assumption_views.cost_assumption_edit,
        name="steering_cost_assumption_edit",
    ),
]
