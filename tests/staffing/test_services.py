"""Writes of the competence register: checks, permissions, concurrency, events."""

import datetime
from decimal import Decimal

import pytest

from omsorg.core.errors import InvalidInput, NotFound, PermissionDenied, StaleVersion
from omsorg.core.models import CaseEvent, Role
from omsorg.people.models import AccessLog
from omsorg.staffing.models import CareNeed
from omsorg.staffing.services import (
    EmployeeInput,
    care_need_add,
    certificate_add,
    employee_create,
    employee_update,
)

pytestmark = pytest.mark.django_db


def _data(**changes):
    values = dict(
        employee_number="E1", first_name="Kari", last_name="Nordmann",
        profession="vernepleier", position_percent=Decimal(80), hpr_number="1234567",
    )  # fmt: skip
    values.update(changes)
    return EmployeeInput(**values)


def test_leader_registers_an_employee_with_an_event(leader, department):
    employee = employee_create(actor=leader, unit=department, data=_data())
    assert employee.unit == department
    assert CaseEvent.objects.filter(kind="employee_created", subject_id=employee.pk).exists()


def test_bad_hpr_number_is_refused_naming_the_field(leader, department):
    with pytest.raises(InvalidInput) as refused:
        employee_create(actor=leader, unit=department, data=_data(hpr_number="12AB"))
    assert refused.value.field == "hpr_number"


@pytest.mark.parametrize("percent", [Decimal(0), Decimal("100.5"), Decimal(-10)])
def test_position_outside_0_to_100_is_refused(leader, department, percent):
    with pytest.raises(InvalidInput) as refused:
        employee_create(actor=leader, unit=department, data=_data(position_percent=percent))
    assert refused.value.field == "position_percent"


def test_employee_number_is_unique(leader, department):
    employee_create(actor=leader, unit=department, data=_data())
    with pytest.raises(InvalidInput):
        employee_create(actor=leader, unit=department, data=_data(first_name="Other"))


@pytest.mark.parametrize("role", [Role.CARE_WORKER, Role.CASEWORKER, Role.ADMINISTRATOR])
def test_only_the_units_leader_registers_staff(users, department, role):
    with pytest.raises(PermissionDenied):
        employee_create(actor=users[role], unit=department, data=_data())


def test_a_stale_edit_is_refused(leader, department):
    employee = employee_create(actor=leader, unit=department, data=_data())
    employee_update(actor=leader, employee=employee, data=_data(position_percent=Decimal(50)),
                    expected_version=1)  # fmt: skip
    with pytest.raises(StaleVersion):
        employee_update(actor=leader, employee=employee, data=_data(), expected_version=1)


def test_course_expiring_before_it_was_completed_is_refused(leader, hire, today):
    employee = hire()
    with pytest.raises(InvalidInput) as refused:
        certificate_add(
            actor=leader, employee=employee, competence="epilepsi", completed_on=today,
            expires_on=today - datetime.timedelta(days=1), today=today,
        )  # fmt: skip
    assert refused.value.field == "expires_on"


def test_course_in_the_future_is_refused(leader, hire, today):
    with pytest.raises(InvalidInput):
        certificate_add(
            actor=leader, employee=hire(), competence="ask",
            completed_on=today + datetime.timedelta(days=1), expires_on=None, today=today,
        )  # fmt: skip


def test_care_need_comes_from_the_decision_and_is_read_through_the_door(
    leader, department, served_child, today
):
    need = care_need_add(
        actor=leader, unit=department, person_id=served_child.pk, competence="epilepsi",
        today=today,
    )  # fmt: skip
    assert need.source == CareNeed.Source.DECISION
    assert need.decision is not None
    assert AccessLog.objects.filter(actor=leader, person=served_child).exists()


def test_care_need_for_a_person_not_served_is_not_found(leader, department, make_person, today):
    stranger = make_person()
    with pytest.raises(NotFound):
        care_need_add(
            actor=leader, unit=department, person_id=stranger.pk, competence="ask", today=today
        )
    assert not CareNeed.objects.exists()
