"""A real database failure inside a use case's transaction (issue 8 §2).

`failing_event(kind, after=n)` installs a trigger that makes the database refuse the case
event `kind` once `n` of them exist: the service has already written its rows when the insert
fails, as a full disk or a lost connection would fail it. Not a mock: the database raises, and
what must roll back is what the database holds. `table_counts()` is the before/after check.
"""

import contextlib

from django.db import connection

NAME = "omsorg_injected_failure"

SQLITE = """
CREATE TRIGGER {name} BEFORE INSERT ON core_caseevent
WHEN NEW.kind = '{kind}' AND (SELECT COUNT(*) FROM core_caseevent WHERE kind = '{kind}') >= {after}
BEGIN SELECT RAISE(ABORT, 'injected failure'); END
"""
POSTGRES = """
CREATE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
  IF NEW.kind = '{kind}'
     AND (SELECT COUNT(*) FROM core_caseevent WHERE kind = '{kind}') >= {after} THEN
    RAISE EXCEPTION 'injected failure';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER {name} BEFORE INSERT ON core_caseevent
FOR EACH ROW EXECUTE FUNCTION {name}();
"""
DROP = {
    "sqlite": ["DROP TRIGGER IF EXISTS {name}"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS {name} ON core_caseevent",
        "DROP FUNCTION IF EXISTS {name}()",
    ],
}


@contextlib.contextmanager
def failing_event(kind: str, *, after: int = 0):
    assert kind.replace("_", "").isalnum() and isinstance(after, int)
    create = SQLITE if connection.vendor == "sqlite" else POSTGRES
    with connection.cursor() as cursor:
        cursor.execute(create.format(name=NAME, kind=kind, after=after))
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in DROP[connection.vendor]:
                cursor.execute(statement.format(name=NAME))


UPDATE_SQLITE = """
CREATE TRIGGER {name} BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, 'injected failure'); END
"""
UPDATE_POSTGRES = """
CREATE FUNCTION {name}() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql;
CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();
"""


@contextlib.contextmanager
def failing_update(table: str):
    """The database refuses every UPDATE of `table` (a use case whose last write is one)."""
    assert table.replace("_", "").isalnum()
    create = UPDATE_SQLITE if connection.vendor == "sqlite" else UPDATE_POSTGRES
    with connection.cursor() as cursor:
        cursor.execute(create.format(name=NAME, table=table))
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in DROP[connection.vendor]:
                cursor.execute(statement.replace("core_caseevent", table).format(name=NAME))


def table_counts() -> dict[str, int]:
    """Rows in every table of the project: nothing of a failed use case may remain."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith(("django_session", "sqlite_")):
                continue
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (introspected names)
            counts[table] = cursor.fetchone()[0]
    return counts
