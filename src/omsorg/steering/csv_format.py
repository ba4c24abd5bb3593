"""Reading an import file: UTF-8 (a BOM tolerated), a header row, ';' or ',' detected.

Pure: no Django. Problems come back as `RowError`s with the file line number (the header is
line 1) and a stable code; the interfaces turn codes into sentences in the reader's language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowError:
    """One problem with one line of the file: `code` names it, `params` fill its message."""

    line: int
    code: str
    params: dict = field(default_factory=dict)


class FileRefused(Exception):
    """The file as a whole cannot be read (not UTF-8, no header, wrong columns)."""

    def __init__(self, error: RowError):
        super().__init__(error.code)
        self.error = error


def decode(content: bytes) -> str:
    """The text of the file; a UTF-8 byte-order mark is dropped."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise FileRefused(RowError(line, "not_utf8")) from None


def detect_delimiter(header: str) -> str:
    """';' when the header line has more semicolons than commas, else ','."""
    return ";" if header.count(";") > header.count(",") else ","


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    delimiter: str
    text: str

    def records(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, fields) for every non-blank record after the header."""
        reader = csv.reader(io.StringIO(self.text), delimiter=self.delimiter)
        next(reader, None)
        for fields in reader:
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue
            yield reader.line_num, fields


def read_table(content: bytes, columns: tuple[str, ...]) -> Table:
    """Check the header names exactly `columns` (any order, any case) and return the table
    with its columns in the file's order. Raises FileRefused."""
    text = decode(content)
    header_line = text.split("\n", 1)[0].rstrip("\r")
    if not header_line.strip():
        raise FileRefused(RowError(1, "no_header"))
    delimiter = detect_delimiter(header_line)
    header = next(csv.reader([header_line], delimiter=delimiter))
    names = tuple(name.strip().lower() for name in header)
    missing = [name for name in columns if name not in names]
    unknown = [name for name in names if name not in columns]
    if missing or unknown or len(set(names)) != len(names):
        raise FileRefused(
            RowError(
                1,
                "bad_header",
                {
                    "expected": ",".join(columns),
                    "missing": ",".join(missing),
                    "unknown": ",".join(unknown),
                },
            )
        )
    return Table(names, delimiter, text)
