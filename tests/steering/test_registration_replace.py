"""Re-importing registrations (issue 9 §1) replaces exactly the (month, unit) pairs in the
file, with one set-based UPDATE per run of months, whether the file was read column by column
(clean) or row by row (untidy); undo brings the replaced rows back."""

import datetime
from decimal import Decimal

import pytest

from omsorg.steering.models import Registration
from omsorg.steering.services import _month_ranges, import_file, import_undo
from tests.steering.conftest import csv_bytes

HEADER = "date,national_id,unit,service,hours"
D = datetime.date


def test_runs_of_consecutive_months_become_one_range_per_unit():
    pairs = {(1, D(2024, 1, 1)), (1, D(2024, 2, 1)), (1, D(2024, 4, 1)), (2, D(2024, 12, 1)),
             (2, D(2025, 1, 1))}  # fmt: skip
    assert _month_ranges(pairs) == [
        (1, D(2024, 1, 1), D(2024, 3, 1)),
        (1, D(2024, 4, 1), D(2024, 5, 1)),
        (2, D(2024, 12, 1), D(2025, 2, 1)),
    ]


def _current():
    rows = Registration.objects.filter(replaced_by__isnull=True)
    return sorted((r.unit.code, r.date.isoformat(), r.hours) for r in rows)


@pytest.mark.parametrize("untidy", [False, True])
def test_reimport_replaces_only_the_months_and_units_in_the_file(
    municipality, units, registered, untidy
):
    a, b = registered[0], registered[1]
    first = import_file(actor=None, municipality=municipality, kind="registrations",
                        content=csv_bytes(HEADER,
        f"2024-01-10,{a},SONE-A,support_contact,1",
        f"2024-02-10,{a},SONE-A,support_contact,1",
        f"2024-03-10,{a},SONE-A,support_contact,1",
        f"2024-01-10,{b},SONE-A1,support_contact,1",  # below SONE-A: never replaced by it
        f"2024-01-31,{b},SONE-B,support_contact,1",
    ))  # fmt: skip
    january = "10.01.2024" if untidy else "2024-01-11"
    second = import_file(actor=None, municipality=municipality, kind="registrations",
                         content=csv_bytes(HEADER,
        f"{january},{a},SONE-A,support_contact,2",
        f"2024-03-11,{a},SONE-A,support_contact,2",
    ))  # fmt: skip
    assert (second.replaced_count, second.created_count) == (2, 2)
    day = "2024-01-10" if untidy else "2024-01-11"
    assert _current() == sorted([
        ("SONE-A", day, Decimal(2)), ("SONE-A", "2024-02-10", Decimal(1)),
        ("SONE-A", "2024-03-11", Decimal(2)), ("SONE-A1", "2024-01-10", Decimal(1)),
        ("SONE-B", "2024-01-31", Decimal(1)),
    ])  # fmt: skip
    import_undo(actor=None, event=second)
    assert len(_current()) == 5 and Registration.objects.count() == 5
    assert set(Registration.objects.values_list("import_event", flat=True)) == {first.pk}
