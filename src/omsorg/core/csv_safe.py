"""Every CSV export goes through here: no cell a spreadsheet would run as a formula.

A child registered as `=HYPERLINK(...)` was exported as is (security report M3). Excel and
LibreOffice run a cell starting with = + - @ (and tab or carriage return before one of them)
as a formula, quoted or not; OWASP's advice is to start such a cell with an apostrophe, which
the spreadsheet shows as text. Numbers we write ourselves are left as numbers.
"""

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: Iterable[Iterable], *, delimiter: str = ";") -> str:
    """The rows as CSV text, each text cell made safe."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
