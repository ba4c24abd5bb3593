"""The caseworker's worklist and the person page's case file (tasks, appeals, letters, journal).

Everything a caseworker must do next, each with its deadline and the page where it is done.
Person data is reached only through people.access; every person shown is logged.
"""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omsorg.cases.deadlines import (
    DEFAULT_EXPIRY_LEAD_DAYS,
    DeadlineState,
    add_working_days,
    deadline_state,
    expiry_warning_from,
    preliminary_reply_due,
)
from omsorg.cases.models import (
    GRANTING_OUTCOMES,
    STANDING_STATUSES,
    Appeal,
    Application,
    Decision,
    PreliminaryReply,
    RequestedService,
)
from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.models import Role, User
from omsorg.people.access import accessible_persons, log_reads
from omsorg.people.models import Person

# How long before a deadline the worklist starts warning, in days.
REVIEW_WARNING_DAYS = 30
CONDITION_WARNING_DAYS = 14
PRELIMINARY_REPLY_WARNING_DAYS = 7
APPEAL_WARNING_DAYS = 7

# fvl § 27 first paragraph: the party is told of a decision "as soon as possible". The allocation
# office's service standard gives the letter three working days after the decision: one to check
# it, one to send it, one spare. Later than that the task is overdue and shown in red.
NOTIFY_WORKING_DAYS = 3

OPEN_APPEAL = [Appeal.Status.REGISTERED, Appeal.Status.REASSESSING, Appeal.Status.FORWARDED]

# Only caseworkers process cases; care workers, leaders and guardians never see these tasks.
CASE_TASK_ROLES = {Role.CASEWORKER}


class WorkScope(StrEnum):
    ALL = "all"
    MINE = "mine"  # cases assigned to me
    UNIT = "unit"  # cases assigned to someone in my unit, or to no one yet


# The kinds of task a caseworker can filter on; appeal_* statuses group under "appeal".
TASK_KINDS = {
    "urgent": _("Urgent case"),
    "application_new": _("New application"),
    "decide": _("Decide (when ready, no meeting)"),
    "preliminary_reply": _("Send preliminary reply"),
    "notify": _("Send decision letter"),
    "review": _("Review decision"),
    "expiring": _("Decision expires"),
    "appeal": _("Process appeal"),
    "appeal_forwarded": _("Appeal with the county governor"),
    "condition": _("Follow up a condition of the grant"),
}
_TASK_URLS = {
    "urgent": ("application_detail", "application"),
    "application_new": ("application_detail", "application"),
    "decide": ("application_detail", "application"),
    "preliminary_reply": ("preliminary_reply", "application"),
    "notify": ("decision_detail", "decision"),
    "review": ("review_create", "decision"),
    "expiring": ("review_create", "decision"),
    "appeal": ("appeal_detail", "appeal"),
    "appeal_forwarded": ("appeal_detail", "appeal"),
    "condition": ("decision_detail", "decision"),
}


def task_group(kind: str) -> str:
    """The kind a caseworker filters on: an appeal's statuses group under "appeal"."""
    return "appeal" if kind in {"appeal_registered", "appeal_reassessing"} else kind


@dataclass(frozen=True)
class WorkItem:
    kind: str
    person: Person
    due: datetime.date | None
    state: DeadlineState | None
    application: Application | None = None
    decision: Decision | None = None
    appeal: Appeal | None = None
    caseworker: User | None = None

    @property
    def deciding_unit_id(self) -> int | None:
        """The office that decides the case (issue 7 §1.7), once a decision names it."""
        return self.decision.deciding_unit_id if self.decision is not None else None

    @property
    def group(self) -> str:
        return task_group(self.kind)

    @property
    def url(self) -> str:
        """Where the task is done."""
        name, subject = _TASK_URLS[self.group]
        url = reverse(name, args=[self.person.pk, getattr(self, subject).pk])
        return url + "#notify" if self.kind == "notify" else url


@dataclass
class Worklist:
    new: list[WorkItem] = field(default_factory=list)
    due: list[WorkItem] = field(default_factory=list)
    # The urgent track first, by deadline (issue 7, 1.8); filters and links work the same.
    urgent: list[WorkItem] = field(default_factory=list)

    def persons(self) -> list[Person]:
        seen = {}
        for item in [*self.urgent, *self.new, *self.due]:
            seen.setdefault(item.person.pk, item.person)
        return list(seen.values())


# The services applied for with their catalogue version (the rules say which go to the meeting),
# in one query. Without the version's snapshot: service_type_spec keys its parsed rules by the
# version's id and checksum, and decoding a catalogue's JSON (up to 37 kB) for every service on
# a worklist page cost more than the rest of its applications (issue 8 §5).
_REQUESTED_WITH_RULES = Prefetch(
    "requested_services",
    queryset=RequestedService.objects.select_related("service_type__version").defer(
        "service_type__version__snapshot"
    ),
)


CLOSED_APPLICATION = [Application.Status.DECIDED, Application.Status.WITHDRAWN]


def _open_applications(persons: QuerySet | list[int]) -> QuerySet[Application]:
    return applications_for_tasks(
        Application.objects.filter(person__in=persons).exclude(status__in=CLOSED_APPLICATION)
    )


def applications_for_tasks(applications: QuerySet[Application]) -> QuerySet[Application]:
    """What an application's tasks are decided from and its row shows."""
    replied = PreliminaryReply.objects.filter(application=OuterRef("pk"))
    return (
        applications.select_related("person", "caseworker")
        .prefetch_related(_REQUESTED_WITH_RULES)
        .annotate(has_reply=Exists(replied))
    )


def goes_to_meeting(application: Application) -> bool:
    """Seed 004 §2: decided in the office's monthly meeting when a service applied for says
    so in its catalogue; an urgent case and every other service is decided when ready."""
    if application.urgent_days:
        return False
    return any(
        service_type_spec(requested.service_type).monthly_meeting
        for requested in application.requested_services.all()
    )


def urgent_state(application: Application, today: datetime.date) -> DeadlineState | None:
    """Where an urgent case's deadline stands; warned in the last third of the track."""
    closed = (Application.Status.DECIDED, Application.Status.WITHDRAWN)
    if not application.urgent_days or application.status in closed:
        return None
    warn = max(1, application.urgent_days // 3)
    return deadline_state(application.urgent_deadline, today, warn_days=warn)


def _urgent_item(application: Application, today: datetime.date) -> WorkItem:
    state = urgent_state(application, today)
    return WorkItem(
        "urgent",
        application.person,
        application.urgent_deadline,
        state,
        application,
        caseworker=application.caseworker,
    )


def application_items(applications, today: datetime.date) -> tuple[list, list, list]:
    new, due, urgent = [], [], []
    for application in applications:
        item = partial(
            WorkItem,
            person=application.person,
            application=application,
            caseworker=application.caseworker,
        )
        if application.urgent_days:
            urgent.append(_urgent_item(application, today))
        elif application.status == Application.Status.RECEIVED:
            new.append(item("application_new", due=None, state=None))
        elif application.status == Application.Status.READY and not goes_to_meeting(application):
            due.append(item("decide", due=None, state=None))
        if not application.has_reply:
            reply_due = preliminary_reply_due(application.received_on)
            state = deadline_state(reply_due, today, warn_days=PRELIMINARY_REPLY_WARNING_DAYS)
            if state != DeadlineState.OK:
                due.append(item("preliminary_reply", due=reply_due, state=state))
    return new, due, urgent


def with_followed(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """The rows a worklist item shows, each marked with whether a later grant of the same
    service follows (then its expiry is no task)."""
    follow_up = later_grant()
    # Only the application's caseworker id, by primary key per row: joined, the planner may
    # hash all applications of ten years for a few hundred rows, and building (or prefetching)
    # the application objects cost a third of the worklist's CPU (issue 8 §5). The caseworkers
    # themselves come in one query in decision_items.
    caseworker = Application.objects.filter(pk=OuterRef("application_id")).values("caseworker")
    return (
        decisions.select_related("person", "service_type")
        .only(*_ON_THE_WORKLIST)
        .annotate(followed=Exists(follow_up), caseworker_pk=Subquery(caseworker[:1]))
    )


def later_grant() -> QuerySet[Decision]:
    """A later grant of the outer decision's service to the same person: then the outer
    decision's expiry is no task."""
    return Decision.objects.in_force().filter(
        person=OuterRef("person"),
        service_type__code=OuterRef("service_type__code"),
        valid_from__gt=OuterRef("valid_from"),
    )


# Only what a task is decided from and its row shows: a municipality's worklist reads hundreds
# of decisions, and building each with its texts, assessment and every column of its person and
# service type was most of the page's CPU (issue 8 §5). A field missing here would cost a query
# per row: the query budgets in tests/cases/test_worklist_pages.py catch that.
_ON_THE_WORKLIST = (
    "status",
    "outcome",
    "decided_on",
    "review_date",
    "valid_from",
    "valid_to",
    "conditions",
    "deciding_unit_id",
    "application_id",
    "person__given_name",
    "person__family_name",
    "service_type__code",
    "service_type__name_nb",
    "service_type__name_nn",
    "service_type__name_en",
)


def _decisions_in_force(persons: QuerySet | list[int]) -> QuerySet[Decision]:
    """Grants in force, and decisions whose letter is still to be sent."""
    return with_followed(
        # A refusal is not in force, but its letter must still be sent (the notify task).
        Decision.objects.in_force().filter(person__in=persons)
        | Decision.objects.filter(person__in=persons, status=Decision.Status.DECIDED)
    )


def _decisions_with_tasks(persons: QuerySet, today: datetime.date) -> QuerySet[Decision]:
    """The decisions of `_decisions_in_force` that can give a task today (a letter to send, a
    condition, a review or an expiry within its warning time): the database leaves out the
    thousands of grants with nothing to do, so the worklist does not build them in Python.
    `decision_items` still decides each task; this only narrows what it is given. Each arm
    names the statuses, so each uses its index (Decision.Meta), issue 8 §5."""
    return with_followed(Decision.objects.filter(could_have_task(today), person__in=persons))


def could_have_task(today: datetime.date) -> Q:
    """The decisions that can give a task today (see `_decisions_with_tasks`)."""
    granted = Q(status__in=STANDING_STATUSES, outcome__in=GRANTING_OUTCOMES)  # = in_force()
    return (
        Q(status=Decision.Status.DECIDED)  # the letter (refusals too)
        | (granted & Q(review_date__lte=today + datetime.timedelta(days=REVIEW_WARNING_DAYS)))
        | (granted & Q(valid_to__lte=today + datetime.timedelta(days=DEFAULT_EXPIRY_LEAD_DAYS)))
        | (granted & ~Q(conditions=[]))
    )


def notify_due(decision: Decision) -> datetime.date:
    return notify_due_from(decision.decided_on)


def notify_due_from(decided_on: datetime.date) -> datetime.date:
    return add_working_days(decided_on, NOTIFY_WORKING_DAYS)


def _condition_items(
    decision: Decision, today: datetime.date, caseworker: User | None
) -> list[WorkItem]:
    """A condition attached to the grant (seed 004 §1.5: the cooperation contract made when
    the service starts) is a task until it is recorded as in place; due when the grant starts."""
    if not any(c.get("fulfilled_on") is None for c in decision.conditions or []):
        return []
    due = decision.valid_from or decision.decided_on
    state = deadline_state(due, today, warn_days=CONDITION_WARNING_DAYS)
    return [
        WorkItem("condition", decision.person, due, state, decision=decision, caseworker=caseworker)
    ]


def decision_items(decisions, today: datetime.date) -> list[WorkItem]:
    items = []
    decisions = list(decisions)
    caseworkers = User.objects.in_bulk({d.caseworker_pk for d in decisions} - {None})
    for decision in decisions:
        caseworker = caseworkers.get(decision.caseworker_pk)
        item = partial(WorkItem, person=decision.person, decision=decision, caseworker=caseworker)
        if decision.status == Decision.Status.DECIDED:  # refusals are sent too
            due = notify_due(decision)
            # Due soon from the day of the decision: the letter is the next thing to do.
            warn = (due - decision.decided_on).days
            items.append(item("notify", due=due, state=deadline_state(due, today, warn_days=warn)))
        if decision.outcome == Decision.Outcome.REFUSED:
            continue
        items += _condition_items(decision, today, caseworker)
        if decision.review_date:
            state = deadline_state(decision.review_date, today, warn_days=REVIEW_WARNING_DAYS)
            if state != DeadlineState.OK:
                items.append(item("review", due=decision.review_date, state=state))
        expiring = decision.valid_to and today >= expiry_warning_from(decision.valid_to)
        if expiring and not decision.followed:
            # Due soon all the warning time; a grant that has ended is overdue (a negative
            # warning time raised an error: a standing grant past its end broke the page).
            warn = max(0, (decision.valid_to - today).days + 1)
            state = deadline_state(decision.valid_to, today, warn_days=warn)
            items.append(item("expiring", due=decision.valid_to, state=state))
    return items


def _appeal_item(appeal: Appeal, today: datetime.date) -> WorkItem:
    """An open appeal is due a month after receipt (the fvl §11a norm: decide or reply);
    one forwarded to Statsforvalteren waits there and has no due date of ours."""
    decision = appeal.decision
    application = decision.application
    item = partial(
        WorkItem,
        person=decision.person,
        decision=decision,
        appeal=appeal,
        caseworker=application.caseworker if application else None,
    )
    if appeal.status == Appeal.Status.FORWARDED:
        return item("appeal_forwarded", due=None, state=None)
    due = preliminary_reply_due(appeal.received_on)
    state = deadline_state(due, today, warn_days=APPEAL_WARNING_DAYS)
    return item(f"appeal_{appeal.status}", due=due, state=state)


def _appeal_items(persons: QuerySet | list[int], today: datetime.date) -> list[WorkItem]:
    appeals = Appeal.objects.filter(decision__person__in=persons, status__in=OPEN_APPEAL)
    return appeal_items(appeals, today)


def appeal_items(appeals: QuerySet[Appeal], today: datetime.date) -> list[WorkItem]:
    appeals = appeals.select_related(
        "decision__person", "decision__service_type", "decision__application__caseworker"
    )
    return [_appeal_item(appeal, today) for appeal in appeals]


def _keep(item: WorkItem, actor: User, scope: str, kind: str) -> bool:
    if kind and item.group != kind:
        return False
    if scope == WorkScope.MINE:
        return item.caseworker is not None and item.caseworker.pk == actor.pk
    if scope == WorkScope.UNIT:  # my unit's cases: its caseworkers', the cases it decides
        if item.caseworker is not None and item.caseworker.unit_id == actor.unit_id:
            return True
        if item.deciding_unit_id is not None:
            return item.deciding_unit_id == actor.unit_id
        return item.caseworker is None
    return True


def _collect(*, actor: User, today: datetime.date, scope: str, kind: str) -> Worklist:
    """Every task of the actor's persons, filtered and sorted, nothing logged yet."""
    if actor.role not in CASE_TASK_ROLES:
        return Worklist()
    persons = accessible_persons(actor, today)
    new, due, urgent = application_items(_open_applications(persons), today)
    due += decision_items(_decisions_with_tasks(persons, today), today)
    due += _appeal_items(persons, today)
    # By urgency: the earliest deadline first, so the overdue tasks lead.
    due.sort(key=lambda item: (item.due or today, item.kind))
    return Worklist(
        new=[i for i in new if _keep(i, actor, scope, kind)],
        due=[i for i in due if _keep(i, actor, scope, kind)],
        urgent=sorted(
            (i for i in urgent if _keep(i, actor, scope, kind)),
            key=lambda item: (item.due, item.application.pk),
        ),
    )


def worklist_for(
    *,
    actor: User,
    today: datetime.date,
    channel: str = "page",
    scope: str = WorkScope.ALL,
    kind: str = "",
) -> Worklist:
    """What is new, due and overdue for the actor's persons; each person shown is logged.

    Case tasks are the caseworker's: any other role gets an empty list (and reads no one).
    """
    worklist = _collect(actor=actor, today=today, scope=scope, kind=kind)
    log_reads(actor, worklist.persons(), what="worklist", channel=channel)
    return worklist


# One page of a worklist section: a municipality has thousands of tasks due (issue 8 §5).
WORKLIST_PAGE_SIZE = 25
WORKLIST_SECTIONS = ("urgent", "new", "due")


@dataclass(frozen=True)
class SectionPage:
    """One page of a worklist section, and how many tasks the whole section holds."""

    items: list[WorkItem]
    count: int
    number: int
    pages: int
    overdue: int = 0

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None

    @property
    def first_shown(self) -> int:
        return 0 if not self.items else (self.number - 1) * WORKLIST_PAGE_SIZE + 1

    @property
    def last_shown(self) -> int:
        return 0 if not self.items else self.first_shown + len(self.items) - 1


def _section_page(items: list[WorkItem], number: int, size: int) -> SectionPage:
    pages = max(1, -(-len(items) // size))
    number = min(max(1, number), pages)  # a page past the end shows the last one
    overdue = sum(1 for item in items if item.state == DeadlineState.OVERDUE)
    shown = items[(number - 1) * size : number * size]
    return SectionPage(shown, len(items), number, pages, overdue)


# Who sees the case file (journal, letters) on the person page: those who process or lead the
# service; a care worker needs the decisions, not the case's correspondence.
CASE_FILE_ROLES = {Role.CASEWORKER, Role.SERVICE_LEADER}


@dataclass(frozen=True)
class Document:
    dated: datetime.date | None
    title: str
    url: str


def person_tasks(
    *,
    actor: User,
    person: Person,
    today: datetime.date,
    appeals: list[Appeal] | None = None,
) -> list[WorkItem]:
    """The worklist's tasks for one person (already read through the access door); `appeals`
    are the person's appeals when the caller has read them already."""
    if actor.role not in CASE_TASK_ROLES:
        return []
    # The id itself, not a subquery: PostgreSQL then reads the person's rows by index instead
    # of filtering every standing decision of the municipality (issue 8 §5).
    persons = [person.pk]
    new, due, urgent = application_items(_open_applications(persons), today)
    due += decision_items(_decisions_in_force(persons), today)
    if appeals is None:
        due += _appeal_items(persons, today)
    else:
        due += [_appeal_item(a, today) for a in appeals if a.status in OPEN_APPEAL]
    return urgent + new + sorted(due, key=lambda item: (item.due or today, item.kind))


def person_documents(
    person: Person,
    decisions: list[Decision] | None = None,
    appeals: list[Appeal] | None = None,
) -> list[Document]:
    """The letters the municipality has written to or about the person, newest first.
    `decisions` (each with its service type) and `appeals` when the caller has read them."""
    if decisions is None:
        decisions = person.decisions.select_related("service_type")
    replies = PreliminaryReply.objects.filter(application__person=person)
    documents = [
        Document(
            d.decided_on,
            _("Decision letter: %(service)s") % {"service": d.service_type.localized_name},
            reverse("decision_letter", args=[person.pk, d.pk]),
        )
        for d in decisions
        if d.status != Decision.Status.DRAFT
    ] + [
        Document(
            r.sent_on,
            _("Preliminary reply"),
            reverse("preliminary_reply_letter", args=[person.pk, r.pk]),
        )
        for r in replies
    ]
    documents += _appeal_documents(person, appeals)
    return sorted(documents, key=lambda d: d.dated or datetime.date.min, reverse=True)


def _appeal_documents(person: Person, appeals: list[Appeal] | None) -> list[Document]:
    """A forwarded appeal's two letters: to the appeal body, and the notice (fvl § 33)."""
    if appeals is None:
        appeals = Appeal.objects.filter(decision__person=person)
    documents = []
    for appeal in (a for a in appeals if a.forwarded_on is not None):
        url = "appeal_letter"
        documents += [
            Document(
                appeal.forwarded_on,
                _("Appeal forwarded to the county governor"),
                reverse(url, args=[person.pk, appeal.pk, "forwarding"]),
            ),
            Document(
                appeal.forwarded_on,
                _("Notice to the appellant (fvl § 33)"),
                reverse(url, args=[person.pk, appeal.pk, "notice"]),
            ),
        ]
    return documents


def person_case_file(
    *,
    actor: User,
    person: Person,
    today: datetime.date,
    decisions: list[Decision] | None = None,
) -> dict:
    """Tasks, open appeals, letters and the journal for the person page; `decisions` are all
    the person's decisions (with their service types) when the page has read them already.
    The person's appeals are read once for the tasks, the open appeals and the letters: a
    page's queries are what it costs under load (issue 8 §5)."""
    if actor.role not in CASE_FILE_ROLES:
        return {}
    appeals = list(
        Appeal.objects.filter(decision__person=person).select_related(
            "decision__service_type", "decision__application__caseworker"
        )
    )
    for appeal in appeals:
        appeal.decision.person = person
    return {
        "tasks": person_tasks(actor=actor, person=person, today=today, appeals=appeals),
        "open_appeals": [a for a in appeals if a.status in OPEN_APPEAL],
        "documents": person_documents(person, decisions, appeals),
        "journal": person.journal_notes.select_related("created_by"),
    }
