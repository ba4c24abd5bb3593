"""Checking import rows (issue 9 §1), without a database: every bad row is listed by its file
line (the header is line 1), a duplicate key at its later line, and the file loads only when
no row is bad."""

import datetime
import random
from decimal import Decimal

import pytest

from omsorg.people.identity import make_synthetic_number
from omsorg.steering.import_rows import COLUMNS, Known, parse_file

UNITS = {"A": 1, "B": 2}
PERSON = make_synthetic_number(datetime.date(1950, 5, 17), rng=random.Random(1))
OTHER = make_synthetic_number(datetime.date(1960, 1, 2), rng=random.Random(2))
KNOWN = Known(
    units=UNITS,
    persons={PERSON: 10, OTHER: 11},
    services={"support_contact": 7, "respite_home": 8},
    unit_kinds=frozenset({"zone", "department", "office"}),
    unit_parents={"A": "", "B": "A"},
    unit_names={"Avdeling A": "A", "Avdeling B": "B", "Uten kode": ""},
)


def _file(kind: str, *rows: str, delimiter: str = ",") -> bytes:
    return "\n".join([delimiter.join(COLUMNS[kind]), *rows]).encode()


def _problems(parsed) -> list[tuple[int, str]]:
    return [(error.line, error.code) for error in parsed.errors]


def test_good_registrations_are_read_into_rows():
    parsed = parse_file(
        "registrations",
        _file(
            "registrations",
            f"2024-01-05;{PERSON};A;support_contact;2.5",
            f"31.01.2024;{OTHER};B;respite_home;7,5",
            delimiter=";",
        ),
        KNOWN,
    )
    assert parsed.ok, parsed.errors
    found = [
        (r.line, r.date, r.person_id, r.unit_id, r.service_type_id, r.hours) for r in parsed.rows
    ]
    assert found == [
        (2, datetime.date(2024, 1, 5), 10, 1, 7, Decimal("2.5")),
        (3, datetime.date(2024, 1, 31), 11, 2, 8, Decimal("7.5")),
    ]


def test_every_bad_registration_row_is_listed_by_its_line():
    parsed = parse_file(
        "registrations",
        _file(
            "registrations",
            f"2024-01-05,{PERSON},A,support_contact,2",  # 2: good
            f"2024-02-30,{PERSON},A,support_contact,2",  # 3: no such day
            f"2024-01-05,{PERSON},X,support_contact,2",  # 4: unknown unit
            "2024-01-05,01010112345,A,support_contact,2",  # 5: unknown person
            f"2024-01-05,{PERSON},A,bingo,2",  # 6: unknown service
            f"2024-01-06,{PERSON},A,support_contact,-1",  # 7: negative
            f"2024-01-07,{PERSON},A,support_contact,two",  # 8: not a number
            f"2024-01-05,{PERSON},A,support_contact,3",  # 9: duplicate of line 2
            f"2024-01-08,{PERSON},A,support_contact",  # 10: a field short
            f"2024-01-09,{PERSON},A,support_contact,",  # 11: hours empty
        ),
        KNOWN,
    )
    assert not parsed.ok
    assert _problems(parsed) == [
        (3, "bad_date"),
        (4, "unknown_unit"),
        (5, "unknown_person"),
        (6, "unknown_service"),
        (7, "negative"),
        (8, "not_a_number"),
        (9, "duplicate"),
        (10, "field_count"),
        (11, "required"),
    ]
    assert parsed.errors[6].params["first_line"] == 2
    assert parsed.bad_lines() == [3, 4, 5, 6, 7, 8, 9, 10, 11]


def test_a_row_with_several_problems_lists_each():
    parsed = parse_file("budget", _file("budget", "2024-13,X,-5,abc"), KNOWN)
    assert _problems(parsed) == [
        (2, "bad_month"),
        (2, "unknown_unit"),
        (2, "negative"),
        (2, "not_a_number"),
    ]


def test_staff_rows_and_their_checks():
    parsed = parse_file(
        "staff",
        _file(
            "staff",
            "2024-01,A,e1,80,Vernepleier,true,120,8",  # 2: good
            "2024-01,A,e2,100,sykepleier,ja,150,0",  # 3: not true/false
            "2024-01,A,e1,50,assistent,false,75,0",  # 4: duplicate (month, unit, employee)
            "2024-01,B,e1,50,assistent,FALSE,75,0",  # 5: good: another unit
            "2024-1,A,e3,50,assistent,false,75,0",  # 6: bad month
        ),
        KNOWN,
    )
    assert _problems(parsed) == [(3, "bad_boolean"), (4, "duplicate"), (6, "bad_month")]
    first = parsed.rows[0]
    assert (first.month, first.profession, first.relevant_education) == (
        datetime.date(2024, 1, 1),
        "vernepleier",
        True,
    )


def test_budget_duplicates_are_keyed_by_month_and_unit():
    parsed = parse_file(
        "budget",
        _file("budget", "2024-01,A,100,90", "2024-02,A,100,90", "2024-01,A,5,5", "2024-01,B,1,1"),
        KNOWN,
    )
    assert _problems(parsed) == [(4, "duplicate")]


def test_kostra_rows_may_name_any_municipality():
    parsed = parse_file(
        "kostra",
        _file(
            "kostra",
            "2023,0301,Netto driftsutgifter pleie og omsorg per innbygger,31234.5",  # 2: good
            "2023,0301,Netto driftsutgifter pleie og omsorg per innbygger,1",  # 3: duplicate
            "23,301,Andel,1",  # 4: bad year and municipality number
            "2023,4631,Andel,",  # 5: value empty
        ),
        KNOWN,
    )
    assert _problems(parsed) == [
        (3, "duplicate"),
        (4, "bad_year"),
        (4, "bad_municipality_number"),
        (5, "required"),
    ]
    assert parsed.rows[0].municipality_number == "0301"


def test_persons_are_checked_by_the_identity_rules():
    real_looking = "01010112345"
    parsed = parse_file(
        "persons",
        _file(
            "persons",
            f"{PERSON},Kari,Nordmann",  # 2: good
            f"{real_looking},Ola,Nordmann",  # 3: check digits
            f"{PERSON},Kari,Nordmann",  # 4: duplicate
            f"{OTHER},,Nordmann",  # 5: no given name
        ),
        KNOWN,
    )
    assert _problems(parsed) == [(3, "bad_identity"), (4, "duplicate"), (5, "required")]
    assert parsed.errors[0].params["reason_nb"].startswith("Kontrollsifrene")


def test_synthetic_persons_are_refused_in_production():
    production = Known(allow_synthetic=False, allow_real=True)
    parsed = parse_file("persons", _file("persons", f"{PERSON},Kari,Nordmann"), production)
    assert _problems(parsed) == [(2, "bad_identity")]
    assert parsed.errors[0].params["reason_en"] == "Synthetic test numbers are not accepted here."


def test_units_kinds_parents_and_names():
    parsed = parse_file(
        "units",
        _file(
            "units",
            "C,Avdeling C,department,A",  # 2: good
            "D,Sone D,zone,E",  # 3: good: parent defined below it
            "E,Sone E,zone,",  # 4: good
            "F,Avdeling F,castle,",  # 5: unknown kind
            "G,Avdeling G,department,Z",  # 6: unknown parent
            "C,Avdeling C2,department,",  # 7: duplicate code
            "H,Uten kode,office,",  # 8: the name of another unit
            "A,Avdeling A,department,B",  # 9: B is below A: a cycle
            "with space,Rom,office,",  # 10: bad code
        ),
        KNOWN,
    )
    assert _problems(parsed) == [
        (5, "unknown_kind"),
        (6, "unknown_parent"),
        (7, "duplicate"),
        (8, "name_taken"),
        (9, "parent_cycle"),
        (10, "bad_unit_code"),
    ]


def test_renaming_a_unit_frees_its_old_name():
    parsed = parse_file(
        "units",
        _file("units", "A,Avdeling B,department,", "B,Avdeling A,department,A"),
        KNOWN,
    )
    assert parsed.ok, parsed.errors


def test_a_file_of_only_a_header_loads_no_rows():
    parsed = parse_file("budget", _file("budget"), KNOWN)
    assert parsed.ok and parsed.rows == []


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_a_wrong_header_is_one_error_at_line_1(kind):
    parsed = parse_file(kind, b"a,b,c\n1,2,3\n", KNOWN)
    assert _problems(parsed) == [(1, "bad_header")]


def test_clean_and_untidy_spellings_of_a_row_read_alike():
    """The quick reading of clean rows and the cell-by-cell one give the same rows and keys:
    a Norwegian date, spaces and a decimal comma are the same registration."""
    parsed = parse_file(
        "registrations",
        _file(
            "registrations",
            f"2024-01-05;{PERSON};A;support_contact;2.5",
            f" 05.01.2024 ; {PERSON[:6]} {PERSON[6:]} ; A ; support_contact ; 2,5 ",
            delimiter=";",
        ),
        KNOWN,
    )
    assert _problems(parsed) == [(3, "duplicate")]
    clean = parse_file(
        "registrations", _file("registrations", f"2024-01-05,{PERSON},A,support_contact,2.5"), KNOWN
    )
    untidy = parse_file(
        "registrations",
        _file("registrations", f"05.01.2024,{PERSON[:6]} {PERSON[6:]}, A ,support_contact,2.50"),
        KNOWN,
    )
    assert clean.rows == untidy.rows
