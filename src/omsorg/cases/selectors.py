"""Reads of the case chain: criteria evaluation, the meeting agenda, case views (the worklist
and the person page's case file are in cases.worklist, re-exported here).

Person data is reached only through people.access; list reads are logged per person shown.
"""

import datetime
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from omsorg.cases.deadlines import (
    appeal_deadline,
    next_monthly_meeting,
)
from omsorg.cases.models import (
    Appeal,
    Application,
    CareAllowanceRate,
    Decision,
)
from omsorg.cases.worklist import (  # noqa: F401  (re-exported: the worklist's public names)
    _REQUESTED_WITH_RULES,
    CASE_TASK_ROLES,
    NOTIFY_WORKING_DAYS,
    TASK_KINDS,
    WORKLIST_SECTIONS,
    WorkItem,
    Worklist,
    WorkScope,
    goes_to_meeting,
    person_case_file,
    urgent_state,
    worklist_for,
)
from omsorg.cases.worklist_sql import worklist_pages  # noqa: F401  (re-exported)
from omsorg.catalogue.assess import AssessError, Evaluation, evaluate_service
from omsorg.catalogue.models import ServiceType
from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.errors import InvalidInput, Localized, NotFound, PermissionDenied
from omsorg.core.models import Unit, User
from omsorg.people.access import (
    CASE_RECORD_DENIED,
    Purpose,
    accessible_persons,
    log_denied,
    log_reads,
    may_read_case_record,
)
from omsorg.people.models import Person

# The coordinating unit meets on the first Tuesday of the month (seed 004 §2: monthly meeting).
MEETING_WEEKDAY, MEETING_NTH = 1, 1


def case_facts(person: Person, application: Application | None) -> dict:
    """Facts for the criteria: the assessment's, plus what the register knows of the person."""
    facts = {}
    assessment = getattr(application, "assessment", None) if application else None
    if assessment is not None:
        facts.update(assessment.facts)
    facts["birth_date"] = person.birth_date.isoformat()
    facts.setdefault("resident", person.resident)
    return facts


def evaluation_for(
    *,
    person: Person,
    application: Application | None,
    service_type: ServiceType,
    on_date: datetime.date,
) -> Evaluation:
    spec = service_type_spec(service_type)
    try:
        return evaluate_service(spec, case_facts(person, application), on_date)
    except AssessError as error:  # stored facts that the catalogue's rules no longer accept
        raise InvalidInput(
            _("The facts are not valid: %(reason)s"),
            field=f"facts.{error.key}",
            reason=Localized(
                nb=error.message_nb, nn=error.message_nn or error.message_nb, en=error.message_en
            ),
        ) from error


def persons_with_grant_from_unit(actor: User, today: datetime.date) -> QuerySet:
    """A service leader's need (the access door's provider): persons with a grant in force
    today or later, delivered by the leader's unit or a unit under it. A refusal gives none."""
    if actor.unit_id is None:
        return Decision.objects.none().values("person_id")
    units = Q(unit_id=actor.unit_id) | Q(unit__parent_id=actor.unit_id)
    return Decision.objects.in_force(today).filter(units).values("person_id")


# A decided case is still being followed up for a while: the letter, the appeal period.
FOLLOW_UP_DAYS = 90
OPEN_APPLICATION = [
    Application.Status.RECEIVED,
    Application.Status.ASSESSING,
    Application.Status.READY,
]


def persons_with_active_case(actor: User, since: datetime.date) -> QuerySet:
    """Log control's provider: persons with an active case for the actor's unit from `since`.
    The deciding unit: an open application, a standing grant or a recent decision in the
    municipality. Staff who deliver a service: a grant delivered by their unit."""
    if actor.role not in CASE_TASK_ROLES:
        return Decision.objects.in_force(since).filter(delivered_by(actor)).values("person_id")
    own = Q(person__municipality_id=actor.municipality_id)
    recent = Q(decided_on__gte=since - datetime.timedelta(days=FOLLOW_UP_DAYS))
    decisions = Decision.objects.filter(own).filter(
        recent | Q(pk__in=Decision.objects.in_force(since).values("pk"))
    )
    applications = Application.objects.filter(own, status__in=OPEN_APPLICATION)
    return (
        decisions.order_by().values("person_id").union(applications.order_by().values("person_id"))
    )


def meeting_agenda(*, actor: User, today: datetime.date, channel: str = "page"):
    """Applications ready for the coordinating unit's next monthly meeting (seed 004 §2):
    only those with a service whose guideline puts it there, never an urgent one."""
    meeting = next_monthly_meeting(today, weekday=MEETING_WEEKDAY, nth=MEETING_NTH)
    ready = (
        Application.objects.filter(
            person__in=accessible_persons(actor, today, Purpose.CASE_RECORD),
            status=Application.Status.READY,
        )
        .select_related("person", "assessment")
        .prefetch_related(_REQUESTED_WITH_RULES)
        .order_by("received_on", "pk")
    )
    applications = [application for application in ready if goes_to_meeting(application)]
    log_reads(actor, [a.person for a in applications], what="meeting agenda", channel=channel)
    return meeting, applications


def deciding_unit_for(*, municipality_id: int, service_type: ServiceType) -> Unit | None:
    """The office that decides the service in this municipality: the catalogue names the
    office (children's coordinating unit or adults' allocation office), the unit setup says
    which unit it is. None when the municipality has not set up that office."""
    office = service_type_spec(service_type).deciding_office
    if office is None:
        return None
    return Unit.objects.filter(municipality_id=municipality_id, decides_for=office).first()


def rate_in_force(*, municipality_id: int, on: datetime.date) -> CareAllowanceRate | None:
    """The care-allowance hourly rate valid on `on`: the newest row from that date or before."""
    rates = CareAllowanceRate.objects.filter(municipality_id=municipality_id, valid_from__lte=on)
    return rates.order_by("-valid_from").first()


def other_allowance_hours(*, person: Person, on: datetime.date, carer) -> Decimal:
    """Care-allowance hours per month granted to the person's other carers on `on` (the
    100 % of seed 004 §1.8 is per person cared for, whoever the carers are)."""
    grants = Decision.objects.in_force(on, on).filter(person=person).exclude(carer=carer)
    grants = grants.exclude(monthly_amount=None)
    return Decimal(sum(grant.quantity or 0 for grant in grants))


def applications_of(person: Person) -> QuerySet[Application]:
    return person.applications.prefetch_related("requested_services__service_type").order_by(
        "-received_on", "-pk"
    )


def decisions_of(person: Person) -> QuerySet[Decision]:
    return person.decisions.select_related("service_type", "unit").order_by("-decided_on", "-pk")


def delivered_by(actor: User) -> Q:
    """Decisions of the service the actor delivers: those naming the actor's unit or a unit
    under it (the same units that give a service leader the need, see above)."""
    if actor.unit_id is None:
        return Q(pk__in=[])
    return Q(unit_id=actor.unit_id) | Q(unit__parent_id=actor.unit_id)


def decisions_readable(*, actor: User, person: Person, today: datetime.date) -> QuerySet[Decision]:
    """The person's decisions the actor may read: all for the deciding unit (the case record);
    for staff who deliver a service, that service's decisions only (Normen: need to know)."""
    if may_read_case_record(actor, person, today):
        return decisions_of(person)
    return _delivered_decisions(actor, person)


def _delivered_decisions(actor: User, person: Person) -> QuerySet[Decision]:
    return decisions_of(person).filter(delivered_by(actor)).exclude(status=Decision.Status.DRAFT)


def decision_read(
    *, actor: User, person: Person, decision_id: int, today: datetime.date, channel: str = "page"
) -> Decision:
    """One decision the actor may read. Another service's decision is refused with 403 and the
    refusal logged; whether that id exists at all is not told (the same 403 either way)."""
    delivered = _delivered_decisions(actor, person).filter(pk=decision_id)
    if not may_read_case_record(actor, person, today) and not delivered.exists():
        log_denied(actor, person.pk, what=f"decision {decision_id}", channel=channel)
        raise PermissionDenied(CASE_RECORD_DENIED)
    return decision_for(person=person, decision_id=decision_id)


def _one(queryset: QuerySet, **lookup):
    """The row, or NotFound: an id from another person's case is as absent as a wrong one."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as error:
        raise NotFound() from error


def application_for(*, person: Person, application_id: int) -> Application:
    applications = Application.objects.select_related("person", "caseworker").prefetch_related(
        "requested_services__service_type", "decisions", "preliminary_replies"
    )
    return _one(applications, person=person, pk=application_id)


def decision_for(*, person: Person, decision_id: int) -> Decision:
    decisions = Decision.objects.select_related(
        "service_type__version__catalogue__municipality",
        "application",
        "unit",
        "deciding_unit",
        "decided_by",
        # What the decision page and its letter read of every decision, joined, so the page
        # costs the same queries whether the decision replaces one, has a carer or came from
        # an appeal (issue 8 §5: query counts flat).
        "application__assessment",
        "carer",
        "replaces",
        "from_appeal",
    )
    decision = _one(decisions, person=person, pk=decision_id)
    decision.person = person  # the row the caller read through the access door, not again
    return decision


def appeal_for(*, person: Person, appeal_id: int) -> Appeal:
    appeals = Appeal.objects.select_related("decision__service_type", "decision__person")
    return _one(appeals, pk=appeal_id, decision__person=person)


def appeal_deadline_of(decision: Decision) -> datetime.date | None:
    if decision.notified_on is None:
        return None
    return appeal_deadline(decision.notified_on, weeks=decision.service_type.appeal_weeks)


def open_appeals(persons_filter: Q) -> QuerySet[Appeal]:
    return Appeal.objects.filter(persons_filter).exclude(status=Appeal.Status.CLOSED)


def decision_in_force(
    *, person: Person, service_code: str, on_date: datetime.date
) -> Decision | None:
    """The person's grant of the service in force on `on_date` (or starting later), newest first:
    what a new decision on the same service starts from."""
    return (
        Decision.objects.in_force(on_date)
        .filter(person=person, service_type__code=service_code)
        .select_related("service_type", "unit")
        .order_by("-valid_from", "-pk")
        .first()
    )
