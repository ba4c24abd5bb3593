"""Fast inserts of imported rows: PostgreSQL's COPY, or one prepared INSERT run over many
rows elsewhere. No model instance per row (issue 9's benchmark: ≥ 100 000 rows/s)."""

from collections.abc import Iterable, Sequence
from itertools import islice

from django.db import connection, models

BATCH = 20_000


def _target(model: type[models.Model], fields: Sequence[str]) -> tuple[str, str]:
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    return quote(meta.db_table), columns


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]) -> int:
    """Insert rows (tuples in `fields` order, Python values) into the model's table."""
    table, columns = _target(model, fields)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        iterator = iter(rows)
        while batch := list(islice(iterator, BATCH)):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def insert_text_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]
) -> int:
    """Insert rows whose values are already as the database reads them: ints and text with
    no tab, newline or backslash (ISO dates, plain numbers, codes). PostgreSQL gets COPY's
    text format written in large pieces, SQLite a prepared INSERT over each batch straight
    on the driver's cursor: no adaptation per value."""
    table, columns = _target(model, fields)
    iterator = iter(rows)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                while batch := list(islice(iterator, BATCH)):
                    copy.write("".join(["\t".join(map(str, row)) + "\n" for row in batch]))
                    count += len(batch)
            return count
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        while batch := list(islice(iterator, BATCH)):
            cursor.cursor.executemany(sql, batch)
            count += len(batch)
    return count
