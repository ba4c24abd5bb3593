"""Case-chain endpoints: applications, assessments, evaluations, decisions, appeals, reviews,
the worklist and the meeting agenda.

Each handler reads the person through people.access first (service need, access log), then
calls one service or selector. Updates carry the `version` the client read: it is handed to
the service, whose conditional UPDATE refuses a stale edit with 409 stale_version.
"""

from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status
from ninja.pagination import paginate

from omsorg.cases import selectors
from omsorg.cases.models import Appeal, Application, Decision
from omsorg.cases.schemas import (
    AppealForwardIn,
    AppealIn,
    AppealOut,
    AppealOutcomeIn,
    AppealReassessIn,
    AppealReverseIn,
    ApplicationIn,
    ApplicationOut,
    AssessmentIn,
    AssessmentOut,
    DecisionDetailOut,
    DecisionIn,
    DecisionOut,
    DecisionTermsIn,
    EvaluationOut,
    MeetingAgendaOut,
    NotifyIn,
    ReviewIn,
    ReviewOut,
    WorklistOut,
)
from omsorg.cases.services import appeals, applications, decisions, reviews
from omsorg.cases.services.care_allowance import CareInput
from omsorg.catalogue.models import ServiceType
from omsorg.catalogue.selectors import current_service_types
from omsorg.core.clock import today
from omsorg.core.errors import InvalidInput, NotFound
from omsorg.core.models import Unit
from omsorg.core.schemas import Id, Pagination, errors, text
from omsorg.people.access import Purpose
from omsorg.people.models import Person, Relative
from omsorg.people.selectors import person_get

router = Router(tags=["cases"])
CHANNEL = "api"

READ = errors(401, 403, 404, 422)
WRITE = errors(400, 401, 403, 404, 409, 422)

# ---------------------------------------------------------------- parsing helpers


def person_for(request, person_id: int, what: str, purpose: str = Purpose.CASE_RECORD) -> Person:
    """The service-need check and the access-log row every case endpoint starts with. The case
    record is the deciding unit's (403 for staff who only deliver a service), unless the
    endpoint says it serves delivery too (a decision of the reader's own service)."""
    return person_get(
        actor=request.auth,
        person_id=person_id,
        today=today(),
        what=what,
        channel=CHANNEL,
        purpose=purpose,
    )


def _at_version(instance: Model, version: int) -> Model:
    """Make the service check the version the client read, not the one just loaded."""
    instance.version = version
    return instance


def _application(request, person_id: int, application_id: int) -> Application:
    person = person_for(request, person_id, "case")
    return selectors.application_for(person=person, application_id=application_id)


def _decision(request, person_id: int, decision_id: int) -> Decision:
    person = person_for(request, person_id, "case")
    return selectors.decision_for(person=person, decision_id=decision_id)


def _appeal(request, person_id: int, appeal_id: int) -> Appeal:
    person = person_for(request, person_id, "case")
    return selectors.appeal_for(person=person, appeal_id=appeal_id)


def _services_applied_for(person: Person, services) -> list[tuple[ServiceType, int | None]]:
    """Service codes of the person's municipality's current catalogue, each once."""
    codes = [service.code for service in services]
    if len(set(codes)) != len(codes):
        raise InvalidInput(_("Each service can be applied for only once."), field="services")
    known = {
        st.code: st for st in current_service_types(person.municipality_id).filter(code__in=codes)
    }
    for index, code in enumerate(codes):
        if code not in known:
            raise InvalidInput(
                _("Unknown service: %(code)s."), field=f"services.{index}.code", code=code
            )
    return [(known[service.code], service.quantity) for service in services]


def _requested(application: Application, code: str, error: Exception) -> ServiceType:
    for requested in application.requested_services.all():  # prefetched
        if requested.service_type.code == code:
            return requested.service_type
    raise error


def _unit(person: Person, unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    unit = Unit.objects.providing_for(person.municipality_id).filter(pk=unit_id).first()
    if unit is None:
        raise InvalidInput(_("Unknown unit."), field="unit_id")
    return unit


def _carer(person: Person, carer_id: int | None) -> Relative | None:
    if carer_id is None:
        return None
    carer = Relative.objects.filter(person=person, pk=carer_id).first()
    if carer is None:
        raise InvalidInput(
            _("The carer must be a relative of the person cared for."), field="carer_id"
        )
    return carer


def _care(terms: DecisionTermsIn) -> CareInput | None:
    return None if terms.care is None else CareInput(**terms.care.dict())


def _decision_input(service_type: ServiceType, terms: DecisionTermsIn, person: Person):
    return decisions.DecisionInput(
        service_type=service_type,
        outcome=terms.outcome,
        reasons=terms.reasons,
        quantity=terms.quantity,
        scope_period=terms.scope_period or "",
        scope_unit=terms.scope_unit or "",
        valid_from=terms.valid_from,
        valid_to=terms.valid_to,
        review_date=terms.review_date,
        justification=terms.justification,
        unit=_unit(person, terms.unit_id),
        service_form=terms.service_form,
        fact_statements=terms.fact_statements,
        carer=_carer(person, terms.carer_id),
        care=_care(terms),
    )


# ---------------------------------------------------------------- applications


@router.get("/persons/{person_id}/applications", response={200: list[ApplicationOut], **READ})
@paginate(Pagination)
def application_list(request, person_id: Id):
    return selectors.applications_of(person_for(request, person_id, "applications"))


@router.post("/persons/{person_id}/applications", response={201: ApplicationOut, **WRITE})
def application_create(request, person_id: Id, payload: ApplicationIn):
    person = person_for(request, person_id, "case")
    application = applications.application_register(
        actor=request.auth,
        person=person,
        channel=payload.channel,
        received_on=payload.received_on,
        services=_services_applied_for(person, payload.services),
        consent_given=payload.consent_given,
        description=payload.description,
        today=today(),
        urgent_days=payload.urgent_days,
    )
    return Status(201, selectors.application_for(person=person, application_id=application.pk))


@router.get(
    "/persons/{person_id}/applications/{application_id}", response={200: ApplicationOut, **READ}
)
def application_get(request, person_id: Id, application_id: Id):
    return _application(request, person_id, application_id)


# ---------------------------------------------------------------- assessments and evaluation


@router.get(
    "/persons/{person_id}/applications/{application_id}/assessment",
    response={200: AssessmentOut, **READ},
)
def assessment_get(request, person_id: Id, application_id: Id):
    return _application(request, person_id, application_id).assessment


@router.put(
    "/persons/{person_id}/applications/{application_id}/assessment",
    response={200: AssessmentOut, **WRITE},
)
def assessment_record(request, person_id: Id, application_id: Id, payload: AssessmentIn):
    """Record what the assessment found; the facts are checked against the known facts."""
    return applications.assessment_record(
        actor=request.auth,
        application=_application(request, person_id, application_id),
        performed_on=payload.performed_on,
        methods=payload.methods,
        facts=payload.facts,
        summary=payload.summary,
        lower_step=payload.lower_step,
        lower_step_note=payload.lower_step_note,
        expected_version=payload.version,
        today=today(),
    )


@router.get(
    "/persons/{person_id}/applications/{application_id}/evaluation/{service_code}",
    response={200: EvaluationOut, **READ},
)
def evaluation_get(request, person_id: Id, application_id: Id, service_code: text(50)):
    """The criteria applied to the assessment's facts for one service applied for."""
    application = _application(request, person_id, application_id)
    return selectors.evaluation_for(
        person=application.person,
        application=application,
        service_type=_requested(application, service_code, NotFound()),
        on_date=today(),
    )


# ---------------------------------------------------------------- decisions


@router.post(
    "/persons/{person_id}/applications/{application_id}/decisions",
    response={201: DecisionOut, **WRITE},
)
def decision_create(request, person_id: Id, application_id: Id, payload: DecisionIn):
    application = _application(request, person_id, application_id)
    not_applied = InvalidInput(_("The service was not applied for."), field="service_code")
    service_type = _requested(application, payload.service_code, not_applied)
    decision = decisions.decision_make(
        actor=request.auth,
        person=application.person,
        data=_decision_input(service_type, payload, application.person),
        today=today(),
        application=application,
    )
    return Status(201, decision)


@router.get("/persons/{person_id}/decisions", response={200: list[DecisionOut], **READ})
@paginate(Pagination)
def decision_list(request, person_id: Id):
    """All decisions for the deciding unit; the reader's own service's for delivery staff."""
    person = person_for(request, person_id, "decisions", Purpose.DELIVERY)
    return selectors.decisions_readable(actor=request.auth, person=person, today=today())


@router.get(
    "/persons/{person_id}/decisions/{decision_id}", response={200: DecisionDetailOut, **READ}
)
def decision_get(request, person_id: Id, decision_id: Id):
    person = person_for(request, person_id, "decision", Purpose.DELIVERY)
    return selectors.decision_read(
        actor=request.auth, person=person, decision_id=decision_id, today=today(), channel=CHANNEL
    )


@router.post(
    "/persons/{person_id}/decisions/{decision_id}/notify", response={200: DecisionOut, **WRITE}
)
def decision_notify(request, person_id: Id, decision_id: Id, payload: NotifyIn):
    """Record that the letter reached the applicant: the appeal period runs from here."""
    decision = _at_version(_decision(request, person_id, decision_id), payload.version)
    return decisions.decision_notify(
        actor=request.auth, decision=decision, notified_on=payload.notified_on, today=today()
    )


# ---------------------------------------------------------------- appeals


@router.post(
    "/persons/{person_id}/decisions/{decision_id}/appeals", response={201: AppealOut, **WRITE}
)
def appeal_create(request, person_id: Id, decision_id: Id, payload: AppealIn):
    appeal = appeals.appeal_register(
        actor=request.auth,
        decision=_decision(request, person_id, decision_id),
        today=today(),
        **payload.dict(),
    )
    return Status(201, appeal)


@router.get("/persons/{person_id}/appeals/{appeal_id}", response={200: AppealOut, **READ})
def appeal_get(request, person_id: Id, appeal_id: Id):
    return _appeal(request, person_id, appeal_id)


@router.post(
    "/persons/{person_id}/appeals/{appeal_id}/reassess", response={200: AppealOut, **WRITE}
)
def appeal_reassess(request, person_id: Id, appeal_id: Id, payload: AppealReassessIn):
    appeal = _at_version(_appeal(request, person_id, appeal_id), payload.version)
    return appeals.appeal_reassess(
        actor=request.auth, appeal=appeal, reassessment=payload.reassessment
    )


@router.post(
    "/persons/{person_id}/appeals/{appeal_id}/reverse", response={201: DecisionOut, **WRITE}
)
def appeal_reverse(request, person_id: Id, appeal_id: Id, payload: AppealReverseIn):
    """The coordinating unit gives the appellant right: a new decision replaces the old."""
    appeal = _at_version(_appeal(request, person_id, appeal_id), payload.version)
    old = appeal.decision
    new = appeals.appeal_reverse(
        actor=request.auth,
        appeal=appeal,
        data=_decision_input(old.service_type, payload, old.person),
        partly=payload.outcome == Decision.Outcome.PARTLY_GRANTED,
        today=today(),
    )
    return Status(201, new)


@router.post("/persons/{person_id}/appeals/{appeal_id}/forward", response={200: AppealOut, **WRITE})
def appeal_forward(request, person_id: Id, appeal_id: Id, payload: AppealForwardIn):
    """Not upheld: the case goes to Statsforvalteren with the unit's reassessment."""
    appeal = _at_version(_appeal(request, person_id, appeal_id), payload.version)
    return appeals.appeal_forward(
        actor=request.auth,
        appeal=appeal,
        reassessment=payload.reassessment,
        forwarded_on=payload.forwarded_on,
        today=today(),
    )


@router.post("/persons/{person_id}/appeals/{appeal_id}/outcome", response={200: AppealOut, **WRITE})
def appeal_outcome(request, person_id: Id, appeal_id: Id, payload: AppealOutcomeIn):
    """Statsforvalteren's outcome closes a forwarded appeal."""
    appeal = _at_version(_appeal(request, person_id, appeal_id), payload.version)
    return appeals.appeal_record_outcome(
        actor=request.auth,
        appeal=appeal,
        outcome=payload.outcome,
        outcome_on=payload.outcome_on,
        today=today(),
    )


# ---------------------------------------------------------------- reviews


@router.post(
    "/persons/{person_id}/decisions/{decision_id}/reviews", response={201: ReviewOut, **WRITE}
)
def review_create(request, person_id: Id, decision_id: Id, payload: ReviewIn):
    """Continue (with a new review date), change (a new decision) or end a grant."""
    decision = _at_version(_decision(request, person_id, decision_id), payload.version)
    new_terms = payload.new_decision
    new = None
    if new_terms is not None:
        new = _decision_input(decision.service_type, new_terms, decision.person)
    review = reviews.review_record(
        actor=request.auth,
        decision=decision,
        performed_on=payload.performed_on,
        outcome=payload.outcome,
        notes=payload.notes,
        next_review_date=payload.next_review_date,
        new_decision=new,
        today=today(),
    )
    return Status(201, review)


# ---------------------------------------------------------------- worklist and agenda


@router.get("/worklist", response={200: WorklistOut, **errors(401)})
def worklist(request):
    """New cases and deadlines for the caller's persons; every person shown is logged."""
    return selectors.worklist_for(actor=request.auth, today=today(), channel=CHANNEL)


@router.get("/meeting-agenda", response={200: MeetingAgendaOut, **errors(401)})
def meeting_agenda(request):
    """Applications ready for the coordinating unit's next monthly meeting."""
    meeting, ready = selectors.meeting_agenda(actor=request.auth, today=today(), channel=CHANNEL)
    return {"meeting_date": meeting, "applications": ready}
