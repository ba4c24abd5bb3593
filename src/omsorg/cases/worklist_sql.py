"""The worklist page counted, sorted and paged in the database (issue 8 §5).

A municipality has hundreds of tasks; the page shows 25 per section. Each task kind is a filter
on its source table (applications, decisions, appeals) and its due date an SQL expression, so
the database counts every section and returns only the rows of the pages shown; the WorkItems
of those rows are then built by the same rules as the full list (cases.worklist), so a page
shows exactly what the full list would. `tests/cases/test_worklist_sql.py` compares the two.
"""

import datetime
import functools
from dataclasses import dataclass, replace

from django.db import connection
from django.db.backends.utils import CursorDebugWrapper
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, LessThan, LessThanOrEqual

from omsorg.cases.deadlines import DEFAULT_EXPIRY_LEAD_DAYS
from omsorg.cases.models import (
    GRANTING_OUTCOMES,
    STANDING_STATUSES,
    Appeal,
    Application,
    Decision,
    PreliminaryReply,
    RequestedService,
)
from omsorg.cases.worklist import (
    CASE_TASK_ROLES,
    CLOSED_APPLICATION,
    OPEN_APPEAL,
    PRELIMINARY_REPLY_WARNING_DAYS,
    REVIEW_WARNING_DAYS,
    WORKLIST_PAGE_SIZE,
    WORKLIST_SECTIONS,
    SectionPage,
    WorkItem,
    Worklist,
    WorkScope,
    appeal_items,
    application_items,
    applications_for_tasks,
    could_have_task,
    decision_items,
    later_grant,
    notify_due_from,
    task_group,
    with_followed,
)
from omsorg.catalogue.selectors import monthly_meeting_service_types
from omsorg.core.models import User
from omsorg.people.access import accessible_persons, log_reads

DAY = datetime.timedelta(days=1)
_NO_DATE = Value(None, output_field=DateField())


class OneMonthLater(Func):
    """deadlines.preliminary_reply_due in SQL: one calendar month on, a day that the shorter
    month lacks becoming its last day (31 January -> 28/29 February), as PostgreSQL's interval
    arithmetic does; SQLite's '+1 month' would roll over into March, hence the min()."""

    arity = 1
    output_field = DateField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) + interval '1 month')::date", params

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        end_of_next = f"date({sql}, 'start of month', '+2 months', '-1 day')"
        return f"min(date({sql}, '+1 month'), {end_of_next})", (*params, *params)


class PlusDays(Func):
    """A date plus a number of days from a column (the urgent track's deadline)."""

    arity = 2
    output_field = DateField()

    def as_postgresql(self, compiler, connection, **extra):
        (date, date_params), (days, days_params) = self._compiled(compiler)
        return f"(({date}) + ({days}))", (*date_params, *days_params)

    def as_sqlite(self, compiler, connection, **extra):
        (date, date_params), (days, days_params) = self._compiled(compiler)
        return f"date({date}, '+' || ({days}) || ' days')", (*date_params, *days_params)

    def _compiled(self, compiler):
        return [compiler.compile(expression) for expression in self.source_expressions]


class HasOpenCondition(Func):
    """Whether a decision's `conditions` (a JSON list) holds one not yet fulfilled: the
    condition task of worklist._condition_items."""

    arity = 1
    output_field = BooleanField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        elements = f"jsonb_array_elements(CASE WHEN jsonb_typeof({sql}) = 'array' THEN {sql} END)"
        where = "wl_condition.value ->> 'fulfilled_on' IS NULL"
        return f"EXISTS (SELECT 1 FROM {elements} AS wl_condition WHERE {where})", params * 2

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        where = "json_extract(wl_condition.value, '$.fulfilled_on') IS NULL"
        return f"EXISTS (SELECT 1 FROM json_each({sql}) AS wl_condition WHERE {where})", params


@dataclass(frozen=True)
class TaskKind:
    """One kind of task: which rows of its source give it, and its due date (None: none)."""

    name: str
    source: str  # "application", "decision" or "appeal"
    when: Q
    due: object | None = None  # an expression


# The full list sorts its due tasks by (due date, kind) with a stable sort, so tasks of the same
# date and kind keep their source's order (the models' Meta.ordering). The kind's rank stands
# for its name in SQL: the database's collation might not sort names as Python does.
_SOURCE = {
    "urgent": "application",
    "application_new": "application",
    "decide": "application",
    "preliminary_reply": "application",
    "notify": "decision",
    "condition": "decision",
    "review": "decision",
    "expiring": "decision",
    "appeal_registered": "appeal",
    "appeal_reassessing": "appeal",
    "appeal_forwarded": "appeal",
}
_KINDS = sorted(_SOURCE)
_RANK = {name: rank for rank, name in enumerate(_KINDS)}
_SECTION_KINDS = {"urgent": {"urgent"}, "new": {"application_new"}}
_SECTION_ORDER = {
    "urgent": ("sort_due", "task_pk"),  # by deadline, then as registered
    "new": ("-source_date", "-task_pk"),  # Application.Meta.ordering
    "due": ("sort_due", "kind_rank", "-source_date", "-task_pk"),
}
_SOURCE_DATE = {"application": "received_on", "decision": "decided_on", "appeal": "received_on"}


def _section_of(kind: str) -> str:
    return next((name for name, kinds in _SECTION_KINDS.items() if kind in kinds), "due")


def _application_kinds(today: datetime.date, meeting_types: tuple) -> list[TaskKind]:
    """worklist.application_items as filters: urgent, new, decide, the preliminary reply."""
    urgent = Q(urgent_days__gt=0)
    replied = PreliminaryReply.objects.filter(application=OuterRef("pk"))
    reply_due = OneMonthLater("received_on")
    warn_until = today + PRELIMINARY_REPLY_WARNING_DAYS * DAY
    kinds = [
        TaskKind("urgent", "application", urgent, PlusDays("received_on", "urgent_days")),
        TaskKind("application_new", "application", ~urgent & Q(status="received")),
        TaskKind(
            "preliminary_reply",
            "application",
            ~Q(Exists(replied)) & Q(LessThanOrEqual(reply_due, warn_until)),
            reply_due,
        ),
    ]
    meeting = RequestedService.objects.filter(
        application=OuterRef("pk"), service_type__in=meeting_types
    )
    decide = ~urgent & Q(status="ready") & ~Q(Exists(meeting))
    return [*kinds, TaskKind("decide", "application", decide)]


def _decision_kinds(today: datetime.date, notify_days: tuple) -> list[TaskKind]:
    """worklist.decision_items as filters: the letter, a condition, a review, an expiry. Each
    filter is the kind's own part of worklist.could_have_task, so each reads along its index."""
    not_refused = ~Q(outcome=Decision.Outcome.REFUSED)
    letter = Q(status=Decision.Status.DECIDED)  # any outcome, as could_have_task
    standing = letter | Q(status__in=STANDING_STATUSES, outcome__in=GRANTING_OUTCOMES)
    conditions = (letter | (standing & ~Q(conditions=[]))) & Q(HasOpenCondition("conditions"))
    expiring = standing & Q(valid_to__lte=today + DEFAULT_EXPIRY_LEAD_DAYS * DAY)
    kinds = [
        TaskKind(
            "condition", "decision", not_refused & conditions, Coalesce("valid_from", "decided_on")
        ),
        TaskKind(
            "review",
            "decision",
            not_refused & standing & Q(review_date__lte=today + REVIEW_WARNING_DAYS * DAY),
            F("review_date"),
        ),
        TaskKind(
            "expiring",
            "decision",
            not_refused & expiring & _not_followed(),
            F("valid_to"),
        ),
    ]
    return [*kinds, TaskKind("notify", "decision", letter, _notify_due(notify_days))]


def _readable(persons: QuerySet) -> Q:
    """The decision's person is one the actor may read, asked per row (a CASE again): the few
    hundred decisions with a task each look their person up by key, where `person__in`
    hashed all persons of the municipality once per task kind (about 7 ms each)."""
    # The redundant second comparison keeps PostgreSQL from turning the EXISTS into a hashed
    # subplan of every person the actor may read (2.4 ms per decision kind, on estimates of
    # thousands of rows where a few hundred come): it hashes only an equality with the row.
    row = OuterRef("person_id")
    readable = Exists(persons.filter(pk=row, pk__lte=row))
    return Q(Exact(Case(When(readable, then=Value(1)), default=Value(0)), 1))


def _not_followed() -> Q:
    """No later grant of the same service follows. Inside a CASE, so PostgreSQL asks it per
    row along its index for the hundred expiring grants, where NOT EXISTS became an anti-join
    that hashed every grant in force (18 of the page's 37 ms)."""
    followed = Case(When(Exists(later_grant()), then=Value(1)), default=Value(0))
    return Q(Exact(followed, 0))


def _notify_due(days: tuple[datetime.date, ...]):
    """worklist.notify_due (working days, public holidays skipped) as a CASE on the day of
    the decision: the letters not yet sent were decided on a few dozen days at most."""
    whens = [When(decided_on=day, then=Value(notify_due_from(day))) for day in days]
    return Case(*whens, default=None, output_field=DateField()) if whens else _NO_DATE


def _notify_days(persons: QuerySet) -> tuple[datetime.date, ...]:
    """The days on which the letters not yet sent were decided."""
    days = (
        Decision.objects.filter(person__in=persons, status="decided", decided_on__isnull=False)
        .order_by("decided_on")
        .values_list("decided_on", flat=True)
        .distinct()
    )
    return tuple(days)


def _appeal_kinds() -> list[TaskKind]:
    """worklist._appeal_item as filters: an open appeal is due a month after receipt."""
    due = OneMonthLater("received_on")
    return [
        TaskKind("appeal_registered", "appeal", Q(status=Appeal.Status.REGISTERED), due),
        TaskKind("appeal_reassessing", "appeal", Q(status=Appeal.Status.REASSESSING), due),
        TaskKind("appeal_forwarded", "appeal", Q(status=Appeal.Status.FORWARDED)),
    ]


@dataclass(frozen=True)
class _Asked:
    """What a worklist page's SQL is made from; equal inputs give the same SQL."""

    actor_pk: int
    unit_id: int | None
    persons: tuple  # the access door's SQL and parameters for this actor
    today: datetime.date
    scope: str
    kind: str
    meeting_types: tuple = ()
    notify_days: tuple = ()

    def wanted(self, name: str) -> bool:
        return not self.kind or task_group(name) == self.kind


def _asked(actor: User, persons: QuerySet, today, scope: str, kind: str) -> _Asked:
    """The inputs, with the two small reads the kinds need when the filter asks for them."""
    asked = _Asked(actor.pk, actor.unit_id, persons.query.sql_with_params(), today, scope, kind)
    return replace(
        asked,
        meeting_types=monthly_meeting_service_types() if asked.wanted("decide") else (),
        notify_days=_notify_days(persons) if asked.wanted("notify") else (),
    )


def _task_kinds(asked: _Asked) -> list[TaskKind]:
    """The kinds the filter asks for ("" = all; "appeal" = an appeal's open statuses)."""
    kinds = [
        *_application_kinds(asked.today, asked.meeting_types),
        *_decision_kinds(asked.today, asked.notify_days),
        *_appeal_kinds(),
    ]
    return [k for k in kinds if asked.wanted(k.name)]


def _in_scope(actor: User, scope: str, caseworker: str, deciding_unit: str | None) -> Q:
    """worklist._keep's scope as a filter, along the source's path to the caseworker (the
    application's) and the deciding unit (the decision's)."""
    if scope == WorkScope.MINE:
        return Q(**{caseworker: actor.pk})
    if scope != WorkScope.UNIT:
        return Q()
    nobody = Q(**{f"{caseworker}__isnull": True})
    if actor.unit_id is None:  # Python's None == None: a caseworker without a unit is "mine"
        same_unit = ~nobody & Q(**{f"{caseworker}__unit__isnull": True})
    else:
        same_unit = Q(**{f"{caseworker}__unit": actor.unit_id})
    if deciding_unit is None:
        return same_unit | nobody
    decided_here = Q(**{deciding_unit: actor.unit_id}) if actor.unit_id else Q(pk__in=[])
    return same_unit | decided_here | (Q(**{f"{deciding_unit}__isnull": True}) & nobody)


_MODEL = {"application": Application, "decision": Decision, "appeal": Appeal}


def _sources(actor: User, persons: QuerySet, scope: str) -> dict[str, Q]:
    """The rows each source's tasks come from: the full list's reads, filtered by scope.
    Each decision kind's filter is its own part of could_have_task (see _decision_kinds)."""
    applications = Q(person__in=persons) & ~Q(status__in=CLOSED_APPLICATION)
    appeals = Q(decision__person__in=persons, status__in=OPEN_APPEAL)
    return {
        "application": applications & _in_scope(actor, scope, "caseworker", None),
        "decision": _readable(persons)
        & _in_scope(actor, scope, "application__caseworker", "deciding_unit"),
        "appeal": appeals
        & _in_scope(actor, scope, "decision__application__caseworker", "decision__deciding_unit"),
    }


def _counts_sql(source: str, filters: Q, kinds: list[TaskKind], today: datetime.date):
    """The query counting one source's tasks per kind and, as "overdue_<kind>", those past
    their due date; the decisions narrowed to could_have_task, to read them in one scan."""
    aggregates = {}
    for kind in kinds:
        aggregates[kind.name] = Count("pk", filter=kind.when)
        if kind.due is not None:
            overdue = kind.when & Q(LessThan(kind.due, Value(today)))
            aggregates[f"overdue_{kind.name}"] = Count("pk", filter=overdue)
    if source == "decision":
        filters &= could_have_task(today)
    # One row, no GROUP BY (a constant groups nothing); as aggregate() it compiled slower.
    rows = _MODEL[source].objects.order_by().filter(filters).annotate(one=Value(1))
    return rows.values("one").annotate(**aggregates).query.sql_with_params()


def _rows(sources: dict[str, Q], kinds: list[TaskKind], today: datetime.date):
    """One section's tasks as rows (due date, kind, tie-break, id), still unordered."""
    parts = [
        _MODEL[kind.source]
        .objects.order_by()
        .filter(sources[kind.source] & kind.when)
        .annotate(
            sort_due=_sort_due(kind, today),
            kind_rank=Value(_RANK[kind.name]),
            source_date=F(_SOURCE_DATE[kind.source]),
            task_pk=F("pk"),
        )
        .values("sort_due", "kind_rank", "source_date", "task_pk")
        for kind in kinds
    ]
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


def _sort_due(kind: TaskKind, today: datetime.date):
    """The full list sorts a task without a due date as due today."""
    today = Value(today, output_field=DateField())
    return today if kind.due is None else Coalesce(kind.due, today)


@dataclass(frozen=True)
class _Compiled:
    """A worklist page's SQL: the counts (one query per source) and each section's rows in
    order, with the kinds each section counts."""

    counts: tuple
    sections: dict


def _compile(asked: _Asked, actor: User, persons: QuerySet) -> _Compiled:
    kinds = _task_kinds(asked)
    sources = _sources(actor, persons, asked.scope)
    counts = tuple(
        _literal(*_counts_sql(source, sources[source], of_source, asked.today))
        for source in _MODEL
        if (of_source := [k for k in kinds if k.source == source])
    )
    sections = {}
    for name in WORKLIST_SECTIONS:
        in_section = [k for k in kinds if _section_of(k.name) == name]
        sections[name] = (
            [k.name for k in in_section],
            _ordered_sql(name, sources, in_section, asked.today),
        )
    return _Compiled(counts, sections)


def _ordered_sql(name: str, sources: dict[str, Q], kinds: list[TaskKind], today):
    """A section's rows in the full list's order, as SQL to page with LIMIT and OFFSET."""
    if not kinds:
        return None
    ordered = _rows(sources, kinds, today).order_by(*_SECTION_ORDER[name])
    return _literal(*ordered.query.sql_with_params())


def _literal(sql: str, params) -> tuple[str, tuple]:
    """On PostgreSQL the SQL with its parameters written in, as Django's client-side binding
    sends it anyway: a statement without parameters is planned once when it is prepared
    (see _fetch), where one with parameters is planned again for its first executions."""
    if connection.vendor != "postgresql":
        return sql, tuple(params)
    return connection.ops.compose_sql(sql, params), ()


# Compiling the page's SQL (the ORM resolving a dozen filters with subqueries) cost more CPU
# than running it, and a caseworker opens the same worklist many times a day: the SQL is kept
# per process, keyed by everything it is made from, the access door's own SQL for the actor
# included (a changed access rule or a new day gives new SQL), issue 8 §5.
_COMPILED: dict[_Asked, _Compiled] = {}
_COMPILED_KEPT = 256


def _compiled(asked: _Asked, actor: User, persons: QuerySet) -> _Compiled:
    compiled = _COMPILED.get(asked)
    if compiled is None:
        if len(_COMPILED) >= _COMPILED_KEPT:
            _COMPILED.clear()
        compiled = _COMPILED[asked] = _compile(asked, actor, persons)
    return compiled


def _fetch(sql: str, params) -> list[dict]:
    with _cursor() as cursor:
        # No parameters on PostgreSQL (written in): psycopg then reads no placeholders.
        cursor.execute(sql, params if connection.vendor != "postgresql" else None)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _cursor():
    """On PostgreSQL a cursor whose statements are prepared on the connection (psycopg keeps
    the last hundred per connection): planning the page's UNION and counts took about 10 ms
    of PostgreSQL's CPU on every page, more than running them (issue 8 §5). The connections
    persist (DB_CONN_MAX_AGE, docs/drift.md), so a statement is planned once per connection;
    PostgreSQL plans it again itself when a table it reads changes its schema. Wrapped as
    Django wraps its own cursors, so the queries are counted and logged as any other."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.ensure_connection()
    cursor = _prepared_cursor_class()(connection.connection)
    if connection.queries_logged:
        return _LoggedAsSent(cursor, connection)
    return connection.make_cursor(cursor)


@functools.cache
def _prepared_cursor_class():
    import psycopg  # only on PostgreSQL

    class Prepared(psycopg.Cursor):
        def execute(self, query, params=None, **options):
            return super().execute(query, params, prepare=True)

    return Prepared


class _LoggedAsSent(CursorDebugWrapper):
    """Logs the SQL as given (its parameters are written in): Django reads the SQL sent from
    psycopg's client-side cursor, which a prepared statement's cursor does not keep."""

    def execute(self, sql, params=None):
        with self.debug_sql(sql, params):
            return super(CursorDebugWrapper, self).execute(sql, params)


def _section(compiled: _Compiled, name: str, counts: dict, number: int, size: int):
    """One section's counts and page (its items still empty), and the rows of that page."""
    kinds, ordered = compiled.sections[name]
    count = sum(counts[k] for k in kinds)
    overdue = sum(counts.get(f"overdue_{k}", 0) for k in kinds)
    pages = max(1, -(-count // size))
    number = min(max(1, number), pages)  # a page past the end shows the last one
    rows = []
    if count:
        sql, params = ordered
        # Whole numbers written in: the statement with its page is prepared as one.
        page = f"{sql} LIMIT {int(size)} OFFSET {int((number - 1) * size)}"
        rows = _fetch(page, params)
    return SectionPage([], count, number, pages, overdue), rows


def _items_of(rows: list[dict], today: datetime.date) -> dict[tuple[str, int], WorkItem]:
    """The WorkItems of the rows shown, built by the full list's rules from their rows read
    again by id (a few dozen): (kind, id of its application, decision or appeal) -> item."""
    wanted = {source: set() for source in _SOURCE_DATE}
    for row in rows:
        wanted[_SOURCE[_KINDS[row["kind_rank"]]]].add(row["task_pk"])
    items = []
    if wanted["application"]:
        applications = Application.objects.filter(pk__in=wanted["application"])
        for built in application_items(applications_for_tasks(applications), today):
            items += built
    if wanted["decision"]:
        decisions = with_followed(Decision.objects.filter(pk__in=wanted["decision"]))
        items += decision_items(decisions, today)
    if wanted["appeal"]:
        items += appeal_items(Appeal.objects.filter(pk__in=wanted["appeal"]), today)
    return {(item.kind, getattr(item, _SOURCE[item.kind]).pk): item for item in items}


def worklist_pages(
    *,
    actor: User,
    today: datetime.date,
    pages: dict[str, int] | None = None,
    scope: str = WorkScope.ALL,
    kind: str = "",
    page_size: int = WORKLIST_PAGE_SIZE,
) -> dict[str, SectionPage]:
    """The worklist page: per section (urgent, new, due) its count and one page of tasks,
    sorted by urgency (the overdue first). Only the persons on the pages shown are logged:
    that is what the caseworker reads. Any role but the caseworker's has no case tasks."""
    if actor.role not in CASE_TASK_ROLES:
        log_reads(actor, [], what="worklist", channel="page")
        return {name: SectionPage([], 0, 1, 1) for name in WORKLIST_SECTIONS}
    persons = accessible_persons(actor, today)
    compiled = _compiled(_asked(actor, persons, today, scope, kind), actor, persons)
    counts = {}
    for sql, params in compiled.counts:
        counts |= _fetch(sql, params)[0]
    pages = pages or {}
    sections, rows = {}, {}
    for name in WORKLIST_SECTIONS:
        number = pages.get(name, 1)
        sections[name], rows[name] = _section(compiled, name, counts, number, page_size)
    sections = _with_items(sections, rows, today)
    shown = Worklist(**{name: section.items for name, section in sections.items()})
    log_reads(actor, shown.persons(), what="worklist", channel="page")
    return sections


def _with_items(sections: dict, rows: dict, today: datetime.date) -> dict[str, SectionPage]:
    """The sections with the WorkItems of their rows, in the rows' order."""
    items = _items_of([row for section in rows.values() for row in section], today)
    return {
        name: replace(
            section, items=[items[(_KINDS[r["kind_rank"]], r["task_pk"])] for r in rows[name]]
        )
        for name, section in sections.items()
    }
