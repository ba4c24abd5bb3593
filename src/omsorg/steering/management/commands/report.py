"""`omsorg report kpi --unit CODE|all --period PERIOD [--municipality NUMBER] --json`.

Prints the scorecard's figures (issue 9, "Command-line figures") as one JSON object: the
contract's keys with their meanings, and the scorecard's own (issue 9 §4):
budget_deviation_pct ((budget − accounts) / budget × 100), user_survey_score and
staff_survey_score (respondent-weighted mean of the surveys held in the period, null if none),
decided_hours and delivered_vs_decided_pct (null until decided hours are computed),
median_days_to_decision, preliminary_reply_pct, reviewed_on_time_pct, and the counts
appeals_received, appeals_reversed (decision changed), appeals_forwarded (to the county
governor) and appeals_upheld (the county governor let the decision stand); and from the
rotations (issue 11 §4) extra_shifts and extra_shift_hours: shifts left open by an absence
and taken through an offer whose day has come, and their hours.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from omsorg.core.errors import OmsorgError
from omsorg.steering.kpi import as_json
from omsorg.steering.periods import BadPeriod, parse_period
from omsorg.steering.scorecard_selectors import UnitTree, scorecard_figures
from omsorg.steering.selectors import municipality_by_number

BAD_INPUT = 2


class Command(BaseCommand):
    help = "Steering figures of a unit (and the units below it) or the whole municipality."
    # No system checks before each run: they import every URL module, and with them the
    # planning engines' OR-Tools and pandas, 1.4 of the command's 2.2 CPU-seconds of start-up
    # for a read-only report (benchmarks/steering/notes.md). The deployment runs
    # `omsorg check --fail-level WARNING` once (README, CI); `--skip-checks` is implied.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("report", choices=["kpi"])
        parser.add_argument("--unit", required=True, help="a unit code, or 'all'")
        parser.add_argument("--period", required=True, help="YYYY, YYYY-MM or YYYY-T1|T2|T3")
        parser.add_argument("--municipality", help="the municipality's 4-digit number")
        parser.add_argument("--json", action="store_true", help="print JSON (the only format)")

    def handle(self, *args, **options):
        try:
            period = parse_period(options["period"])
        except BadPeriod as error:
            raise CommandError(
                f"--period: {options['period']!r} er ikke YYYY, YYYY-MM eller YYYY-T1|T2|T3 | "
                "is not YYYY, YYYY-MM or YYYY-T1|T2|T3",
                returncode=BAD_INPUT,
            ) from error
        try:
            municipality = municipality_by_number(options["municipality"])
            code = None if options["unit"] == "all" else options["unit"]
            tree = UnitTree(municipality)
            unit_ids = None if code is None else tree.subtree(tree.unit_id(code))
            figures = scorecard_figures(municipality, unit_ids, period, code=code)
        except OmsorgError as error:
            texts = []
            for language in ("nb", "en"):
                with translation.override(language):
                    texts.append(error.text())
            raise CommandError(" | ".join(texts), returncode=BAD_INPUT) from error
        body = {
            "unit": options["unit"],
            "period": period.label,
            "kpis": as_json(figures),
        }
        self.stdout.write(json.dumps(body, ensure_ascii=False))
