"""Fixtures for the respite app: a small home (Flata avlastning), children with respite
decisions made through the case services, placements, and the immediate task backend."""

import datetime

import pytest

from omsorg.cases.deadlines import add_months
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.core.models import Role
from omsorg.people.models import Assignment, Relative
from omsorg.respite.models import Placement
from omsorg.respite.services.homes import HomeInput, PlacementInput, home_setup, placement_create
from omsorg.respite.services.plans import plan_run_request
from omsorg.respite.services.reports import ReportInput, report_review, report_write
from omsorg.respite.services.stays import stay_create
from tests import factories

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    # The worker's function runs inside the test; no db_worker process is needed.
    settings.TASKS = IMMEDIATE


@pytest.fixture
def run_plan(leader, home, today, django_capture_on_commit_callbacks):
    """Request a plan; the immediate backend runs it when the request commits."""

    def run(first, last, time_limit=3):
        with django_capture_on_commit_callbacks(execute=True):
            made = plan_run_request(
                actor=leader,
                home=home,
                first_night=first,
                last_night=last,
                time_limit=time_limit,
                today=today,
            )
        made.refresh_from_db()
        return made

    return run


@pytest.fixture
def leader(users):
    return users[Role.SERVICE_LEADER]


@pytest.fixture
def care_worker(users):
    return users[Role.CARE_WORKER]


@pytest.fixture
def home(users, department):
    return home_setup(actor=users[Role.ADMINISTRATOR], unit=department, data=HomeInput(beds=2))


def next_monday(today: datetime.date, weeks: int = 1) -> datetime.date:
    return today + datetime.timedelta(days=7 * weeks - today.weekday())


@pytest.fixture
def grant(caseworker, service_type, department, today):
    """Make a respite-home decision for a child: `quantity` nights (or `unit`) per `per`."""

    def make(person, quantity=4, per="month", valid_from=None, valid_to=None, unit=""):
        data = DecisionInput(
            service_type=service_type("respite_home"),
            outcome="granted",
            reasons="Særlig tyngende omsorgsoppgaver.",
            quantity=quantity,
            scope_period=per,
            scope_unit=unit,
            valid_from=valid_from or today,
            valid_to=valid_to or add_months(today, 12),
            review_date=add_months(today, 11),
            justification="Vurdert skjønnsmessig.",
            unit=department,
        )
        return decision_make(actor=caseworker, person=person, data=data, today=today)

    return make


@pytest.fixture
def place(leader, home, municipality, today):
    def make(person, **fields) -> Placement:
        values = {"municipality": municipality, "min_nights": 1, "max_nights": 3}
        values.update(fields)
        return placement_create(
            actor=leader, home=home, person=person, data=PlacementInput(**values), today=today
        )

    return make


@pytest.fixture
def child(make_person, grant, place):
    """A child with 4 nights per month, placed at the home."""

    def make(quantity=4, per="month", valid_from=None, **fields):
        person = make_person(age_years=9)
        grant(person, quantity=quantity, per=per, valid_from=valid_from)
        return place(person, **fields)

    return make


@pytest.fixture
def guardian_of(municipality):
    def make(placement, username=None):
        user = factories.user(municipality, Role.GUARDIAN, username=username)
        Relative.objects.create(
            person=placement.person,
            name=user.get_full_name(),
            relation=Relative.Relation.PARENT,
            is_guardian=True,
            user=user,
        )
        return user

    return make


@pytest.fixture
def past_stay(leader, care_worker, today):
    """A stay that ended `ago` days ago (made through the service as if on its first day),
    with a report written by the care worker if `report`, reviewed by the leader if `reviewed`."""

    def make(placement, ago=3, nights=2, report=False, reviewed=False):
        first = today - datetime.timedelta(days=ago + nights)
        stay = stay_create(
            actor=leader, placement=placement, first_night=first, nights=nights, today=first
        )
        if report or reviewed:
            written = report_write(
                actor=care_worker,
                stay=stay,
                data=ReportInput(sleep="Sov godt.", food="Spiste alt.", activities="Tur i skogen."),
                today=today,
            )
            if reviewed:
                report_review(
                    actor=leader, report=written, expected_version=written.version, today=today
                )
        return stay

    return make


@pytest.fixture
def assign(today):
    def make(placement, staff, kind=Assignment.Kind.CARE_WORKER):
        return Assignment.objects.create(
            person=placement.person,
            staff=staff,
            kind=kind,
            valid_from=today - datetime.timedelta(days=365),
        )

    return make
