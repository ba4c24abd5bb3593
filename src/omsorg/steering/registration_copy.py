"""PostgreSQL reads a clean registrations file itself (issue 9's benchmark: ≥ 100 000 rows/s).

Profiled on 2 million rows (benchmarks/steering/notes.md): reading the rows in Python cost
about 18 CPU-seconds and the server's per-row work about 50, of which 30 were the foreign-key
triggers and 10 the indexes. Here the file goes to the server as it is, by COPY into a
temporary table, and everything after is set-based: one scan groups the file's distinct
dates, units, identity numbers, services and hours (a few thousand values, checked in Python
by the same rules as the row-by-row reading), one grouping finds duplicate keys, and one
INSERT ... SELECT maps codes to ids through the checked values and writes the rows.

Only a plainly clean file is read this way: no quote, no blank line, every field as the
database holds it (no padding), the same number of fields on every line. Anything else, or
any value that fails a check, gives None, the staging is rolled back, and the file is read
row by row (`import_rows.parse_file`), which lists every bad row by its line number: the
same rows are accepted and refused either way.

`Registration` has no database foreign keys (each row would pay four trigger checks): the
ids written here come from the checked values joined against the live tables, and the
referenced persons, units and services are locked FOR KEY SHARE, as a foreign-key check
would lock them, so that none can be deleted before the import commits.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection

from omsorg.steering.csv_format import Table
from omsorg.steering.import_rows import Known
from omsorg.steering.registration_columns import canonical_date, canonical_hours

STAGE = "steering_registration_stage"
_PIECE = 1 << 20  # bytes per COPY write
_WORK_MEM = "128MB"  # the file's groupings stay in memory (2 million keys)


def available() -> bool:
    return connection.vendor == "postgresql"


def plainly_clean(table: Table) -> bool:
    """What COPY would read differently from Python's csv module, or not at all: quotes and
    COPY's end-of-data marker (a line `\\.`)."""
    return '"' not in table.text and "\\." not in table.text


@dataclass
class Staged:
    """The file in the staging table, checked: what the insert joins the rows through."""

    rows: int
    dates: dict[str, datetime.date]
    persons: dict[str, int]
    units: dict[str, int]
    services: dict[str, int]
    hours: dict[str, str]
    unit_months: set[tuple[int, datetime.date]]


def stage(table: Table, content: bytes, known: Known) -> Staged | None:
    """COPY the file into the staging table and check it; None when a row is not plainly
    clean (the caller rolls back and reads the file row by row)."""
    import psycopg

    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL work_mem = '{_WORK_MEM}'")
        cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {STAGE} (date text, national_id text, unit text,"
            " service text, hours text) ON COMMIT DROP"
        )
        try:
            rows = _copy(cursor.cursor, table, content)
        except psycopg.DataError:  # a line COPY cannot read (field count, mixed line ends)
            return None
        # Statistics of the staged rows: without them the planner guessed a few hundred rows
        # and joined the units by a nested loop over 2 million materialised rows (29 × 2 M
        # comparisons, spilled to disk); with them, hash joins. 0.2 CPU-s buys about 2.5
        # of the insert's (benchmarks/steering/notes.md, third round).
        cursor.execute(f"ANALYZE {STAGE}")
        staged = _check(cursor, rows, known)
        if staged is None or _has_duplicate(cursor):
            return None
        return staged


def _copy(cursor, table: Table, content: bytes) -> int:
    columns = ", ".join(table.columns)
    delimiter = "';'" if table.delimiter == ";" else "','"
    body = content[3:] if content.startswith(b"\xef\xbb\xbf") else content
    sql = f"COPY {STAGE} ({columns}) FROM STDIN (FORMAT csv, HEADER true, DELIMITER {delimiter})"
    with cursor.copy(sql) as copy:
        for start in range(0, len(body), _PIECE):
            copy.write(body[start : start + _PIECE])
    return cursor.rowcount


# GROUPING() of each set: a bit per column left out, the first column the highest bit.
_DATE_UNIT, _PERSON, _SERVICE = 0b00111, 0b11011, 0b11101


def _check(cursor, rows: int, known: Known) -> Staged | None:
    """One scan: the distinct values of each column, and the (date, unit) pairs."""
    cursor.execute(
        "SELECT GROUPING(date, unit, national_id, service, hours), date, unit, national_id,"
        f" service, hours FROM {STAGE} GROUP BY GROUPING SETS"
        " ((date, unit), (national_id), (service), (hours))"
    )
    dates, units, persons, services, hours = {}, {}, {}, {}, {}
    pairs = set()
    try:  # an empty field is NULL here: no known value, a refusal like any unknown one
        for grouping, date, unit, national_id, service, amount in cursor.fetchall():
            if grouping == _DATE_UNIT:
                if date not in dates:
                    dates[date] = _date(date)
                units[unit] = known.units[unit]
                pairs.add((units[unit], dates[date].replace(day=1)))
            elif grouping == _PERSON:
                persons[national_id] = known.persons[national_id]
            elif grouping == _SERVICE:
                services[service] = known.services[service]
            else:
                hours[amount] = _hours(amount)
    except (KeyError, ValueError):
        return None
    return Staged(rows, dates, persons, units, services, hours, pairs)


def _date(raw: str | None) -> datetime.date:
    if raw is None or not canonical_date(raw):
        raise ValueError(raw)
    return datetime.date.fromisoformat(raw)


def _hours(raw: str | None) -> str:
    value = canonical_hours(raw) if raw is not None else None
    if value is None:
        raise ValueError(raw)
    return value


def _has_duplicate(cursor) -> bool:
    cursor.execute(
        f"SELECT 1 FROM {STAGE} GROUP BY date, national_id, unit, service"
        " HAVING count(*) > 1 LIMIT 1"
    )
    return cursor.fetchone() is not None


_LOCKS = {"persons": "people_person", "units": "core_unit", "services": "catalogue_servicetype"}


def insert(staged: Staged, event_id: int) -> int:
    """Write the staged rows as the event's registrations; the number written."""
    with connection.cursor() as cursor:
        for name, table in _LOCKS.items():
            ids = sorted(set(getattr(staged, name).values()))
            cursor.execute(f"SELECT 1 FROM {table} WHERE id = ANY(%s) FOR KEY SHARE", [ids])
        cursor.execute(
            "INSERT INTO steering_registration (import_event_id, date, month, person_id,"
            " unit_id, service_type_id, hours)"
            f" SELECT %s, d.day, d.month, p.id, u.id, v.id, h.value FROM {STAGE} s"
            " JOIN unnest(%s::text[], %s::date[], %s::date[]) d(raw, day, month)"
            " ON d.raw = s.date"
            " JOIN unnest(%s::text[], %s::int[]) p(raw, id) ON p.raw = s.national_id"
            " JOIN unnest(%s::text[], %s::int[]) u(raw, id) ON u.raw = s.unit"
            " JOIN unnest(%s::text[], %s::int[]) v(raw, id) ON v.raw = s.service"
            " JOIN unnest(%s::text[], %s::numeric[]) h(raw, value) ON h.raw = s.hours"
            # In index order: each unit's new rows lie together, on disk and in the indexes
            # (measured: a third less server time than the file's order).
            " ORDER BY u.id, d.day, p.id",
            [
                event_id,
                list(staged.dates), list(staged.dates.values()),
                [day.replace(day=1) for day in staged.dates.values()],
                *_pairs(staged.persons), *_pairs(staged.units), *_pairs(staged.services),
                list(staged.hours), list(staged.hours.values()),
            ],
        )  # fmt: skip
        written = cursor.rowcount
        cursor.execute(f"DROP TABLE {STAGE}")
    return written


def _pairs(mapping: dict) -> tuple[list, list]:
    return list(mapping), list(mapping.values())
