"""The quick reading of a clean registrations file, column by column (issue 9's benchmark:
≥ 100 000 rows/s), and the rows as the database takes them.

A journal system's export is millions of clean rows. They are read in chunks: each column is
checked once per distinct value (a year has 365 dates and a few dozen hour values) and looked
up with dict lookups over the whole column, duplicates are found with one set, and nothing is
built per row but the database's tuple. Anything not plainly clean (a quote, a blank line, a
wrong field count, a date not written YYYY-MM-DD, an unknown code, a bad or negative number, a
duplicate key) gives None, and the file is read again row by row by `import_rows.parse_file`,
which names every problem with its line: the same rows, the same keys, the same refusals.

Pure: no Django.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from itertools import islice

from omsorg.steering.csv_format import FileRefused, Table, read_table
from omsorg.steering.import_rows import COLUMNS, Known, Parsed, RegistrationRow, parse_file

CHUNK = 100_000
_WIDTH = len(COLUMNS["registrations"])


class RegistrationColumns:
    """Clean registration rows as columns: ISO dates and hours as the database reads them
    (text), and the ids of person, unit and service. Iterates as `RegistrationRow`s (line
    numbers from 2: a clean file has no blank or multi-line records), so it stands in for the
    row list of `Parsed.rows`."""

    __slots__ = ("dates", "person_ids", "unit_ids", "service_ids", "hours")

    def __init__(self) -> None:
        self.dates: list[str] = []
        self.person_ids: list[int] = []
        self.unit_ids: list[int] = []
        self.service_ids: list[int] = []
        self.hours: list[str] = []

    def __len__(self) -> int:
        return len(self.dates)

    def __bool__(self) -> bool:
        return bool(self.dates)

    def __iter__(self) -> Iterator[RegistrationRow]:
        days: dict[str, datetime.date] = {}
        amounts: dict[str, Decimal] = {}
        columns = zip(
            self.dates, self.person_ids, self.unit_ids, self.service_ids, self.hours, strict=True
        )
        for index, (day, person, unit, service, hours) in enumerate(columns):
            if day not in days:
                days[day] = datetime.date.fromisoformat(day)
            if hours not in amounts:
                amounts[hours] = Decimal(hours)
            yield RegistrationRow(index + 2, days[day], person, unit, service, amounts[hours])

    def __eq__(self, other) -> bool:
        if isinstance(other, (list, RegistrationColumns)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # mutable, like the list it stands in for

    def unit_months(self) -> set[tuple[int, datetime.date]]:
        """The (unit id, first day of month) pairs of the rows: what a re-import replaces."""
        pairs = set(zip(self.unit_ids, (day[:7] for day in self.dates), strict=True))
        return {(unit, datetime.date.fromisoformat(f"{month}-01")) for unit, month in pairs}

    def db_rows(self, event_id: int) -> Iterator[tuple]:
        """(import_event, date, month, person, unit, service_type, hours), as text and ints."""
        months = {day: day[:8] + "01" for day in set(self.dates)}
        for day, person, unit, service, hours in zip(
            self.dates, self.person_ids, self.unit_ids, self.service_ids, self.hours, strict=True
        ):
            yield event_id, day, months[day], person, unit, service, hours


def canonical_date(raw: str) -> bool:
    if len(raw) != 10:
        return False
    try:
        return datetime.date.fromisoformat(raw).isoformat() == raw
    except ValueError:
        return False


def canonical_hours(raw: str) -> str | None:
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0:
        return None
    return str(value)


def read_registration_columns(table: Table, known: Known) -> RegistrationColumns | None:
    """The file's rows as columns if every one is plainly clean, else None (read it row by
    row then, to name the problems)."""
    if '"' in table.text:
        return None
    at = [table.columns.index(name) for name in COLUMNS["registrations"]]
    reader = csv.reader(io.StringIO(table.text), delimiter=table.delimiter)
    next(reader, None)
    result = RegistrationColumns()
    dates_seen: set[str] = set()
    hours_text: dict[str, str] = {}
    keys: set[tuple] = set()
    while chunk := list(islice(reader, CHUNK)):
        if not all(chunk) or set(map(len, chunk)) != {_WIDTH}:
            return None
        columns = list(zip(*chunk, strict=True))
        dates, ids, units, services, hours = (columns[i] for i in at)
        for raw in set(dates) - dates_seen:
            if not canonical_date(raw):
                return None
            dates_seen.add(raw)
        for raw in set(hours) - hours_text.keys():
            value = canonical_hours(raw)
            if value is None:
                return None
            hours_text[raw] = value
        try:
            person_ids = list(map(known.persons.__getitem__, ids))
            unit_ids = list(map(known.units.__getitem__, units))
            service_ids = list(map(known.services.__getitem__, services))
        except KeyError:
            return None
        before = len(keys)
        keys.update(zip(dates, ids, units, services, strict=True))
        if len(keys) - before != len(chunk):
            return None
        result.dates.extend(dates)
        result.person_ids.extend(person_ids)
        result.unit_ids.extend(unit_ids)
        result.service_ids.extend(service_ids)
        result.hours.extend(map(hours_text.__getitem__, hours))
    return result


def parse_registrations(content: bytes, known: Known) -> Parsed:
    """`parse_file("registrations", ...)`, quick for a clean file: its rows as columns."""
    try:
        table = read_table(content, COLUMNS["registrations"])
    except FileRefused:
        return parse_file("registrations", content, known)
    columns = read_registration_columns(table, known)
    if columns is None:
        return parse_file("registrations", content, known)
    return Parsed("registrations", rows=columns)
