from django.urls import path

from omsorg.cases.views import appeals, applications, decisions, journal, worklist

P = "personer/<int:person_id>/"

urlpatterns = [
    path("", worklist.home, name="home"),
    path("arbeidsliste/", worklist.worklist, name="worklist"),
    path("moete/", worklist.meeting_agenda, name="meeting_agenda"),
    path("tjenester/", worklist.catalogue, name="catalogue"),
    path(P + "soknader/ny/", applications.application_create, name="application_create"),
    path(
        P + "soknader/<int:application_id>/",
        applications.application_detail,
        name="application_detail",
    ),
    path(
        P + "soknader/<int:application_id>/saksbehandler/",
        applications.application_assign,
        name="application_assign",
    ),
    path(
        P + "soknader/<int:application_id>/trekk/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path(
        P + "soknader/<int:application_id>/kartlegging/",
        applications.assessment_record,
        name="assessment_record",
    ),
    path(
        P + "soknader/<int:application_id>/forelopig-svar/",
        applications.preliminary_reply,
        name="preliminary_reply",
    ),
    path(
        P + "forelopig-svar/<int:reply_id>.pdf",
        applications.preliminary_reply_letter,
        name="preliminary_reply_letter",
    ),
    path(
        P + "soknader/<int:application_id>/vedtak/<int:service_type_id>/",
        decisions.decision_create,
        name="decision_create",
    ),
    path(P + "vedtak/<int:decision_id>/", decisions.decision_detail, name="decision_detail"),
    path(
        P + "vedtak/<int:decision_id>/brev.pdf", decisions.decision_letter, name="decision_letter"
    ),
    path(
        P + "vedtak/<int:decision_id>/vilkar/<slug:code>/",
        decisions.decision_condition,
        name="decision_condition",
    ),
    path(P + "vedtak/<int:decision_id>/klage/ny/", appeals.appeal_create, name="appeal_create"),
    path(P + "vedtak/<int:decision_id>/evaluering/", appeals.review_create, name="review_create"),
    path(P + "klager/<int:appeal_id>/", appeals.appeal_detail, name="appeal_detail"),
    path(P + "klager/<int:appeal_id>/omgjoering/", appeals.appeal_reverse, name="appeal_reverse"),
    path(P + "klager/<int:appeal_id>/<str:kind>.pdf", appeals.appeal_letter, name="appeal_letter"),
    path(P + "journal/", journal.journal_note, name="journal_note"),
]
