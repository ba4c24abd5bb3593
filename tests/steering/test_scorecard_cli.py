"""`omsorg report kpi` keeps the contract's keys and adds the scorecard's (issue 9 §4)."""

import io
import json

from django.core.management import call_command

from omsorg.steering.services import import_file

from .conftest import csv_bytes


def _kpis(*argv) -> dict:
    out = io.StringIO()
    call_command("report", "kpi", *argv, "--json", stdout=out)
    return json.loads(out.getvalue())["kpis"]


def test_the_json_has_the_scorecards_figures(municipality, units):
    import_file(
        actor=None, municipality=municipality, kind="budget",
        content=csv_bytes("month;unit;budget_nok;accounts_nok", "2016-01;SONE-A;115874;113236"),
    )  # fmt: skip
    figures = _kpis("--unit", "HBT", "--period", "2016")
    assert figures["budget_deviation_nok"] == 2638  # the contract's, unchanged
    assert figures["budget_deviation_pct"] == 2.28  # 2 638 / 115 874 × 100
    # No survey held, no decision, no cases: null shares, zero sums and counts.
    assert figures["decided_hours"] == 0
    for name in (
        "user_survey_score", "staff_survey_score", "delivered_vs_decided_pct",
        "median_days_to_decision", "preliminary_reply_pct", "reviewed_on_time_pct",
    ):  # fmt: skip
        assert figures[name] is None, name
    for name in ("appeals_received", "appeals_reversed", "appeals_forwarded", "appeals_upheld"):
        assert figures[name] == 0, name


def test_extra_shifts_worked_are_added_to_the_staff_figures(extra_shifts):
    """Issue 11 §4: extra shifts taken through offers count in the unit's staff figures;
    HBT covers SONE-A1 (tests/steering/conftest.py extra_shifts)."""
    january = _kpis("--unit", "HBT", "--period", "2024-01")
    assert (january["extra_shifts"], january["extra_shift_hours"]) == (3, 25.5)  # 1 530 / 60
    assert january["sick_leave_pct"] is None  # the contract's keys are still there
    february = _kpis("--unit", "TT", "--period", "2024-02")
    assert (february["extra_shifts"], february["extra_shift_hours"]) == (1, 7)  # 420 / 60
    year = _kpis("--unit", "all", "--period", "2024")
    assert (year["extra_shifts"], year["extra_shift_hours"]) == (4, 32.5)  # 1 950 / 60
    nothing = _kpis("--unit", "SONE-B", "--period", "2024")
    assert (nothing["extra_shifts"], nothing["extra_shift_hours"]) == (0, 0)
