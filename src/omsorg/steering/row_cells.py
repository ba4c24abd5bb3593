"""One record of an import file, cell by cell: each reader turns a cell into a value or notes
a problem (a `RowError` with the line, the column and the value) and returns None.

Pure: no Django.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from omsorg.steering.csv_format import RowError

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_NORWEGIAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


class Cells:
    """One record's values by column; each reader notes a problem and returns None."""

    __slots__ = ("line", "values", "errors")

    def __init__(self, line: int, values: dict[str, str], errors: list[RowError]):
        self.line, self.values, self.errors = line, values, errors

    def fail(self, code: str, column: str, **params) -> None:
        value = self.values.get(column, "")
        self.errors.append(RowError(self.line, code, {"column": column, "value": value, **params}))

    def text(self, column: str) -> str | None:
        value = self.values[column]
        if not value:
            self.fail("required", column)
            return None
        return value

    def number(self, column: str, *, negative_allowed: bool = False) -> Decimal | None:
        raw = self.text(column)
        if raw is None:
            return None
        cleaned = raw.replace(" ", "").replace("\u00a0", "")
        if "," in cleaned and "." not in cleaned:
            cleaned = cleaned.replace(",", ".")  # decimal comma, as Norwegian exports write it
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            self.fail("not_a_number", column)
            return None
        if value < 0 and not negative_allowed:
            self.fail("negative", column)
            return None
        return value

    def date(self, column: str) -> datetime.date | None:
        raw = self.text(column)
        if raw is None:
            return None
        try:
            return _parse_date(raw)
        except ValueError:
            self.fail("bad_date", column)
            return None

    def month(self, column: str) -> datetime.date | None:
        raw = self.text(column)
        if raw is None:
            return None
        found = _MONTH.fullmatch(raw)
        if found and 1 <= int(found.group(2)) <= 12:
            return datetime.date(int(found.group(1)), int(found.group(2)), 1)
        self.fail("bad_month", column)
        return None

    def boolean(self, column: str) -> bool | None:
        raw = self.text(column)
        if raw is None:
            return None
        if raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        self.fail("bad_boolean", column)
        return None

    def ref(self, column: str, known: Mapping[str, int], code: str) -> int | None:
        raw = self.text(column)
        if raw is None:
            return None
        found = known.get(raw)
        if found is None:
            self.fail(code, column)
        return found


def _parse_date(raw: str) -> datetime.date:
    """ISO (2024-01-31), or as Norwegian journal systems export it (31.01.2024)."""
    found = _NORWEGIAN_DATE.fullmatch(raw)
    if found:
        day, month, year = (int(part) for part in found.groups())
        return datetime.date(year, month, day)
    if len(raw) != 10:
        raise ValueError("not a date")
    return datetime.date.fromisoformat(raw)


def compact_id(value: str) -> str:
    return "".join(value.split())
