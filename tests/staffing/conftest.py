"""Fixtures for the staff part: the Flata respite home's leader, employees made through the
services, and a child whose decision the home delivers (for care needs through the door)."""

import datetime
from decimal import Decimal

import pytest

from omsorg.cases.deadlines import add_months
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.core.models import Role
from omsorg.staffing.rotations import cover_rule_set, rotation_request, shift_type_create
from omsorg.staffing.services import EmployeeInput, certificate_add, employee_create


@pytest.fixture
def leader(users):
    return users[Role.SERVICE_LEADER]


@pytest.fixture
def hire(leader, department):
    numbers = iter(range(1000, 9999))

    def make(profession="assistent", percent=100, kind="permanent", hpr="", **fields):
        data = EmployeeInput(
            employee_number=f"A{next(numbers)}",
            first_name=fields.get("first_name", "Kari"),
            last_name=fields.get("last_name", f"Ansatt{next(numbers)}"),
            profession=profession,
            position_percent=Decimal(percent),
            hpr_number=hpr,
            kind=kind,
        )
        return employee_create(actor=leader, unit=department, data=data)

    return make


@pytest.fixture
def course(leader, today):
    def add(employee, competence, *, completed_days_ago=30, expires_in=None):
        return certificate_add(
            actor=leader,
            employee=employee,
            competence=competence,
            completed_on=today - datetime.timedelta(days=completed_days_ago),
            expires_on=None if expires_in is None else today + datetime.timedelta(days=expires_in),
            today=today,
        )

    return add


@pytest.fixture
def served_child(caseworker, service_type, department, make_person, today):
    """A child with a respite decision the unit delivers: the leader has a service need."""
    person = make_person(age_years=9)
    data = DecisionInput(
        service_type=service_type("respite_home"),
        outcome="granted",
        reasons="Særlig tyngende omsorgsoppgaver.",
        quantity=4,
        scope_period="month",
        scope_unit="",
        valid_from=today,
        valid_to=add_months(today, 12),
        review_date=add_months(today, 11),
        justification="Vurdert skjønnsmessig.",
        unit=department,
    )
    decision_make(actor=caseworker, person=person, data=data, today=today)
    return person


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def next_monday(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=7 - today.weekday())


@pytest.fixture
def shifts(leader, department):
    """Issue 11 §2's shift types: D 07:30-15:30, A 15:00-22:30, N 22:15-07:45; cover every
    day: D 2 with at least 1 social educator, A 2, N 1."""
    made = {
        code: shift_type_create(actor=leader, unit=department, code=code, label=label,
                                start=datetime.time(h, m), minutes=minutes)
        for code, label, h, m, minutes in (
            ("D", "Dag", 7, 30, 480), ("A", "Aften", 15, 0, 450), ("N", "Natt", 22, 15, 570),
        )
    }  # fmt: skip
    week = list(range(7))
    cover_rule_set(actor=leader, shift_type=made["D"], weekdays=week, competence="", required=2)
    cover_rule_set(
        actor=leader, shift_type=made["D"], weekdays=week, competence="vernepleier", required=1
    )
    cover_rule_set(actor=leader, shift_type=made["A"], weekdays=week, competence="", required=2)
    cover_rule_set(actor=leader, shift_type=made["N"], weekdays=week, competence="", required=1)
    return made


@pytest.fixture
def team(hire):
    """Nine staff, three of them social educators: enough for the cover above."""
    return [
        hire("vernepleier", 100, hpr="1234567"), hire("vernepleier", 80, hpr="2345678"),
        hire("vernepleier", 60, hpr="3456789"), hire("helsefagarbeider", 100, hpr="4567890"),
        hire("helsefagarbeider", 80, hpr="5678901"), hire("helsefagarbeider", 60, hpr="6789012"),
        hire("assistent", 100), hire("assistent", 75), hire("assistent", 50),
    ]  # fmt: skip


@pytest.fixture
def make_rotation(leader, department, today, django_capture_on_commit_callbacks):
    def make(weeks=2, time_limit=3):
        with django_capture_on_commit_callbacks(execute=True):
            rotation = rotation_request(
                actor=leader, unit=department, start=next_monday(today), weeks=weeks,
                time_limit=time_limit, today=today,
            )  # fmt: skip
        rotation.refresh_from_db()
        return rotation

    return make
