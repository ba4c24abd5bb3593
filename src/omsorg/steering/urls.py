from django.urls import include, path

from omsorg.steering import views

urlpatterns = [
    path("styring/import/", views.imports, name="steering_imports"),
    path(
        "styring/import/fil/<int:pending_id>/",
        views.import_preview,
        name="steering_import_preview",
    ),
    path("styring/import/<int:event_id>/angre/", views.import_undo, name="steering_import_undo"),
    path("styring/kostnad/", views.cost_of_change_page, name="steering_cost_of_change"),
    path("", include("omsorg.steering.plan_urls")),
]
