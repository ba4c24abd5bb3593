"""Import of employees and their courses from an HR export (CSV), all rows or none.

Every bad row is listed by its line in the file (the header is line 1) before anything is
saved; a file with one bad row saves nothing. An employee number already in the unit updates
that employee; one registered in another unit is refused.

Employees: ``ansattnr;fornavn;etternavn;yrke;hpr;stilling;type`` (yrke: vernepleier,
sykepleier, helsefagarbeider, barnevernspedagog, assistent, annet; type: fast or vikar).
Courses: ``ansattnr;kurs;fullfort;utloper`` (kurs: the codes of staffing.competences.Competence;
dates as dd.mm.yyyy or yyyy-mm-dd; utloper may be empty).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import InvalidInput, OmsorgError
from omsorg.core.events import event_record
from omsorg.core.models import Unit, User
from omsorg.staffing.models import Certificate, Employee
from omsorg.staffing.permissions import require_unit_leader
from omsorg.staffing.services import (
    EMPLOYEE_FIELDS,
    EmployeeInput,
    certificate_input_check,
    employee_input_check,
)
from omsorg.steering.csv_format import FileRefused, read_table

EMPLOYEE_COLUMNS = ("ansattnr", "fornavn", "etternavn", "yrke", "hpr", "stilling", "type")
COURSE_COLUMNS = ("ansattnr", "kurs", "fullfort", "utloper")
KINDS = {"fast": Employee.Kind.PERMANENT, "vikar": Employee.Kind.SUBSTITUTE}
MAX_ROWS = 5000


class ImportRefused(OmsorgError):
    code = "staffing_import_refused"
    http_status = 422
    default_message = _("Nothing was imported: the file has errors.")

    def __init__(self, errors: list[tuple[int, str]]):
        super().__init__()
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def _date(raw: str, column: str) -> datetime.date | None:
    raw = raw.strip()
    if not raw:
        return None
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise InvalidInput(_("%(column)s: %(value)s is not a date."), column=column, value=raw)


def _percent(raw: str) -> Decimal:
    try:
        return Decimal(raw.strip().replace(",", ".").rstrip("%").strip())
    except InvalidOperation:
        raise InvalidInput(
            _("stilling: %(value)s is not a number."), value=raw, field="position_percent"
        ) from None


def _employee_row(cells: dict[str, str]) -> EmployeeInput:
    kind = KINDS.get(cells["type"].strip().lower() or "fast")
    if kind is None:
        raise InvalidInput(_("type: write fast or vikar."), field="kind")
    return EmployeeInput(
        employee_number=cells["ansattnr"].strip(),
        first_name=cells["fornavn"].strip(),
        last_name=cells["etternavn"].strip(),
        profession=cells["yrke"].strip().lower(),
        hpr_number=cells["hpr"].strip(),
        position_percent=_percent(cells["stilling"]),
        kind=kind,
    )


def _rows(content: bytes, columns: tuple[str, ...]):
    try:
        table = read_table(content, columns)
    except FileRefused as refused:
        message = _("The columns must be: %(columns)s.") % {"columns": ";".join(columns)}
        if refused.error.code == "not_utf8":
            message = _("The file is not UTF-8 text.")
        raise ImportRefused([(refused.error.line, str(message))]) from None
    for line, fields in table.records():
        if len(fields) != len(table.columns):
            yield line, None
            continue
        yield line, dict(zip(table.columns, fields, strict=True))


def _parse(content: bytes, columns, read) -> tuple[list[tuple[int, object]], list]:
    """(line, parsed row) for every readable row, and (line, message) for every other one."""
    parsed, errors = [], []
    for line, cells in _rows(content, columns):
        if cells is None:
            errors.append((line, str(_("The row has the wrong number of columns."))))
            continue
        try:
            parsed.append((line, read(cells)))
        except OmsorgError as error:
            errors.append((line, error.text()))
    if len(parsed) > MAX_ROWS:
        errors.append((1, str(_("A file has at most 5000 rows."))))
    return parsed, errors


def _refuse_if(errors: list[tuple[int, str]]) -> None:
    if errors:
        raise ImportRefused(sorted(errors, key=lambda error: error[0]))


def _check_employees(unit: Unit, rows) -> tuple[dict, list[tuple[int, str]]]:
    numbers = [row.employee_number for _line, row in rows]
    existing = {e.employee_number: e for e in Employee.objects.filter(employee_number__in=numbers)}
    errors, seen = [], set()
    for line, row in rows:
        try:
            employee_input_check(row)
        except OmsorgError as error:
            errors.append((line, error.text()))
        if row.employee_number in seen:
            errors.append((line, str(_("The employee number is in the file twice."))))
        seen.add(row.employee_number)
        other = existing.get(row.employee_number)
        if other is not None and other.unit_id != unit.pk:
            errors.append((line, str(_("The employee number belongs to another unit."))))
    return existing, errors


@transaction.atomic
def employees_import(*, actor: User, unit: Unit, content: bytes) -> ImportResult:
    """Create or update the file's employees in the unit; all or none."""
    require_unit_leader(actor, unit)
    rows, errors = _parse(content, EMPLOYEE_COLUMNS, _employee_row)
    existing, more = _check_employees(unit, rows)
    _refuse_if(errors + more)
    result = ImportResult()
    for _line, row in rows:
        values = {name: getattr(row, name) for name in EMPLOYEE_FIELDS}
        employee = existing.get(row.employee_number)
        if employee is None:
            employee = Employee.objects.create(
                unit=unit, created_by=actor, updated_by=actor, **values
            )
            result.created += 1
            event_record(actor=actor, kind="employee_imported", subject=employee)
            continue
        Employee.objects.filter(pk=employee.pk).update(
            updated_by=actor, version=employee.version + 1, **values
        )
        result.updated += 1
        employee.refresh_from_db()
        event_record(actor=actor, kind="employee_imported", subject=employee)
    return result


def _course_row(
    cells: dict[str, str],
) -> tuple[str, str, datetime.date | None, datetime.date | None]:
    completed = _date(cells["fullfort"], "fullfort")
    if completed is None:
        raise InvalidInput(_("fullfort: give the date the course was completed."))
    return (
        cells["ansattnr"].strip(),
        cells["kurs"].strip().lower(),
        completed,
        _date(cells["utloper"], "utloper"),
    )


@transaction.atomic
def courses_import(
    *, actor: User, unit: Unit, content: bytes, today: datetime.date
) -> ImportResult:
    """Register the file's courses on the unit's employees; a course already registered on the
    same date gets the file's expiry. All rows or none."""
    require_unit_leader(actor, unit)
    rows, errors = _parse(content, COURSE_COLUMNS, _course_row)
    employees = {e.employee_number: e for e in unit.employees.all()}
    for line, (number, competence, completed, expires) in rows:
        if number not in employees:
            message = _("No employee with number %(number)s in this unit.") % {"number": number}
            errors.append((line, str(message)))
        try:
            certificate_input_check(competence, completed, expires, today)
        except OmsorgError as error:
            errors.append((line, error.text()))
    _refuse_if(errors)
    result = ImportResult()
    for _line, (number, competence, completed, expires) in rows:
        certificate, created = Certificate.objects.update_or_create(
            employee=employees[number],
            competence=competence,
            completed_on=completed,
            defaults={"expires_on": expires},
        )
        result.created += created
        result.updated += not created
        event_record(actor=actor, kind="certificate_imported", subject=certificate)
    return result
