from django.urls import path

from omsorg.respite.views import (
    accounting,
    days,
    family,
    homes,
    placements,
    plans,
    setup,
    stays,
)

H = "avlastning/<int:home_id>/"

urlpatterns = [
    path("avlastning/", homes.respite_homes, name="respite_homes"),
    path(H, homes.respite_home, name="respite_home"),
    path(H + "innstillinger/", setup.home_settings, name="respite_home_settings"),
    path(H + "plan/ny/", plans.plan_run_create, name="plan_run_create"),
    path(H + "plan/<int:run_id>/", plans.plan_run_detail, name="plan_run_detail"),
    path(H + "plan/<int:run_id>/fremdrift/", plans.plan_run_progress, name="plan_run_progress"),
    path(H + "plan/<int:run_id>/godta/", plans.plan_run_accept_view, name="plan_run_accept"),
    path(H + "plan/<int:run_id>/forkast/", plans.plan_run_discard_view, name="plan_run_discard"),
    path(H + "opphold/<int:stay_id>/", stays.stay_detail, name="stay_detail"),
    path(H + "dagopphold/<int:day_stay_id>/", days.day_stay_detail, name="day_stay_detail"),
    path(H + "barn/ny/", placements.placement_new, name="placement_new"),
    path(H + "barn/<int:placement_id>/", placements.placement_detail, name="placement_detail"),
    path(H + "vakter/", placements.shifts, name="respite_shifts"),
    path(H + "regnskap/", accounting.respite_accounting, name="respite_accounting"),
    path(
        H + "fakturagrunnlag/<int:municipality_id>/<int:year>-<int:month>.csv",
        accounting.invoice_csv,
        name="invoice_csv",
    ),
    path(
        H + "fakturagrunnlag/<int:municipality_id>/<int:year>-<int:month>.pdf",
        accounting.invoice_pdf,
        name="invoice_pdf",
    ),
    path("familie/", family.family_home, name="family_home"),
    path("familie/opphold/<int:stay_id>/", family.family_report, name="family_report"),
    path("familie/innsyn/", family.family_access_log, name="family_access_log"),
    path("kalender/<str:token>.ics", family.calendar_feed, name="calendar_feed"),
]
