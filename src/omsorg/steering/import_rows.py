"""The six import kinds of issue 9 §1: columns, duplicate keys and the check of every row.

Pure: no Django. `parse_file(kind, content, known)` reads the whole file and returns every row
it could read and every problem it found, each with its file line number (the header is line
1; a duplicate key is reported at its later line). What the rows point to (units, persons,
services) is looked up in `known`, which the caller fills from the database.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from omsorg.people.identity import IdentityNumber, InvalidIdentityNumber, parse_identity_number
from omsorg.steering.csv_format import FileRefused, RowError, read_table
from omsorg.steering.row_cells import Cells, compact_id

COLUMNS: dict[str, tuple[str, ...]] = {
    "units": ("code", "name", "kind", "parent_code"),
    "persons": ("national_id", "given_name", "family_name"),
    "registrations": ("date", "national_id", "unit", "service", "hours"),
    "staff": (
        "month",
        "unit",
        "employee_id",
        "position_pct",
        "profession",
        "relevant_education",
        "contracted_hours",
        "sick_leave_hours",
    ),  # fmt: skip
    "budget": ("month", "unit", "budget_nok", "accounts_nok"),
    "kostra": ("year", "municipality_number", "indicator", "value"),
}
KINDS = tuple(COLUMNS)

_UNIT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,19}")
_FOUR_DIGITS = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Known:
    """What the file's rows may name, as the database holds it."""

    units: Mapping[str, int] = field(default_factory=dict)  # code -> id
    persons: Mapping[str, int] = field(default_factory=dict)  # identity number -> id
    services: Mapping[str, int] = field(default_factory=dict)  # service code -> service type id
    unit_kinds: frozenset[str] = frozenset()
    unit_parents: Mapping[str, str] = field(default_factory=dict)  # code -> parent code or ""
    unit_names: Mapping[str, str] = field(default_factory=dict)  # name -> code ("" if none)
    allow_synthetic: bool = True
    allow_real: bool = False


class UnitRow(NamedTuple):
    line: int
    code: str
    name: str
    kind: str
    parent_code: str


class PersonRow(NamedTuple):
    line: int
    identity: IdentityNumber
    given_name: str
    family_name: str


class RegistrationRow(NamedTuple):
    line: int
    date: datetime.date
    person_id: int
    unit_id: int
    service_type_id: int
    hours: Decimal


class StaffRow(NamedTuple):
    line: int
    month: datetime.date
    unit_id: int
    employee_id: str
    position_pct: Decimal
    profession: str
    relevant_education: bool
    contracted_hours: Decimal
    sick_leave_hours: Decimal


class BudgetRow(NamedTuple):
    line: int
    month: datetime.date
    unit_id: int
    budget_nok: Decimal
    accounts_nok: Decimal


class KostraRow(NamedTuple):
    line: int
    year: int
    municipality_number: str
    indicator: str
    value: Decimal


@dataclass
class Parsed:
    kind: str
    rows: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Rows counted but not read here (a clean registrations file checked by PostgreSQL):
    # the preview shows the count, the rows stay in the database's staging.
    counted: int | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def row_count(self) -> int:
        return len(self.rows) if self.counted is None else self.counted

    def bad_lines(self) -> list[int]:
        return sorted({error.line for error in self.errors})


# Each reader returns (row or None, duplicate key or None). The key is built from the key
# columns alone, so a duplicate is found even when another cell of the row is bad.


def _unit(cells: Cells, known: Known):
    code, name, kind = cells.text("code"), cells.text("name"), cells.text("kind")
    if code is not None and not _UNIT_CODE.fullmatch(code):
        cells.fail("bad_unit_code", "code")
        code = None
    if kind is not None and kind not in known.unit_kinds:
        cells.fail("unknown_kind", "kind", kinds=", ".join(sorted(known.unit_kinds)))
        kind = None
    parent = cells.values["parent_code"]
    if None in (code, name, kind):
        return None, code
    return UnitRow(cells.line, code, name, kind, parent), code


def _person(cells: Cells, known: Known):
    raw = cells.text("national_id")
    given, family = cells.text("given_name"), cells.text("family_name")
    identity = None
    if raw is not None:
        try:
            identity = parse_identity_number(
                raw, allow_synthetic=known.allow_synthetic, allow_real=known.allow_real
            )
        except InvalidIdentityNumber as error:
            cells.fail(
                "bad_identity", "national_id",
                reason_nb=error.message_nb, reason_nn=error.message_nn, reason_en=error.message_en,
            )  # fmt: skip
    key = identity.value if identity else None
    if identity is None or given is None or family is None:
        return None, key
    return PersonRow(cells.line, identity, given, family), key


def _registration(cells: Cells, known: Known):
    day = cells.date("date")
    raw_id = cells.values["national_id"]
    cells.values["national_id"] = compact_id(raw_id)
    person = cells.ref("national_id", known.persons, "unknown_person")
    unit = cells.ref("unit", known.units, "unknown_unit")
    service = cells.ref("service", known.services, "unknown_service")
    hours = cells.number("hours")
    key_parts = (day, cells.values["national_id"], cells.values["unit"], cells.values["service"])
    key = key_parts if day is not None and all(key_parts[1:]) else None
    if None in (day, person, unit, service, hours):
        return None, key
    return RegistrationRow(cells.line, day, person, unit, service, hours), key


def _staff(cells: Cells, known: Known):
    month = cells.month("month")
    unit = cells.ref("unit", known.units, "unknown_unit")
    employee = cells.text("employee_id")
    values = (
        cells.number("position_pct"),
        cells.text("profession"),
        cells.boolean("relevant_education"),
        cells.number("contracted_hours"),
        cells.number("sick_leave_hours"),
    )
    key = (month, cells.values["unit"], employee) if month and employee else None
    if None in (month, unit, employee, *values):
        return None, key
    position, profession, relevant, contracted, sick = values
    row = StaffRow(
        cells.line, month, unit, employee, position, profession.lower(), relevant, contracted, sick
    )
    return row, key


def _budget(cells: Cells, known: Known):
    month = cells.month("month")
    unit = cells.ref("unit", known.units, "unknown_unit")
    budget, accounts = cells.number("budget_nok"), cells.number("accounts_nok")
    key = (month, cells.values["unit"]) if month and cells.values["unit"] else None
    if None in (month, unit, budget, accounts):
        return None, key
    return BudgetRow(cells.line, month, unit, budget, accounts), key


def _kostra(cells: Cells, known: Known):
    year_raw = cells.text("year")
    year = int(year_raw) if year_raw and _FOUR_DIGITS.fullmatch(year_raw) else None
    if year_raw and year is None:
        cells.fail("bad_year", "year")
    number = cells.text("municipality_number")
    if number and not _FOUR_DIGITS.fullmatch(number):
        cells.fail("bad_municipality_number", "municipality_number")
        number = None
    indicator = cells.text("indicator")
    value = cells.number("value")
    key = (year, number, indicator) if year and number and indicator else None
    if None in (year, number, indicator, value):
        return None, key
    return KostraRow(cells.line, year, number, indicator, value), key


_READERS: dict[str, Callable] = {
    "units": _unit,
    "persons": _person,
    "registrations": _registration,
    "staff": _staff,
    "budget": _budget,
    "kostra": _kostra,
}


def parse_file(kind: str, content: bytes, known: Known) -> Parsed:
    """Every row of the file checked; `Parsed.ok` only when no row has a problem."""
    if kind not in COLUMNS:
        raise ValueError(f"unknown import kind {kind!r}")
    parsed = Parsed(kind)
    try:
        table = read_table(content, COLUMNS[kind])
    except FileRefused as refused:
        parsed.errors.append(refused.error)
        return parsed
    _read_records(parsed, table, _READERS[kind], known)
    if kind == "units":
        parsed.errors.extend(check_unit_tree(parsed.rows, known))
    parsed.errors.sort(key=lambda error: error.line)
    return parsed


def _registration_fast(columns: tuple[str, ...], known: Known) -> Callable:
    """The common case of the biggest kind, read without the per-cell bookkeeping: a clean ISO
    date, known codes, a plain non-negative number. Anything else returns None and the row
    is read again by `_registration`, which names each problem (same rows, same keys)."""
    at = {name: columns.index(name) for name in columns}
    i_date, i_id, i_unit, i_service, i_hours = (at[name] for name in COLUMNS["registrations"])
    persons, units, services = known.persons, known.units, known.services
    iso_date = datetime.date.fromisoformat

    def read(line: int, fields: list[str]):
        raw_date = fields[i_date]
        try:
            day = iso_date(raw_date)
            person, unit = persons[fields[i_id]], units[fields[i_unit]]
            service, hours = services[fields[i_service]], Decimal(fields[i_hours])
        except (ValueError, KeyError, InvalidOperation):
            return None
        if len(raw_date) != 10 or not hours.is_finite() or hours < 0:
            return None
        key = (day, fields[i_id], fields[i_unit], fields[i_service])
        return RegistrationRow(line, day, person, unit, service, hours), key

    return read


_FAST_READERS: dict[str, Callable] = {"registrations": _registration_fast}


def _read_records(parsed: Parsed, table, reader: Callable, known: Known) -> None:
    columns, width = table.columns, len(table.columns)
    first_line: dict = {}
    errors = parsed.errors
    fast = _FAST_READERS[parsed.kind](columns, known) if parsed.kind in _FAST_READERS else None
    for line, fields in table.records():
        if len(fields) != width:
            errors.append(RowError(line, "field_count", {"expected": width, "found": len(fields)}))
            continue
        read = fast(line, fields) if fast else None
        if read is None:
            values = {c: v.strip() for c, v in zip(columns, fields, strict=True)}
            read = reader(Cells(line, values, errors), known)
        row, key = read
        if key is not None:
            earlier = first_line.setdefault(key, line)
            if earlier != line:
                errors.append(RowError(line, "duplicate", {"first_line": earlier}))
                continue
        if row is not None:
            parsed.rows.append(row)


def check_unit_tree(rows: list[UnitRow], known: Known) -> list[RowError]:
    """Parents must exist (in the file or the database), the tree must have no cycle, and a
    name must stay unique in the municipality."""
    errors = []
    parents = dict(known.unit_parents)
    parents.update({row.code: row.parent_code for row in rows})
    in_file = {row.code for row in rows}
    names = {name: code for name, code in known.unit_names.items() if code not in in_file}
    for row in rows:
        if row.parent_code and row.parent_code not in parents:
            errors.append(_unit_error(row, "unknown_parent", "parent_code", row.parent_code))
        elif _in_cycle(row.code, parents):
            errors.append(_unit_error(row, "parent_cycle", "parent_code", row.parent_code))
        owner = names.setdefault(row.name, row.code)
        if owner != row.code:
            errors.append(_unit_error(row, "name_taken", "name", row.name))
    return errors


def _unit_error(row: UnitRow, code: str, column: str, value: str) -> RowError:
    return RowError(row.line, code, {"column": column, "value": value})


def _in_cycle(code: str, parents: Mapping[str, str]) -> bool:
    """Whether walking up from the unit comes back to it (a unit merely below a cycle is
    not in it; the walk stops at any repeat)."""
    seen = set()
    current = parents.get(code, "")
    while current and current not in seen:
        if current == code:
            return True
        seen.add(current)
        current = parents.get(current, "")
    return False
