from django.urls import path

from omsorg.staffing import rotation_views, views

U = "personal/<int:unit_id>/"

urlpatterns = [
    path("personal/", views.staffing_home, name="staffing_home"),
    path(U, views.register_view, name="staffing_register"),
    path(U + "ansatt/<int:employee_id>/", views.employee_view, name="staffing_employee"),
    path(
        U + "ansatt/<int:employee_id>/kurs/<int:certificate_id>/slett/",
        views.certificate_remove_view,
        name="staffing_certificate_remove",
    ),
    path(U + "kompetansegap/", views.gaps_view, name="staffing_gaps"),
    path(
        U + "behov/<int:need_id>/slett/", views.care_need_remove_view, name="staffing_need_remove"
    ),
    path(U + "import/", views.import_view, name="staffing_import"),
]

R = U + "turnus/<int:rotation_id>/"
urlpatterns += [
    path(U + "turnus/", rotation_views.rotations_view, name="staffing_rotations"),
    path(R, rotation_views.rotation_view, name="staffing_rotation"),
    path(R + "fremdrift/", rotation_views.rotation_progress, name="staffing_rotation_progress"),
    path(R + "publiser/", rotation_views.rotation_publish_view, name="staffing_rotation_publish"),
    path("personal/min-turnus/", rotation_views.my_rotation, name="staffing_my_rotation"),
    path(
        "personal/tilbud/<int:offer_id>/ta/",
        rotation_views.offer_accept_view,
        name="staffing_offer_accept",
    ),
    path(
        "personal/tilbud/<int:offer_id>/avsla/",
        rotation_views.offer_decline_view,
        name="staffing_offer_decline",
    ),
    path("personal/syk/", rotation_views.own_sickness_view, name="staffing_own_sickness"),
    path(
        "personal/kalender/<str:token>.ics", rotation_views.calendar_feed, name="staffing_calendar"
    ),
]
