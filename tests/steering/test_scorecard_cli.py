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
