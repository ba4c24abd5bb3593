"""The quick, column-by-column reading of a clean registrations file (issue 9's benchmark)
gives exactly the rows of the row-by-row reading, and any file that is not plainly clean is
read row by row, so every bad row is still listed by its line."""

import datetime
from decimal import Decimal

import pytest

from omsorg.steering.csv_format import read_table
from omsorg.steering.import_rows import COLUMNS, parse_file
from omsorg.steering.registration_columns import (
    RegistrationColumns,
    parse_registrations,
    read_registration_columns,
)
from tests.steering.test_import_rows import KNOWN, OTHER, PERSON

HEADER = ",".join(COLUMNS["registrations"])


def _content(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *rows]).encode()


CLEAN = (
    f"2024-01-05,{PERSON},A,support_contact,2.5",
    f"2024-01-05,{OTHER},B,respite_home,7",
    f"2024-02-29,{PERSON},B,support_contact,0.75",
)


def test_a_clean_file_is_read_as_columns_with_the_same_rows():
    quick = parse_registrations(_content(*CLEAN), KNOWN)
    assert isinstance(quick.rows, RegistrationColumns) and quick.ok
    assert quick.rows == parse_file("registrations", _content(*CLEAN), KNOWN).rows
    assert len(quick.rows) == 3
    first = next(iter(quick.rows))
    assert (first.line, first.date, first.person_id, first.hours) == (
        2, datetime.date(2024, 1, 5), 10, Decimal("2.5"),
    )  # fmt: skip


def test_columns_in_another_order_and_semicolons_read_alike():
    header = "hours;unit;service;national_id;date"
    rows = [f"{h};{u};{s};{n};{d}" for d, n, u, s, h in (r.split(",") for r in CLEAN)]
    quick = parse_registrations(_content(*rows, header=header), KNOWN)
    assert isinstance(quick.rows, RegistrationColumns)
    assert quick.rows == parse_file("registrations", _content(*CLEAN), KNOWN).rows


def test_the_database_rows_and_the_replaced_months():
    columns = parse_registrations(_content(*CLEAN), KNOWN).rows
    assert list(columns.db_rows(99)) == [
        (99, "2024-01-05", "2024-01-01", 10, 1, 7, "2.5"),
        (99, "2024-01-05", "2024-01-01", 11, 2, 8, "7"),
        (99, "2024-02-29", "2024-02-01", 10, 2, 7, "0.75"),
    ]
    assert columns.unit_months() == {
        (1, datetime.date(2024, 1, 1)), (2, datetime.date(2024, 1, 1)),
        (2, datetime.date(2024, 2, 1)),
    }  # fmt: skip


@pytest.mark.parametrize(
    "row",
    [
        f"05.01.2024,{PERSON},A,support_contact,2.5",  # a Norwegian date
        f"2024-1-05,{PERSON},A,support_contact,2.5",  # not YYYY-MM-DD
        f"2024-02-30,{PERSON},A,support_contact,2.5",  # no such day
        f"2024-01-06,{PERSON[:6]} {PERSON[6:]},A,support_contact,2.5",  # a space in the id
        f"2024-01-06,{PERSON}, A ,support_contact,2.5",  # spaces round a code
        f"2024-01-06,{PERSON},X,support_contact,2.5",  # unknown unit
        f"2024-01-06,{PERSON},A,bpa,2.5",  # unknown service
        "2024-01-06,01010199999,A,support_contact,2.5",  # unknown person
        f"2024-01-06,{PERSON},A,support_contact,-1",  # negative
        f"2024-01-06,{PERSON},A,support_contact,NaN",  # not a number
        f"2024-01-06,{PERSON},A,support_contact,abc",
        f"2024-01-06,{PERSON},A,support_contact",  # a field missing
        f'2024-01-06,{PERSON},A,"support_contact",2.5',  # a quote
        "",  # a blank line
        f"2024-01-05,{PERSON},A,support_contact,9",  # the key of line 2 again
    ],
)
def test_anything_not_plainly_clean_is_read_row_by_row_with_the_same_result(row):
    content = _content(CLEAN[0], row, CLEAN[2])
    table = read_table(content, COLUMNS["registrations"])
    assert read_registration_columns(table, KNOWN) is None
    parsed = parse_registrations(content, KNOWN)
    slow = parse_file("registrations", content, KNOWN)
    assert parsed.rows == slow.rows and parsed.errors == slow.errors


def test_a_bad_header_is_refused_at_line_1():
    parsed = parse_registrations(b"a,b\n1,2\n", KNOWN)
    assert [(e.line, e.code) for e in parsed.errors] == [(1, "bad_header")]


def test_duplicates_across_chunks_are_found(monkeypatch):
    from omsorg.steering import registration_columns

    monkeypatch.setattr(registration_columns, "CHUNK", 2)
    content = _content(*CLEAN, CLEAN[0].replace("2.5", "3"))
    assert read_registration_columns(read_table(content, COLUMNS["registrations"]), KNOWN) is None
    parsed = parse_registrations(content, KNOWN)
    assert [(e.line, e.code) for e in parsed.errors] == [(5, "duplicate")]
    assert (
        parse_registrations(_content(*CLEAN), KNOWN).rows
        == parse_file("registrations", _content(*CLEAN), KNOWN).rows
    )
