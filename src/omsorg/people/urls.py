from django.urls import path

from omsorg.people import views

urlpatterns = [
    path("personer/", views.person_list, name="person_list"),
    path("personer/ny/", views.person_create, name="person_create"),
    path("personer/<int:person_id>/", views.person_detail, name="person_detail"),
    path("personer/<int:person_id>/paarorende/ny/", views.relative_add, name="relative_add"),
    path("personer/<int:person_id>/samtykke/nytt/", views.consent_add, name="consent_add"),
    path("personer/<int:person_id>/innsyn/", views.access_log, name="access_log"),
    path("personvern/loggkontroll/", views.log_control, name="log_control"),
]
