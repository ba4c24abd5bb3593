"""Reads of the case chain: criteria evaluation, worklists, the meeting agenda, case views.

Person data is reached only through people.access; list reads are logged per person shown.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from omsorg.cases.deadlines import (
    DeadlineState,
    appeal_deadline,
    deadline_state,
    expiry_warning_from,
    next_monthly_meeting,
    preliminary_reply_due,
)
from omsorg.cases.models import Appeal, Application, Decision, PreliminaryReply
from omsorg.catalogue.assess import AssessError, Evaluation, evaluate_service
from omsorg.catalogue.models import ServiceType
from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.errors import InvalidInput, Localized, NotFound
from omsorg.core.models import User
from omsorg.people.access import accessible_persons, log_reads
from omsorg.people.models import Person

# How long before a deadline the worklist starts warning, in days.
REVIEW_WARNING_DAYS = 30
PRELIMINARY_REPLY_WARNING_DAYS = 7
APPEAL_WARNING_DAYS = 7
CONDITION_WARNING_DAYS = 14
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


@dataclass(frozen=True)
class WorkItem:
    kind: str
    person: Person
    due: datetime.date | None
    state: DeadlineState | None
    application: Application | None = None
    decision: Decision | None = None
    appeal: Appeal | None = None


@dataclass
class Worklist:
    new: list[WorkItem] = field(default_factory=list)
    due: list[WorkItem] = field(default_factory=list)

    def persons(self) -> list[Person]:
        seen = {}
        for item in [*self.new, *self.due]:
            seen.setdefault(item.person.pk, item.person)
        return list(seen.values())


def _open_applications(persons: QuerySet) -> QuerySet[Application]:
    replied = PreliminaryReply.objects.filter(application=OuterRef("pk"))
    return (
        Application.objects.filter(person__in=persons)
        .exclude(status__in=[Application.Status.DECIDED, Application.Status.WITHDRAWN])
        .select_related("person")
        .prefetch_related("requested_services__service_type")
        .annotate(has_reply=Exists(replied))
    )


def _application_items(applications, today: datetime.date) -> tuple[list, list]:
    new, due = [], []
    for application in applications:
        if application.status == Application.Status.RECEIVED:
            new.append(WorkItem("application_new", application.person, None, None, application))
        if not application.has_reply:
            reply_due = preliminary_reply_due(application.received_on)
            state = deadline_state(reply_due, today, warn_days=PRELIMINARY_REPLY_WARNING_DAYS)
            if state != DeadlineState.OK:
                due.append(
                    WorkItem("preliminary_reply", application.person, reply_due, state, application)
                )
    return new, due


def persons_with_grant_from_unit(actor: User, today: datetime.date) -> QuerySet:
    """A service leader's need (the access door's provider): persons with a grant in force
    today or later, delivered by the leader's unit or a unit under it. A refusal gives none."""
    if actor.unit_id is None:
        return Decision.objects.none().values("person_id")
    units = Q(unit_id=actor.unit_id) | Q(unit__parent_id=actor.unit_id)
    return Decision.objects.in_force(today).filter(units).values("person_id")


def _decisions_in_force(persons: QuerySet) -> QuerySet[Decision]:
    """Grants in force, each marked with whether a later grant of the same service follows."""
    follow_up = Decision.objects.in_force().filter(
        person=OuterRef("person"),
        service_type__code=OuterRef("service_type__code"),
        valid_from__gt=OuterRef("valid_from"),
    )
    return (
        Decision.objects.in_force()
        .filter(person__in=persons)
        .select_related("person", "service_type")
        .annotate(followed=Exists(follow_up))
    )


def _decision_items(decisions, today: datetime.date) -> list[WorkItem]:
    items = []
    for decision in decisions:
        if decision.status == Decision.Status.DECIDED:
            items.append(
                WorkItem(
                    "notify",
                    decision.person,
                    decision.decided_on,
                    DeadlineState.DUE_TODAY,
                    decision=decision,
                )
            )
        items += _condition_items(decision, today)
        if decision.review_date:
            state = deadline_state(decision.review_date, today, warn_days=REVIEW_WARNING_DAYS)
            if state != DeadlineState.OK:
                items.append(
                    WorkItem(
                        "review", decision.person, decision.review_date, state, decision=decision
                    )
                )
        expiring = decision.valid_to and today >= expiry_warning_from(decision.valid_to)
        if expiring and not decision.followed:
            state = deadline_state(
                decision.valid_to, today, warn_days=(decision.valid_to - today).days + 1
            )
            items.append(
                WorkItem("expiring", decision.person, decision.valid_to, state, decision=decision)
            )
    return items


def _condition_items(decision: Decision, today: datetime.date) -> list[WorkItem]:
    """A condition attached to the grant (seed 004 §1.5: the cooperation contract made when
    the service starts) is a task until it is recorded as in place; due when the grant starts."""
    if not any(c.get("fulfilled_on") is None for c in decision.conditions or []):
        return []
    due = decision.valid_from or decision.decided_on
    state = deadline_state(due, today, warn_days=CONDITION_WARNING_DAYS)
    return [WorkItem("condition", decision.person, due, state, decision=decision)]


def _appeal_item(appeal: Appeal, today: datetime.date) -> WorkItem:
    """An open appeal is due a month after receipt (the fvl §11a norm: decide or reply);
    one forwarded to Statsforvalteren waits there and has no due date of ours."""
    person, decision = appeal.decision.person, appeal.decision
    if appeal.status == Appeal.Status.FORWARDED:
        return WorkItem(
            "appeal_forwarded", person, appeal.forwarded_on, None, decision=decision, appeal=appeal
        )
    due = preliminary_reply_due(appeal.received_on)
    state = deadline_state(due, today, warn_days=APPEAL_WARNING_DAYS)
    return WorkItem(f"appeal_{appeal.status}", person, due, state, decision=decision, appeal=appeal)


def _appeal_items(persons: QuerySet, today: datetime.date) -> list[WorkItem]:
    appeals = Appeal.objects.filter(
        decision__person__in=persons,
        status__in=[Appeal.Status.REGISTERED, Appeal.Status.REASSESSING, Appeal.Status.FORWARDED],
    ).select_related("decision__person", "decision__service_type")
    return [_appeal_item(appeal, today) for appeal in appeals]


def worklist_for(*, actor: User, today: datetime.date, channel: str = "page") -> Worklist:
    """What is new, due and overdue for the actor's persons; each person shown is logged."""
    persons = accessible_persons(actor, today)
    new, due = _application_items(_open_applications(persons), today)
    due += _decision_items(_decisions_in_force(persons), today)
    due += _appeal_items(persons, today)
    due.sort(key=lambda item: (item.due or today, item.kind))
    worklist = Worklist(new=new, due=due)
    log_reads(actor, worklist.persons(), what="worklist", channel=channel)
    return worklist


def meeting_agenda(*, actor: User, today: datetime.date, channel: str = "page"):
    """Applications ready for the coordinating unit's next monthly meeting (seed 004 §2)."""
    meeting = next_monthly_meeting(today, weekday=MEETING_WEEKDAY, nth=MEETING_NTH)
    applications = list(
        Application.objects.filter(
            person__in=accessible_persons(actor, today), status=Application.Status.READY
        )
        .select_related("person", "assessment")
        .prefetch_related("requested_services__service_type")
        .order_by("received_on", "pk")
    )
    log_reads(actor, [a.person for a in applications], what="meeting agenda", channel=channel)
    return meeting, applications


def applications_of(person: Person) -> QuerySet[Application]:
    return person.applications.prefetch_related("requested_services__service_type").order_by(
        "-received_on", "-pk"
    )


def decisions_of(person: Person) -> QuerySet[Decision]:
    return person.decisions.select_related("service_type", "unit").order_by("-decided_on", "-pk")


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
        "service_type__version__catalogue__municipality", "application", "unit", "decided_by"
    )
    return _one(decisions, person=person, pk=decision_id)


def appeal_for(*, person: Person, appeal_id: int) -> Appeal:
    appeals = Appeal.objects.select_related("decision__service_type", "decision__person")
    return _one(appeals, pk=appeal_id, decision__person=person)


def appeal_deadline_of(decision: Decision) -> datetime.date | None:
    if decision.notified_on is None:
        return None
    return appeal_deadline(decision.notified_on, weeks=decision.service_type.appeal_weeks)


def open_appeals(persons_filter: Q) -> QuerySet[Appeal]:
    return Appeal.objects.filter(persons_filter).exclude(status=Appeal.Status.CLOSED)
