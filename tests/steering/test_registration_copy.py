"""A registrations import read by PostgreSQL itself (`registration_copy`, issue 9's benchmark)
keeps the import's rules (issue 9 §1): a clean file is loaded whole, a file with any bad row
loads nothing and lists every bad row by its line (the header is line 1, a duplicate at the
later line), an untidy but valid file is loaded as the row-by-row reading loads it, and a
re-import replaces exactly the (month, unit) pairs in the file. The same tests run on SQLite,
where the row-by-row and column readings do all of it: both databases give the same answers."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction

from omsorg.steering import registration_copy
from omsorg.steering.csv_format import read_table
from omsorg.steering.import_rows import COLUMNS
from omsorg.steering.models import ImportEvent, Registration
from omsorg.steering.selectors import known_for
from omsorg.steering.services import ImportRefused, import_file, import_undo
from tests.steering.conftest import csv_bytes

HEADER = "date,national_id,unit,service,hours"


def _import(municipality, content):
    return import_file(actor=None, municipality=municipality, kind="registrations", content=content)


def _rows():
    return sorted(
        (r.date, r.person.identity_number, r.unit.code, r.service_type.code, r.hours)
        for r in Registration.objects.filter(replaced_by__isnull=True)
    )


def _refused(municipality, content) -> list[tuple[int, str]]:
    with pytest.raises(ImportRefused) as refused:
        _import(municipality, content)
    assert (
        not Registration.objects.exists()
        and not ImportEvent.objects.filter(kind="registrations").exists()
    )
    assert not _stage_left()
    return [(error.line, error.code) for error in refused.value.errors]


def _stage_left() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [registration_copy.STAGE])
        return cursor.fetchone()[0] is not None


def test_a_clean_file_is_loaded_whole_with_its_event(municipality, units, registered):
    content = csv_bytes(
        HEADER,
        f"2024-01-02,{registered[0]},SONE-A,support_contact,2.5",
        f"2024-01-31,{registered[1]},SONE-B,respite_home,24",
        f"2024-02-01,{registered[0]},SONE-A,support_contact,0.75",
    )
    event = _import(municipality, content)
    assert (event.row_count, event.created_count, event.replaced_count) == (3, 3, 0)
    assert _rows() == [
        (datetime.date(2024, 1, 2), registered[0], "SONE-A", "support_contact", Decimal("2.5")),
        (datetime.date(2024, 1, 31), registered[1], "SONE-B", "respite_home", Decimal(24)),
        (datetime.date(2024, 2, 1), registered[0], "SONE-A", "support_contact", Decimal("0.75")),
    ]
    months = set(Registration.objects.values_list("month", flat=True))
    assert months == {datetime.date(2024, 1, 1), datetime.date(2024, 2, 1)}
    assert set(Registration.objects.values_list("import_event", flat=True)) == {event.pk}
    assert not _stage_left()


def test_postgresql_reads_a_clean_file_itself_and_leaves_an_untidy_one(units, registered):
    """Elsewhere the file is read in Python (the other tests here hold on both databases)."""
    assert registration_copy.available() is (connection.vendor == "postgresql")
    if not registration_copy.available():
        return
    clean = csv_bytes(HEADER, f"2024-01-02,{registered[0]},SONE-A,support_contact,1")
    padded = csv_bytes(HEADER, f"2024-01-02, {registered[0]},SONE-A,support_contact,1")
    known = known_for("registrations", units["HBT"].municipality)
    for content, read in ((clean, True), (padded, False)):
        with transaction.atomic():
            table = read_table(content, COLUMNS["registrations"])
            assert (registration_copy.stage(table, content, known) is not None) is read
            transaction.set_rollback(True)


def test_every_bad_row_is_listed_by_line_and_nothing_is_loaded(municipality, units, registered):
    good = f"2024-01-02,{registered[0]},SONE-A,support_contact,1"
    lines = _refused(
        municipality,
        csv_bytes(
            HEADER,
            good,  # line 2
            f"2024-01-02,{registered[1]},NOPE,support_contact,1",  # 3: unknown unit
            "2024-01-02,00000000000,SONE-A,support_contact,1",  # 4: unknown person
            f"2024-01-02,{registered[2]},SONE-A,no_such_service,1",  # 5: unknown service
            f"2024-02-30,{registered[3]},SONE-A,support_contact,1",  # 6: no such day
            f"2024-01-03,{registered[3]},SONE-A,support_contact,-1",  # 7: negative hours
            f"2024-01-04,{registered[3]},SONE-A,support_contact,",  # 8: no hours
            good.replace(",1", ",3"),  # 9: the key of line 2 again
        ),
    )
    assert lines == [
        (3, "unknown_unit"),
        (4, "unknown_person"),
        (5, "unknown_service"),
        (6, "bad_date"),
        (7, "negative"),
        (8, "required"),
        (9, "duplicate"),
    ]


def test_a_row_with_a_wrong_field_count_is_listed(municipality, units, registered):
    row = f"2024-01-02,{registered[0]},SONE-A,support_contact,1"
    assert _refused(municipality, csv_bytes(HEADER, row, row[:-2], row + ",x")) == [
        (3, "field_count"),
        (4, "field_count"),
    ]


def test_only_the_later_of_two_equal_keys_is_reported(municipality, units, registered):
    first = f"2024-01-02,{registered[0]},SONE-A,support_contact,1"
    other = f"2024-01-02,{registered[1]},SONE-A,support_contact,1"
    content = csv_bytes(HEADER, first, other, first.replace(",1", ",2"), first)
    assert _refused(municipality, content) == [(4, "duplicate"), (5, "duplicate")]


@pytest.mark.parametrize(
    "untidy",
    [
        "{day};{id};SONE-A;support_contact;1.50",  # semicolons
        '"{day}","{id}","SONE-A","support_contact","1.50"',  # quotes
        "{day}, {id} ,SONE-A,support_contact,1.50",  # padded cells
        "{day},{id},SONE-A,support_contact,1.50\r",  # Windows line ends
    ],
)
def test_an_untidy_valid_file_is_loaded_as_the_row_by_row_reading_loads_it(
    municipality, units, registered, untidy
):
    row = untidy.format(day="2024-03-01", id=registered[0])
    header = HEADER.replace(",", ";") if ";" in row else HEADER
    header += "\r" if row.endswith("\r") else ""
    event = _import(municipality, ("\ufeff" + "\n".join([header, row, ""]) + "\n").encode())
    assert event.created_count == 1
    assert _rows() == [
        (datetime.date(2024, 3, 1), registered[0], "SONE-A", "support_contact", Decimal("1.5"))
    ]


def test_a_reimport_replaces_exactly_its_month_and_unit_pairs_and_undo_restores(
    municipality, units, registered
):
    first = _import(
        municipality,
        csv_bytes(
            HEADER,
            f"2024-01-02,{registered[0]},SONE-A,support_contact,1",
            f"2024-02-02,{registered[0]},SONE-A,support_contact,1",
            f"2024-01-02,{registered[0]},SONE-A1,support_contact,1",  # below SONE-A: kept
            f"2024-01-02,{registered[1]},SONE-B,support_contact,1",
        ),
    )
    again = _import(
        municipality, csv_bytes(HEADER, f"2024-01-20,{registered[2]},SONE-A,support_contact,4")
    )
    assert (again.replaced_count, again.created_count) == (1, 1)
    current = {(code, day.month, hours) for day, _id, code, _s, hours in _rows()}
    assert current == {
        ("SONE-A", 1, Decimal(4)),
        ("SONE-A", 2, Decimal(1)),
        ("SONE-A1", 1, Decimal(1)),
        ("SONE-B", 1, Decimal(1)),
    }
    import_undo(actor=None, event=again)
    assert Registration.objects.filter(replaced_by__isnull=True).count() == 4
    assert Registration.objects.filter(import_event=first).count() == 4
