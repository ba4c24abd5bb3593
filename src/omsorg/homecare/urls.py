from django.urls import path

from omsorg.homecare.views import patterns, plans, worklist, zones

Z = "hjemmetjenester/sone/<int:zone_id>/"
D = Z + "dag/<str:day>/"
W = "hjemmetjenester/arbeidsliste/"

urlpatterns = [
    path("hjemmetjenester/", zones.homecare_home, name="homecare_home"),
    path(Z, zones.zone_detail, name="homecare_zone"),
    path(Z + "base/", zones.zone_base, name="homecare_zone_base"),
    path(Z + "ansatte/", zones.staff_edit, name="homecare_staff"),
    path(Z + "person/<int:person_id>/adresse/", zones.address_edit, name="homecare_address"),
    path(
        Z + "vedtak/<int:decision_id>/nytt-besok/",
        patterns.pattern_new,
        name="homecare_pattern_new",
    ),
    path(Z + "besok/<int:pattern_id>/", patterns.pattern_edit, name="homecare_pattern"),
    path(
        Z + "besok/<int:pattern_id>/bekreft/",
        patterns.pattern_review_view,
        name="homecare_pattern_review",
    ),
    path(
        Z + "besok/<int:pattern_id>/avslutt/",
        patterns.pattern_end_view,
        name="homecare_pattern_end",
    ),
    path(Z + "dag/ny/", plans.day_plan_new, name="homecare_day_new"),
    path(D, plans.day_plan_detail, name="homecare_day"),
    path(D + "fremdrift/", plans.day_plan_progress, name="homecare_day_progress"),
    path(D + "planlegg/", plans.day_plan_run, name="homecare_day_run"),
    path(D + "vakt/<int:shift_id>/", plans.shift_edit, name="homecare_shift"),
    path(D + "vakt/<int:shift_id>/syk/", plans.shift_sick_view, name="homecare_shift_sick"),
    path(D + "besok/<int:visit_id>/flytt/", plans.visit_move_view, name="homecare_visit_move"),
    path(W, worklist.worklist, name="homecare_worklist"),
    path(W + "<int:visit_id>/", worklist.visit_detail, name="homecare_visit"),
    path(W + "<int:visit_id>/start/", worklist.visit_start_view, name="homecare_visit_start"),
    path(W + "<int:visit_id>/utfort/", worklist.visit_done_view, name="homecare_visit_done"),
    path(
        W + "<int:visit_id>/ikke-utfort/",
        worklist.visit_not_done_view,
        name="homecare_visit_not_done",
    ),
    path(W + "<int:visit_id>/rapport/", worklist.visit_report_view, name="homecare_visit_report"),
]
