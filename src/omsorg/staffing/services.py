"""Writes of the competence register: employees, courses and certificates, care needs.

One use case per function, one transaction each, a case event for every change; person data
(whose needs) only through people.access.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.cases.models import Decision
from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.events import event_record, snapshot
from omsorg.core.models import Unit, User
from omsorg.people.access import access_person_by_id
from omsorg.staffing.competences import Competence, Profession
from omsorg.staffing.models import CareNeed, Certificate, Employee
from omsorg.staffing.permissions import require_unit_leader
from omsorg.staffing.rules import hpr_is_valid

EMPLOYEE_FIELDS = [
    "employee_number", "first_name", "last_name", "profession", "hpr_number",
    "position_percent", "kind",
]  # fmt: skip
DECISION_IN_FORCE = (Decision.Status.DECIDED, Decision.Status.NOTIFIED)


@dataclass(frozen=True)
class EmployeeInput:
    employee_number: str
    first_name: str
    last_name: str
    profession: str
    position_percent: Decimal
    hpr_number: str = ""
    kind: str = Employee.Kind.PERMANENT


def employee_input_check(data: EmployeeInput) -> None:
    """The rules a form or an import row must meet; the first broken one is raised."""
    if not data.employee_number.strip():
        raise InvalidInput(_("Give the employee number."), field="employee_number")
    if not data.first_name.strip() or not data.last_name.strip():
        raise InvalidInput(_("Give the first and last name."), field="last_name")
    if data.profession not in Profession.values:
        raise InvalidInput(_("Choose a profession from the list."), field="profession")
    if data.hpr_number and not hpr_is_valid(data.hpr_number):
        raise InvalidInput(_("An HPR number has 7 to 9 digits."), field="hpr_number")
    if not Decimal(0) < data.position_percent <= Decimal(100):
        raise InvalidInput(
            _("A position is more than 0 and at most 100 %."), field="position_percent"
        )
    if data.kind not in Employee.Kind.values:
        raise InvalidInput(_("Choose permanent position or substitute pool."), field="kind")


def _number_free(number: str, unit: Unit, employee: Employee | None = None) -> None:
    taken = Employee.objects.filter(employee_number=number)
    if employee is not None:
        taken = taken.exclude(pk=employee.pk)
    if taken.exists():
        raise InvalidInput(
            _("Employee number %(number)s is already registered."),
            field="employee_number",
            number=number,
        )


@transaction.atomic
def employee_create(*, actor: User, unit: Unit, data: EmployeeInput) -> Employee:
    require_unit_leader(actor, unit)
    employee_input_check(data)
    _number_free(data.employee_number, unit)
    employee = Employee.objects.create(
        unit=unit,
        created_by=actor,
        updated_by=actor,
        **{name: getattr(data, name) for name in EMPLOYEE_FIELDS},
    )
    event_record(actor=actor, kind="employee_created", subject=employee)
    return employee


@transaction.atomic
def employee_update(
    *, actor: User, employee: Employee, data: EmployeeInput, expected_version: int
) -> Employee:
    require_unit_leader(actor, employee.unit)
    employee_input_check(data)
    _number_free(data.employee_number, employee.unit, employee)
    before = snapshot(employee)
    for name in EMPLOYEE_FIELDS:
        setattr(employee, name, getattr(data, name))
    save_versioned(employee, expected_version=expected_version, actor=actor, fields=EMPLOYEE_FIELDS)
    event_record(actor=actor, kind="employee_updated", subject=employee, before=before)
    return employee


def certificate_input_check(
    competence: str, completed_on: datetime.date, expires_on: datetime.date | None, today
) -> None:
    if competence not in Competence.values:
        raise InvalidInput(_("Choose a course from the list."), field="competence")
    if completed_on > today:
        raise InvalidInput(_("A course is registered when it is completed."), field="completed_on")
    if expires_on is not None and expires_on < completed_on:
        raise InvalidInput(
            _("A certificate cannot expire before it was completed."), field="expires_on"
        )


@transaction.atomic
def certificate_add(
    *,
    actor: User,
    employee: Employee,
    competence: str,
    completed_on: datetime.date,
    expires_on: datetime.date | None,
    today: datetime.date,
) -> Certificate:
    require_unit_leader(actor, employee.unit)
    certificate_input_check(competence, completed_on, expires_on, today)
    if employee.certificates.filter(competence=competence, completed_on=completed_on).exists():
        raise InvalidInput(_("This course is already registered on that date."), field="competence")
    certificate = Certificate.objects.create(
        employee=employee, competence=competence, completed_on=completed_on, expires_on=expires_on
    )
    event_record(actor=actor, kind="certificate_added", subject=certificate)
    return certificate


@transaction.atomic
def certificate_remove(*, actor: User, certificate: Certificate) -> None:
    require_unit_leader(actor, certificate.employee.unit)
    before = snapshot(certificate)
    event_record(actor=actor, kind="certificate_removed", subject=certificate, before=before)
    certificate.delete()


def _decision_in_force(person_id: int, unit: Unit, today: datetime.date) -> Decision | None:
    """The person's latest decision in force that this unit delivers."""
    return (
        Decision.objects.filter(person_id=person_id, unit=unit, status__in=DECISION_IN_FORCE)
        .exclude(valid_to__lt=today)
        .order_by("-valid_from", "-pk")
        .first()
    )


@transaction.atomic
def care_need_add(
    *, actor: User, unit: Unit, person_id: int, competence: str, today: datetime.date
) -> CareNeed:
    """Record that the person's care needs the competence; tied to the decision the unit
    delivers when there is one, else to the care plan. The person is read through the door."""
    require_unit_leader(actor, unit)
    person = access_person_by_id(
        actor, person_id, today=today, what="staffing: care need", channel="page"
    )
    if competence not in Competence.values:
        raise InvalidInput(_("Choose a competence from the list."), field="competence")
    if CareNeed.objects.filter(unit=unit, person=person, competence=competence).exists():
        raise InvalidInput(_("This need is already registered."), field="competence")
    decision = _decision_in_force(person.pk, unit, today)
    need = CareNeed.objects.create(
        unit=unit,
        person=person,
        competence=competence,
        decision=decision,
        source=CareNeed.Source.DECISION if decision else CareNeed.Source.CARE_PLAN,
        created_by=actor,
        updated_by=actor,
    )
    event_record(actor=actor, kind="care_need_added", subject=need, person=person)
    return need


@transaction.atomic
def care_need_remove(*, actor: User, need: CareNeed) -> None:
    require_unit_leader(actor, need.unit)
    if need.unit_id != actor.unit_id:
        raise PermissionDenied()
    event_record(
        actor=actor,
        kind="care_need_removed",
        subject=need,
        person=need.person,
        before=snapshot(need),
    )
    need.delete()
