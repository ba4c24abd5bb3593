"""Applications, preliminary replies and assessments."""

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.cases.deadlines import preliminary_reply_due
from omsorg.cases.models import (
    Application,
    Assessment,
    Document,
    PreliminaryReply,
    RequestedService,
)
from omsorg.cases.services.care_allowance import check_application_carer
from omsorg.cases.services.common import require_caseworker
from omsorg.cases.services.numbering import case_file_open, document_register
from omsorg.catalogue.assess import AssessError, validate_facts
from omsorg.catalogue.models import ServiceType
from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, Localized, StaleVersion
from omsorg.core.events import event_record, snapshot
from omsorg.core.lifecycle import set_status
from omsorg.core.models import Role, User
from omsorg.people.models import Person, Relative

# The urgent track is for cases that cannot wait for the ordinary one-month norm (fvl § 11 a).
URGENT_MAX_DAYS = 30


def _check_urgent(urgent_days: int | None) -> None:
    if urgent_days is not None and not 1 <= urgent_days <= URGENT_MAX_DAYS:
        raise InvalidInput(
            _("An urgent case is decided within 1 to %(max)s days."),
            field="urgent_days",
            max=URGENT_MAX_DAYS,
        )


def _check_not_future(value: datetime.date, today: datetime.date, field: str) -> None:
    if value > today:
        raise InvalidInput(_("The date cannot be in the future."), field=field)


@transaction.atomic
def application_register(
    *,
    actor: User,
    person: Person,
    channel: str,
    received_on: datetime.date,
    services: list[tuple[ServiceType, int | None]],
    consent_given: bool,
    description: str = "",
    today: datetime.date,
    urgent_days: int | None = None,
    carer: Relative | None = None,
) -> Application:
    """Register an application with the services applied for (seed 004 §2); `urgent_days`
    puts it on the urgent track, decided within that many days of receipt."""
    require_caseworker(actor)
    _check_urgent(urgent_days)
    check_application_carer(person, services, carer)
    if channel not in Application.Channel.values:
        raise InvalidInput(_("Unknown channel."), field="channel")
    _check_not_future(received_on, today, "received_on")
    if not services:
        raise InvalidInput(_("Choose at least one service applied for."), field="services")
    codes = [service_type.code for service_type, _quantity in services]
    if len(set(codes)) != len(codes):
        raise InvalidInput(_("Each service can be applied for once."), field="services")
    if any(s.version.catalogue.municipality_id != actor.municipality_id for s, _q in services):
        raise InvalidInput(
            _("The service is not in the municipality's catalogue."), field="services"
        )
    if person.municipality_id != actor.municipality_id:
        raise InvalidInput(_("The person belongs to another municipality."), field="person")
    application = Application.objects.create(
        municipality_id=actor.municipality_id,
        person=person,
        channel=channel,
        received_on=received_on,
        consent_given=consent_given,
        description=description,
        urgent_days=urgent_days,
        carer=carer,
        caseworker=actor,
        case_file=case_file_open(municipality=person.municipality, opened_on=received_on),
        created_by=actor,
        updated_by=actor,
    )
    RequestedService.objects.bulk_create(
        RequestedService(application=application, service_type=service_type, quantity=quantity)
        for service_type, quantity in services
    )
    event_record(actor=actor, kind="application_registered", subject=application, person=person)
    return application


def application_set_status(*, actor: User, application: Application, status: str) -> None:
    require_caseworker(actor)
    set_status(application, status, actor=actor, person=application.person)


@transaction.atomic
def preliminary_reply_send(
    *,
    actor: User,
    application: Application,
    expected_by: datetime.date,
    reason: str,
    today: datetime.date,
) -> PreliminaryReply:
    """Foreløpig svar (fvl §11a): why it takes time and when a decision can be expected."""
    require_caseworker(actor)
    if application.status in {Application.Status.DECIDED, Application.Status.WITHDRAWN}:
        raise InvalidInput(_("The application is already closed."), field="application")
    if expected_by <= today:
        raise InvalidInput(_("The expected date must be after today."), field="expected_by")
    if not reason.strip():
        raise InvalidInput(_("Say why the case takes time."), field="reason")
    reply = PreliminaryReply.objects.create(
        application=application,
        sent_on=today,
        expected_by=expected_by,
        reason=reason,
        created_by=actor,
        updated_by=actor,
    )
    if application.case_file_id:
        document_register(
            case_file=application.case_file,
            kind=Document.Kind.PRELIMINARY_REPLY,
            dated=today,
            preliminary_reply=reply,
        )
    event_record(
        actor=actor, kind="preliminary_reply_sent", subject=reply, person=application.person
    )
    return reply


def preliminary_reply_required(application: Application, today: datetime.date) -> bool:
    """Undecided a month after receipt and no reply sent yet (fvl §11a; seed 004 §2)."""
    open_statuses = {
        Application.Status.RECEIVED,
        Application.Status.ASSESSING,
        Application.Status.READY,
    }
    return (
        application.status in open_statuses
        and today >= preliminary_reply_due(application.received_on)
        and not application.preliminary_replies.exists()
    )


@transaction.atomic
def assessment_plan(
    *, actor: User, application: Application, planned_on: datetime.date, methods: list[str]
) -> Assessment:
    require_caseworker(actor)
    unknown = set(methods) - set(Assessment.Method.values)
    if unknown:
        raise InvalidInput(_("Unknown assessment method."), field="methods")
    if hasattr(application, "assessment"):
        raise InvalidInput(_("The application already has an assessment."), field="application")
    assessment = Assessment.objects.create(
        application=application,
        planned_on=planned_on,
        methods=methods,
        created_by=actor,
        updated_by=actor,
    )
    if application.status == Application.Status.RECEIVED:
        set_status(
            application, Application.Status.ASSESSING, actor=actor, person=application.person
        )
    event_record(
        actor=actor, kind="assessment_planned", subject=assessment, person=application.person
    )
    return assessment


def _clean_facts(facts: dict) -> dict:
    try:
        return validate_facts(facts)
    except AssessError as error:
        raise InvalidInput(
            _("The facts are not valid: %(reason)s"),
            field=f"facts.{error.key}",
            reason=Localized(
                nb=error.message_nb, nn=error.message_nn or error.message_nb, en=error.message_en
            ),
        ) from error


@transaction.atomic
def assessment_record(
    *,
    actor: User,
    application: Application,
    performed_on: datetime.date,
    methods: list[str],
    facts: dict,
    summary: str,
    expected_version: int | None,
    today: datetime.date,
    lower_step: str = "",
    lower_step_note: str = "",
) -> Assessment:
    """Record what the assessment found, as structured facts the criteria can read, and
    whether a lower step on the staircase was tried or considered (seed 004 §1.0, §2.1)."""
    require_caseworker(actor)
    _check_not_future(performed_on, today, "performed_on")
    if performed_on < application.received_on:
        raise InvalidInput(
            _("The assessment cannot be before the application was received."), field="performed_on"
        )
    unknown = set(methods) - set(Assessment.Method.values)
    if unknown or not methods:
        raise InvalidInput(_("Choose how the assessment was done."), field="methods")
    if lower_step and lower_step not in Assessment.LowerStep.values:
        raise InvalidInput(_("Unknown answer about the lower step."), field="lower_step")
    clean = _clean_facts(facts)
    assessment = getattr(application, "assessment", None)
    if assessment is None:
        assessment = Assessment.objects.create(
            application=application, created_by=actor, updated_by=actor
        )
        expected_version = assessment.version
    elif expected_version is None:
        # Editing an existing assessment without saying which version was seen could
        # overwrite a colleague's work unnoticed.
        raise StaleVersion()
    before = snapshot(assessment)
    assessment.status = Assessment.Status.DONE
    assessment.performed_on, assessment.methods = performed_on, methods
    assessment.facts, assessment.summary = clean, summary
    assessment.lower_step, assessment.lower_step_note = lower_step, lower_step_note
    save_versioned(
        assessment,
        expected_version=expected_version,
        actor=actor,
        fields=[
            "status",
            "performed_on",
            "methods",
            "facts",
            "summary",
            "lower_step",
            "lower_step_note",
        ],
    )
    event_record(
        actor=actor,
        kind="assessment_recorded",
        subject=assessment,
        person=application.person,
        before=before,
    )
    if application.status in {Application.Status.RECEIVED, Application.Status.ASSESSING}:
        set_status(application, Application.Status.READY, actor=actor, person=application.person)
    return assessment


@transaction.atomic
def application_assign(
    *, actor: User, application: Application, caseworker: User, expected_version: int
) -> Application:
    """Give the case to a caseworker of the municipality (the worklist's "mine")."""
    require_caseworker(actor)
    if caseworker.role != Role.CASEWORKER or caseworker.municipality_id != actor.municipality_id:
        raise InvalidInput(_("Choose a caseworker in the municipality."), field="caseworker")
    before = snapshot(application)
    application.caseworker = caseworker
    save_versioned(
        application, expected_version=expected_version, actor=actor, fields=["caseworker"]
    )
    event_record(
        actor=actor,
        kind="application_assigned",
        subject=application,
        person=application.person,
        before=before,
    )
    return application
