"""The worklist page counted, sorted and paged in the database (issue 8 §5) shows exactly what
the full list built in Python shows: the same sections, order, counts, overdue counts, filters
by scope and kind, and only the persons the caseworker may read; its queries do not grow with
the number of decisions. Every date is computed from today, around each task's deadline."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from omsorg.cases.deadlines import add_months
from omsorg.cases.models import Appeal, Application, Decision, PreliminaryReply, RequestedService
from omsorg.cases.selectors import worklist_pages
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.cases.worklist import TASK_KINDS, WORKLIST_SECTIONS, WorkScope, _collect, _section_page
from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.models import Role
from omsorg.people.models import AccessLog
from tests import factories

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
OPEN, DONE = None, "2026-01-05"  # a condition's fulfilled_on


def python_pages(actor, today, pages, scope, kind, size):
    """The reference: the full list built in Python (worklist_for's path), cut into pages."""
    worklist = _collect(actor=actor, today=today, scope=scope, kind=kind)
    return {
        name: _section_page(getattr(worklist, name), pages.get(name, 1), size)
        for name in WORKLIST_SECTIONS
    }


def month_ends(today):
    """Days at the end of a month around a month ago: one month on is a shorter month's end."""
    days = (today - n * DAY for n in range(20, 75))
    return [d for d in days if (d + DAY).day == 1 or d.day in (29, 30)]


@pytest.fixture
def staff(municipality, caseworker):
    office = factories.unit(municipality, "Tildelingskontoret", "office")
    return {
        "me": caseworker,
        "colleague": factories.user(municipality, Role.CASEWORKER, unit=caseworker.unit),
        "other_unit": factories.user(municipality, Role.CASEWORKER, unit=office),
        "office": office,
    }


@pytest.fixture
def service_types(service_type):
    """One service decided in the monthly meeting, one decided when ready (another catalogue)."""
    home = factories.catalogue_version("hjemmetjenester").service_types.all()
    when_ready = next(s for s in home if not service_type_spec(s).monthly_meeting)
    meeting = service_type("support_contact")
    assert service_type_spec(meeting).monthly_meeting
    return [meeting, when_ready]


def add_applications(municipality, persons, staff, service_types, today):
    """Every status, urgent or not, replied or not, received around each deadline."""
    received = [today - n * DAY for n in (0, 1, 6, 20, 23, 24, 25, 30, 31, 45, 400)]
    received += month_ends(today)
    statuses = ["received", "assessing", "ready", "decided", "withdrawn"]
    caseworkers = [staff["me"], staff["colleague"], staff["other_unit"], None]
    urgent = [None, None, 0, 3, 14, 40]
    applications = []
    for i, day in enumerate(received * 3):
        application = Application.objects.create(
            municipality=municipality, person=persons[i % len(persons)], channel="portal",
            received_on=day, status=statuses[i % 5], caseworker=caseworkers[i % 4],
            urgent_days=urgent[i % 6],
        )  # fmt: skip
        RequestedService.objects.create(application=application, service_type=service_types[i % 2])
        if i % 7 == 3:
            PreliminaryReply.objects.create(
                application=application, sent_on=day, expected_by=today, reason="Kartlegging."
            )
        applications.append(application)
    return applications


def template_decision(caseworker, person, service_type, today):
    values = dict(
        service_type=service_type("support_contact"), outcome="granted",
        reasons="Vilkårene er oppfylt.", quantity=8, scope_period="month", valid_from=today,
        valid_to=add_months(today, 12), review_date=add_months(today, 11),
        justification="Skjønn.", service_form="individual",
    )  # fmt: skip
    return decision_make(actor=caseworker, person=person, data=DecisionInput(**values), today=today)


def copy_decision(template, **fields):
    copy = Decision.objects.get(pk=template.pk)
    copy.pk = copy.id = None
    copy.case_file = None
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


def add_decisions(template, persons, applications, staff, today):
    """Letters to send around three working days, reviews around 30 days ahead, expiries around
    60, conditions open or fulfilled, refusals, later grants, each deciding unit."""
    offsets = [-90, -40, -12, -8, -5, -4, -3, -2, -1, 0, 1, 29, 30, 31, 59, 60, 61, 200]
    kinds = itertools.product(
        ["decided", "notified", "draft", "ended"], ["granted", "partly_granted", "refused"]
    )
    conditions = [[], [{"code": "c", "fulfilled_on": OPEN}], [{"code": "c", "fulfilled_on": DONE}],
                  [{"code": "c"}, {"code": "d", "fulfilled_on": DONE}]]  # fmt: skip
    units = [None, staff["me"].unit, staff["office"]]
    decisions = []
    for i, (status, outcome) in enumerate(list(kinds) * 4):
        decided = min(today, today + offsets[i % len(offsets)] * DAY - 20 * DAY * (i % 2))
        valid_to = today + offsets[(i + 7) % len(offsets)] * DAY if i % 6 else None
        decisions.append(copy_decision(
            template, person=persons[i % len(persons)], status=status, outcome=outcome,
            decided_on=decided, valid_from=min(decided, valid_to or decided) if i % 9 else None,
            review_date=today + offsets[(i + 3) % len(offsets)] * DAY if i % 5 else None,
            valid_to=valid_to,
            conditions=conditions[i % 4], deciding_unit=units[i % 3],
            application=applications[i] if i % 4 and i < len(applications) else None,
        ))  # fmt: skip
    # A later grant of the same service: the earlier one's expiry is then no task.
    for earlier in decisions[:12]:
        if earlier.status in ("decided", "notified") and earlier.outcome != "refused":
            copy_decision(earlier, status="notified", outcome="granted", review_date=None,
                          valid_from=today + 70 * DAY, valid_to=None, conditions=[],
                          application=None)  # fmt: skip
    return decisions


def add_appeals(decisions, today):
    received = [today - n * DAY for n in (0, 23, 24, 25, 31, 40)] + month_ends(today)[:3]
    statuses = ["registered", "reassessing", "forwarded", "reversed", "closed"]
    for i, day in enumerate(received * 2):
        Appeal.objects.create(
            decision=decisions[i * 3 % len(decisions)], received_on=day, grounds="Uenig.",
            status=statuses[i % 5],
        )  # fmt: skip


@pytest.fixture
def varied(municipality, staff, service_types, service_type, make_person, today):
    persons = [make_person(age_years=10 + i) for i in range(9)]
    applications = add_applications(municipality, persons, staff, service_types, today)
    template = template_decision(staff["me"], persons[0], service_type, today)
    decisions = add_decisions(template, persons, applications, staff, today)
    add_appeals(decisions, today)
    # Tasks of a person in another municipality, whom no one here may read.
    elsewhere = factories.other_municipality("5001", "Trondheim")
    stranger = factories.person(elsewhere, today=today)
    copy_decision(template, person=stranger, status="decided", municipality=elsewhere)
    Application.objects.create(
        municipality=elsewhere, person=stranger, channel="portal", received_on=today - 40 * DAY
    )
    return stranger


def test_every_page_of_every_filter_is_what_the_python_list_shows(varied, staff, today):
    """Same sections, order, counts, overdue counts and pages for each scope and kind, and the
    persons of another municipality on none of them (the access door)."""
    size = 4
    for actor, scope, kind in itertools.product(
        [staff["me"], staff["other_unit"]], list(WorkScope), ["", *TASK_KINDS, "unknown"]
    ):
        expected = python_pages(actor, today, {}, scope, kind, size)
        for number in range(1, max(page.pages for page in expected.values()) + 2):
            pages = dict.fromkeys(WORKLIST_SECTIONS, number)
            sql = worklist_pages(actor=actor, today=today, pages=pages, scope=scope, kind=kind,
                                 page_size=size)  # fmt: skip
            assert sql == python_pages(actor, today, pages, scope, kind, size), (scope, kind)
            shown = [i.person.pk for page in sql.values() for i in page.items]
            assert varied.pk not in shown


def test_the_fixture_gives_every_kind_of_task(varied, staff, today):
    """The comparison above is only as good as its fixture: each kind is there, some overdue."""
    pages = python_pages(staff["me"], today, {}, WorkScope.ALL, "", 1000)
    items = [item for page in pages.values() for item in page.items]
    assert {item.group for item in items} == set(TASK_KINDS)
    assert all(page.overdue for name, page in pages.items() if name != "new")


def test_only_the_persons_shown_are_logged(varied, staff, today):
    """Normen: the log says who was read; the SQL path logs the persons on the pages shown."""
    AccessLog.objects.all().delete()
    sections = worklist_pages(actor=staff["me"], today=today, page_size=3)
    shown = {item.person.pk for page in sections.values() for item in page.items}
    logged = set(AccessLog.objects.filter(what="worklist").values_list("person", flat=True))
    assert logged == shown and len(shown) > 1


def test_query_count_is_flat_in_the_number_of_decisions(varied, staff, today):
    """Issue 8 §5: a page's queries do not grow with the tasks it counts and sorts."""

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            worklist_pages(actor=staff["me"], today=today)
        return len(captured)

    before = queries()
    template = Decision.objects.filter(status="notified").first()
    for n in range(120):  # reviews due soon: counted, sorted after the overdue tasks shown
        copy_decision(template, review_date=today + (1 + n % 20) * DAY, conditions=[],
                      application=None)  # fmt: skip
    assert queries() == before <= 16


def test_the_kept_sql_follows_new_tasks_and_the_access_rule(varied, staff, today):
    """The page's SQL is kept per process (issue 8 §5): a letter decided on a new day, and a
    caseworker moved to another municipality (the access door's rule), give new SQL."""
    me = staff["me"]
    assert worklist_pages(actor=me, today=today)["due"].count
    template = Decision.objects.filter(status="notified").first()
    copy_decision(template, status="decided", decided_on=today - 6 * DAY, application=None)
    pages = {"due": 1}
    expected = python_pages(me, today, pages, WorkScope.ALL, "notify", 100)
    assert worklist_pages(actor=me, today=today, pages=pages, kind="notify", page_size=100) == (
        expected
    )
    me.municipality = factories.other_municipality("5002", "Malvik")
    me.save()
    sections = worklist_pages(actor=me, today=today)
    assert not any(page.count for page in sections.values())


def test_the_page_sql_is_prepared_once_per_connection_and_still_logged(varied, staff, today):
    """Issue 8 §5: planning the page's SQL cost PostgreSQL more than running it, so there it
    is prepared once per connection; on every database its queries are still counted and
    logged with their SQL (SQLite has no prepared statements of its own to count)."""

    def prepared() -> int:
        if connection.vendor != "postgresql":
            return 0
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            return cursor.fetchone()[0]

    first = worklist_pages(actor=staff["me"], today=today)
    before = prepared()
    with CaptureQueriesContext(connection) as captured:
        again = worklist_pages(actor=staff["me"], today=today)
    assert again == first
    assert prepared() == before
    if connection.vendor == "postgresql":
        assert before > 0
    assert len(captured.captured_queries) > 0
    assert all(query["sql"] for query in captured.captured_queries)
