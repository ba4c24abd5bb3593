"""Imports (issue 9 §1): one file, one transaction, one event; all rows or none.

A file with any bad row loads nothing and the refusal lists every bad row. Re-importing
replaces the current rows of exactly the (month, unit) pairs in the file (KOSTRA: the same
year, municipality and indicator); the replaced rows are kept, marked, so that undoing the
import brings them back.
"""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict

from django.db import transaction
from django.db.models import F, ProtectedError, Q
from django.utils.translation import gettext_lazy as _

from omsorg.core import clock
from omsorg.core.errors import InvalidInput, OmsorgError, PermissionDenied
from omsorg.core.models import Municipality, Role, Unit, User
from omsorg.people.selectors import identity_numbers_registered
from omsorg.people.services import persons_import, persons_import_undo
from omsorg.steering import registration_copy
from omsorg.steering.bulk import insert_rows, insert_text_rows
from omsorg.steering.csv_format import FileRefused, RowError, read_table
from omsorg.steering.import_rows import COLUMNS, KINDS, Parsed, parse_file
from omsorg.steering.models import (
    BudgetMonth,
    ImportEvent,
    KostraFigure,
    PendingImport,
    Registration,
    StaffMonth,
)
from omsorg.steering.registration_columns import RegistrationColumns, parse_registrations
from omsorg.steering.selectors import known_for

IMPORTERS = {Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR}
_MONTHLY = {"registrations": Registration, "staff": StaffMonth, "budget": BudgetMonth}


class ImportRefused(OmsorgError):
    """The file has bad rows: nothing was loaded. `errors` lists every one by line."""

    code = "import_refused"
    http_status = 422
    default_message = _("The file has errors; nothing was imported.")

    def __init__(self, errors: list[RowError]):
        super().__init__()
        self.errors = errors


def require_importer(actor: User | None, municipality: Municipality) -> None:
    """Service leaders, management and administrators of the municipality; None is the
    operator at the server's shell (`omsorg import`)."""
    if actor is None:
        return
    if actor.role not in IMPORTERS or actor.municipality_id != municipality.pk:
        raise PermissionDenied()


def file_check(
    *, municipality: Municipality, kind: str, content: bytes, on_server: bool = True
) -> Parsed:
    """Every row read and checked against the database, nothing written (the preview).

    A clean registrations file is checked by PostgreSQL as the import reads it
    (`registration_copy`) and only counted here: a web upload of hundreds of thousands of
    rows is not held row by row in the web process. Any other file, or one the server's
    reading does not take, is read row by row, which lists every bad row."""
    if kind not in KINDS:
        raise InvalidInput(_("Unknown kind of import."), field="kind")
    if kind == "registrations" and on_server:
        counted = _registrations_counted_on_server(municipality, content)
        if counted is not None:
            return counted
    known = known_for(kind, municipality)
    if kind == "registrations":
        parsed = parse_registrations(content, known)
    else:
        parsed = parse_file(kind, content, known)
    if kind == "persons" and parsed.rows:
        _check_persons_elsewhere(parsed, municipality)
    return parsed


class _Discard(Exception):
    """Leave the savepoint of a check: nothing of it stays."""


def _registrations_counted_on_server(municipality, content: bytes) -> Parsed | None:
    """The import's own server-side check (`registration_copy.stage`), rolled back: the
    file's row count if it is clean as PostgreSQL reads it, else None."""
    if not registration_copy.available():
        return None
    try:
        table = read_table(content, COLUMNS["registrations"])
    except FileRefused:
        return None
    if not registration_copy.plainly_clean(table):
        return None
    staged = None
    try:
        with transaction.atomic():
            staged = registration_copy.stage(
                table, content, known_for("registrations", municipality)
            )
            raise _Discard
    except _Discard:
        pass
    return None if staged is None else Parsed("registrations", counted=staged.rows)


def _check_persons_elsewhere(parsed: Parsed, municipality: Municipality) -> None:
    registered = identity_numbers_registered([row.identity.value for row in parsed.rows])
    for row in parsed.rows:
        if registered.get(row.identity.value, municipality.pk) != municipality.pk:
            params = {"column": "national_id", "value": row.identity.value}
            parsed.errors.append(RowError(row.line, "registered_elsewhere", params))
    parsed.errors.sort(key=lambda error: error.line)


@transaction.atomic
def import_file(
    *,
    actor: User | None,
    municipality: Municipality,
    kind: str,
    content: bytes,
    file_name: str = "",
    actor_label: str = "",
) -> ImportEvent:
    """Load the file as one event, or raise ImportRefused listing every bad row."""
    require_importer(actor, municipality)
    label = actor_label or (actor.username if actor else "")
    if kind == "registrations" and registration_copy.available():
        event = _registrations_on_server(municipality, content, actor, label, file_name)
        if event is not None:
            return event
    # The server's reading was tried above (it took a clean file): read row by row now.
    parsed = file_check(municipality=municipality, kind=kind, content=content, on_server=False)
    if not parsed.ok:
        raise ImportRefused(parsed.errors)
    event = _event(municipality, kind, content, actor, label, file_name, len(parsed.rows))
    _LOADERS[kind](event, parsed.rows)
    event.save()
    return event


def _event(municipality, kind, content, actor, label, file_name, rows) -> ImportEvent:
    return ImportEvent.objects.create(
        municipality=municipality,
        kind=kind,
        actor=actor,
        actor_label=label,
        file_name=file_name[:255],
        file_sha256=hashlib.sha256(content).hexdigest(),
        row_count=rows,
    )


class _NotPlainlyClean(Exception):
    """The server's reading met something it does not check itself: undo the staging."""


def _registrations_on_server(municipality, content, actor, label, file_name) -> ImportEvent | None:
    """A clean registrations file read, checked and inserted by PostgreSQL
    (`registration_copy`); None when the file must be read row by row instead (anything
    not plainly clean, every bad file), with nothing of the attempt left."""
    try:
        table = read_table(content, COLUMNS["registrations"])
    except FileRefused:
        return None
    if not registration_copy.plainly_clean(table):
        return None
    try:
        with transaction.atomic():  # a savepoint: the staging goes if the file is not clean
            staged = registration_copy.stage(
                table, content, known_for("registrations", municipality)
            )
            if staged is None:
                raise _NotPlainlyClean
            event = _event(
                municipality, "registrations", content, actor, label, file_name, staged.rows
            )
            event.replaced_count = _replace_registration_months(event, staged.unit_months)
            event.created_count = registration_copy.insert(staged, event.pk)
            if event.created_count != staged.rows:  # every row maps, by the checks: never
                raise _NotPlainlyClean
            event.save()
            return event
    except _NotPlainlyClean:
        return None


def _replace_months(event: ImportEvent, model, pairs: set) -> int:
    """Mark the current rows of these (unit, month) pairs as replaced by the event."""
    months_by_unit: dict[int, set] = defaultdict(set)
    for unit_id, month in pairs:
        months_by_unit[unit_id].add(month)
    replaced = 0
    for unit_id, months in months_by_unit.items():
        replaced += model.objects.filter(
            unit_id=unit_id, month__in=months, replaced_by__isnull=True
        ).update(replaced_by=event)
    return replaced


# The most (unit, date-range) conditions one UPDATE carries (SQLite's expression depth).
_RANGES_PER_UPDATE = 200


def _month_ranges(pairs: set) -> list[tuple[int, datetime.date, datetime.date]]:
    """(unit, first day, day after) for each run of consecutive months of a unit."""
    months_by_unit: dict[int, list] = defaultdict(list)
    for unit_id, month in pairs:
        months_by_unit[unit_id].append(month)
    ranges = []
    for unit_id, months in sorted(months_by_unit.items()):
        months.sort()
        start = end = months[0]
        for month in months[1:]:
            if month == _next_month(end):
                end = month
                continue
            ranges.append((unit_id, start, _next_month(end)))
            start = end = month
        ranges.append((unit_id, start, _next_month(end)))
    return ranges


def _next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


def _replace_registration_months(event: ImportEvent, pairs: set) -> int:
    """Mark the current registrations of these (unit, month) pairs as replaced by the event:
    one set-based UPDATE over the (unit, date) index, a condition per run of months."""
    ranges = _month_ranges(pairs)
    replaced = 0
    for start in range(0, len(ranges), _RANGES_PER_UPDATE):
        where = Q()
        for unit_id, first, following in ranges[start : start + _RANGES_PER_UPDATE]:
            where |= Q(unit_id=unit_id, date__gte=first, date__lt=following)
        replaced += Registration.objects.filter(where, replaced_by__isnull=True).update(
            replaced_by=event
        )
    return replaced


_REGISTRATION_FIELDS = (
    "import_event", "date", "month", "person", "unit", "service_type", "hours",
)  # fmt: skip


def _load_registrations(event: ImportEvent, rows) -> None:
    if not isinstance(rows, RegistrationColumns):  # read row by row (an untidy clean file)
        columns = RegistrationColumns()
        for r in rows:
            columns.dates.append(r.date.isoformat())
            columns.person_ids.append(r.person_id)
            columns.unit_ids.append(r.unit_id)
            columns.service_ids.append(r.service_type_id)
            columns.hours.append(str(r.hours))
        rows = columns
    event.replaced_count = _replace_registration_months(event, rows.unit_months())
    event.created_count = insert_text_rows(
        Registration, _REGISTRATION_FIELDS, rows.db_rows(event.pk)
    )


def _load_staff(event: ImportEvent, rows) -> None:
    event.replaced_count = _replace_months(event, StaffMonth, {(r.unit_id, r.month) for r in rows})
    fields = (
        "import_event", "month", "unit", "employee_id", "position_pct", "profession",
        "relevant_education", "contracted_hours", "sick_leave_hours",
    )  # fmt: skip
    event.created_count = insert_rows(StaffMonth, fields, ((event.pk, *r[1:]) for r in rows))


def _load_budget(event: ImportEvent, rows) -> None:
    event.replaced_count = _replace_months(event, BudgetMonth, {(r.unit_id, r.month) for r in rows})
    fields = ("import_event", "month", "unit", "budget_nok", "accounts_nok")
    event.created_count = insert_rows(BudgetMonth, fields, ((event.pk, *r[1:]) for r in rows))


def _load_kostra(event: ImportEvent, rows) -> None:
    indicators: dict[tuple, set] = defaultdict(set)
    for row in rows:
        indicators[(row.year, row.municipality_number)].add(row.indicator)
    for (year, number), names in indicators.items():
        event.replaced_count += KostraFigure.objects.filter(
            municipality_id=event.municipality_id,
            year=year,
            municipality_number=number,
            indicator__in=names,
            replaced_by__isnull=True,
        ).update(replaced_by=event)
    fields = ("import_event", "municipality", "year", "municipality_number", "indicator", "value")
    event.created_count = insert_rows(
        KostraFigure, fields, ((event.pk, event.municipality_id, *r[1:]) for r in rows)
    )


def _load_persons(event: ImportEvent, rows) -> None:
    known = set(
        identity_numbers_registered([row.identity.value for row in rows])
    )  # this municipality's: file_check refused the others
    new = [(r.identity, r.given_name, r.family_name) for r in rows if r.identity.value not in known]
    ids = persons_import(actor=event.actor, municipality_id=event.municipality_id, persons=new)
    event.created_count = len(ids)
    event.undo_data = {"person_ids": ids}


def _unit_state(unit: Unit) -> dict:
    return {"name": unit.name, "kind": unit.kind, "parent_id": unit.parent_id}


def _load_units(event: ImportEvent, rows) -> None:
    """Create the new codes, update the known ones, then set every parent (the file may name
    a parent below its child)."""
    existing = {u.code: u for u in Unit.objects.filter(municipality_id=event.municipality_id)}
    before, created = {}, []
    for row in rows:
        unit = existing.get(row.code)
        if unit is None:
            unit = Unit(municipality_id=event.municipality_id, code=row.code)
            created.append(unit)
            existing[row.code] = unit
        else:
            before[unit.pk] = _unit_state(unit)
        unit.name, unit.kind = row.name, row.kind
    Unit.objects.bulk_create(created)
    changed = []
    for row in rows:
        unit = existing[row.code]
        unit.parent_id = existing[row.parent_code].pk if row.parent_code else None
        if unit.pk not in before or before[unit.pk] != _unit_state(unit):
            changed.append(unit)
    Unit.objects.bulk_update(changed, ["name", "kind", "parent"])
    event.created_count = len(created)
    event.updated_count = sum(1 for unit in changed if unit.pk in before)
    event.undo_data = {
        "created_unit_ids": [unit.pk for unit in created],
        "units_before": {str(pk): state for pk, state in before.items()},
    }


_LOADERS = {
    "registrations": _load_registrations,
    "staff": _load_staff,
    "budget": _load_budget,
    "kostra": _load_kostra,
    "persons": _load_persons,
    "units": _load_units,
}


class UndoRefused(OmsorgError):
    code = "undo_refused"
    http_status = 409
    default_message = _("This import cannot be undone.")


@transaction.atomic
def import_undo(*, actor: User | None, event: ImportEvent, actor_label: str = "") -> ImportEvent:
    """Take the import's rows out and bring back the rows it replaced. Refused when already
    undone, when a later import replaced some of its rows (undo that one first), or when its
    persons or units are in use."""
    event = ImportEvent.objects.select_for_update().get(pk=event.pk)
    require_importer(actor, event.municipality)
    if event.undone:
        raise UndoRefused(_("This import is already undone."))
    try:
        with transaction.atomic():
            _UNDO[event.kind](event)
    except ProtectedError as error:
        raise UndoRefused(
            _("Other records use what this import created, so it cannot be undone.")
        ) from error
    event.undone = True
    event.undone_at = clock.now()
    event.undone_by = actor
    if actor_label and not actor:
        event.undo_data = {**event.undo_data, "undone_by_label": actor_label}
    event.save()
    return event


def _undo_rows(model):
    def undo(event: ImportEvent) -> None:
        if model.objects.filter(import_event=event, replaced_by__isnull=False).exists():
            raise UndoRefused(
                _("A later import replaced rows of this one: undo the later import first.")
            )
        # One DELETE statement: the rows have no dependants, and Django's collector would load
        # every row first (2 million for a year of registrations).
        rows = model.objects.filter(import_event=event)
        rows._raw_delete(rows.db)
        model.objects.filter(replaced_by=event).update(replaced_by=None)

    return undo


def _undo_persons(event: ImportEvent) -> None:
    persons_import_undo(person_ids=event.undo_data.get("person_ids", []))


def _undo_units(event: ImportEvent) -> None:
    later = ImportEvent.objects.filter(
        municipality_id=event.municipality_id, kind="units", undone=False, pk__gt=event.pk
    )
    if later.exists():
        raise UndoRefused(_("A later import of units exists: undo the later import first."))
    restored = []
    for pk, state in event.undo_data.get("units_before", {}).items():
        unit = Unit.objects.get(pk=int(pk))
        unit.name, unit.kind, unit.parent_id = state["name"], state["kind"], state["parent_id"]
        restored.append(unit)
    created = event.undo_data.get("created_unit_ids", [])
    # Children first cannot be guaranteed; clear the parents of the created units, then delete.
    Unit.objects.filter(pk__in=created).update(parent=None)
    Unit.objects.bulk_update(restored, ["name", "kind", "parent"])
    Unit.objects.filter(pk__in=created).delete()


_UNDO = {
    "registrations": _undo_rows(Registration),
    "staff": _undo_rows(StaffMonth),
    "budget": _undo_rows(BudgetMonth),
    "kostra": _undo_rows(KostraFigure),
    "persons": _undo_persons,
    "units": _undo_units,
}


# The web's two steps: the upload is kept until the leader confirms or leaves it.


def pending_import_create(
    *, actor: User, municipality: Municipality, kind: str, file_name: str, content: bytes
) -> tuple[PendingImport, Parsed]:
    """Keep an uploaded file for confirmation and return it with its check."""
    require_importer(actor, municipality)
    parsed = file_check(municipality=municipality, kind=kind, content=content)
    PendingImport.objects.filter(actor=actor).delete()  # one upload waits per user
    pending = PendingImport.objects.create(
        municipality=municipality, actor=actor, kind=kind, file_name=file_name[:255],
        content=content,
    )  # fmt: skip
    return pending, parsed


@transaction.atomic
def pending_import_confirm(*, actor: User, pending: PendingImport) -> ImportEvent:
    """Load the kept file (checked again: the database may have changed since the preview)."""
    event = import_file(
        actor=actor,
        municipality=pending.municipality,
        kind=pending.kind,
        content=bytes(pending.content),
        file_name=pending.file_name,
    )
    pending.delete()
    return event


# Deliveries recorded one by one outside a file (a done home-care visit, issue 10 §5) hang on
# one registrations event per municipality, source and day, as an import's rows do, so every
# steering figure reads them alike. A later file import of the same unit and month replaces
# them like any earlier rows of that month (and its undo brings them back).
RECORDERS = {Role.SERVICE_LEADER, Role.CARE_WORKER, Role.ADMINISTRATOR}


@transaction.atomic
def registration_record(
    *,
    actor: User | None,
    person,
    unit: Unit,
    service_type,
    date,
    hours,
    source: str,
) -> Registration:
    """Record `hours` of `service_type` delivered to `person` by `unit` on `date`."""
    if actor is not None and (
        actor.role not in RECORDERS or actor.municipality_id != unit.municipality_id
    ):
        raise PermissionDenied()
    if person.municipality_id != unit.municipality_id:
        raise InvalidInput(
            _("The person is not registered in the unit's municipality."), field="person"
        )
    if not 0 <= hours <= 24:
        raise InvalidInput(_("A day's delivered hours are between 0 and 24."), field="hours")
    label = f"{source} {date.isoformat()}"
    event = (
        ImportEvent.objects.select_for_update()
        .filter(
            municipality_id=unit.municipality_id,
            kind=ImportEvent.Kind.REGISTRATIONS,
            file_name=label,
            actor_label=source,
            undone=False,
        )  # fmt: skip
        .first()
    )
    if event is None:
        event = ImportEvent.objects.create(
            municipality_id=unit.municipality_id,
            kind=ImportEvent.Kind.REGISTRATIONS,
            actor_label=source,
            file_name=label,
            file_sha256="",
            row_count=0,
        )
    row = Registration.objects.create(
        import_event=event,
        date=date,
        month=date.replace(day=1),
        person=person,
        unit=unit,
        service_type=service_type,
        hours=round(hours, 2),
    )
    ImportEvent.objects.filter(pk=event.pk).update(
        row_count=F("row_count") + 1, created_count=F("created_count") + 1
    )
    return row
