"""Reading import files (issue 9 §1): UTF-8, a header row, ';' or ',' detected, BOM tolerated."""

import pytest

from omsorg.steering.csv_format import FileRefused, decode, detect_delimiter, read_table

COLUMNS = ("month", "unit", "budget_nok", "accounts_nok")


def test_semicolon_and_comma_are_detected_from_the_header():
    assert detect_delimiter("month;unit;budget_nok;accounts_nok") == ";"
    assert detect_delimiter("month,unit,budget_nok,accounts_nok") == ","


@pytest.mark.parametrize("delimiter", [";", ","])
def test_records_come_with_their_file_line_numbers(delimiter):
    text = delimiter.join(COLUMNS) + "\n2024-01" + delimiter + "A;1;2\n\n2024-02,B,3,4\n"
    text = text.replace(";", delimiter).replace(",", delimiter)
    table = read_table(text.encode(), COLUMNS)
    assert table.delimiter == delimiter
    assert [line for line, _fields in table.records()] == [2, 4]  # the blank line 3 is skipped


def test_a_byte_order_mark_is_tolerated():
    content = "\ufeffmonth;unit;budget_nok;accounts_nok\n2024-01;A;1;2\n".encode()
    table = read_table(content, COLUMNS)
    assert table.columns == COLUMNS
    assert list(table.records()) == [(2, ["2024-01", "A", "1", "2"])]


def test_columns_may_come_in_any_order_and_case():
    table = read_table(b"UNIT,Month,accounts_nok,budget_nok\n", COLUMNS)
    assert table.columns == ("unit", "month", "accounts_nok", "budget_nok")


def test_text_that_is_not_utf8_is_refused_at_its_line():
    content = "month;unit;budget_nok;accounts_nok\n2024-01;Bø;1;2\n".encode("latin-1")
    with pytest.raises(FileRefused) as refused:
        decode(content)
    assert (refused.value.error.line, refused.value.error.code) == (2, "not_utf8")


@pytest.mark.parametrize(
    "header, missing, unknown",
    [
        ("month;unit;budget_nok", "accounts_nok", ""),
        ("month;unit;budget_nok;accounts_nok;note", "", "note"),
        ("month;unit;budget;accounts_nok", "budget_nok", "budget"),
    ],
)
def test_a_header_without_exactly_the_columns_is_refused_at_line_1(header, missing, unknown):
    with pytest.raises(FileRefused) as refused:
        read_table(header.encode(), COLUMNS)
    error = refused.value.error
    assert (error.line, error.code) == (1, "bad_header")
    assert (error.params["missing"], error.params["unknown"]) == (missing, unknown)


def test_an_empty_file_has_no_header():
    with pytest.raises(FileRefused) as refused:
        read_table(b"", COLUMNS)
    assert refused.value.error.code == "no_header"
