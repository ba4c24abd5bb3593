"""Seed 002's scorecard in the demo (issue 9 §4): Hjemmebaserte tjenester (HBT) in 2016.

The staff and budget months are imported as a unit head would import them, and give exactly
the seed's results (seed 002 "Kvalitet", "Nærvær/trivsel", "Kostnadskontroll"):
- average position size 66: Σ position_pct = 66 × 2 844 employee-months;
- relevant education 73.8 %: 2 099 of 2 844 employee-months (236 staff all year and 238 from
  July, "238 fast ansatte ved utgangen av året"; one finished her education in August);
- sick leave 10.31 %: Σ sick-leave hours = 10.31 % of Σ contracted hours;
- budget 115 874 and accounts 113 236 kNOK: 2 638 000 kr under budget.
No survey was held in 2016, so both surveys show "not measured", with the leader's comments.
The targets (67, 75, 8.5, 4.5, 4.5) are dated data from 1 January 2016; seed 001's goal of at
least 34 % social educators is Tilrettelagte tjenester's from 2019.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from omsorg.core.models import Municipality, Unit, User
from omsorg.demo.organisation import ZONE_CODES
from omsorg.steering.scorecard_services import kpi_target_set, scorecard_note_save
from omsorg.steering.services import import_file

YEAR = 2016
UNIT = "HBT"
BUDGET_NOK = 115_874_000
ACCOUNTS_NOK = 113_236_000
STAFF_ALL_YEAR, STAFF_FROM_JULY = 236, 2
RELEVANT_ALL_YEAR = 174  # employees 1..174; + employee 237 from July; + employee 175 from August
POSITION_MEAN = Decimal(66)
SICK_LEAVE_SHARE = Decimal("0.1031")
HOURS_PER_FULL_MONTH = Decimal("162.5")  # 37.5 h × 52 weeks / 12
_POSITIONS = (100, 80, 75, 60, 50, 40, 75, 60, 50, 70)
_PROFESSIONS = ("sykepleier", "helsefagarbeider", "helsefagarbeider", "vernepleier")
_CENT = Decimal("0.01")

TARGETS = {
    "user_survey_score": Decimal("4.5"),
    "avg_position_pct": Decimal(67),
    "relevant_education_pct": Decimal(75),
    "sick_leave_pct": Decimal("8.5"),
    "staff_survey_score": Decimal("4.5"),
}
NOT_HELD = "Det ble ikke gjennomført medarbeiderundersøkelse og brukerundersøkelse i 2016"
NOTES = {
    "user_survey_score": (f"{NOT_HELD}\nBrukerundersøkelse er planlagt våren 2017", ""),
    "staff_survey_score": (f"{NOT_HELD}\nMedarbeiderundersøkelse er planlagt høsten 2017", ""),
    "budget_deviation_pct": (
        "Lavere pensjonskostnader enn budsjettert\n"
        "Høyere inntekter enn budsjettert\n"
        "Sterkt fokus på økonomistyring internt i enheten",
        "Fortsatt sterkt fokus på økonomistyring",
    ),
}


def _staff_rows() -> list[list]:
    zones = list(ZONE_CODES.values())
    rows = []
    for month in range(1, 13):
        staff = STAFF_ALL_YEAR + (STAFF_FROM_JULY if month >= 7 else 0)
        for n in range(1, staff + 1):
            relevant = n <= RELEVANT_ALL_YEAR or n == 237 or (n == 175 and month >= 8)
            profession = _PROFESSIONS[n % len(_PROFESSIONS)] if relevant else "assistent"
            rows.append(
                [f"{YEAR}-{month:02d}", zones[n % len(zones)], f"HBT-{n:04d}",
                 Decimal(_POSITIONS[n % len(_POSITIONS)]), profession, relevant]
            )  # fmt: skip
    # The mean position size is the seed's 66: the difference goes on one employee-month.
    rows[-1][3] += POSITION_MEAN * len(rows) - sum(row[3] for row in rows)
    contracted = [(row[3] * HOURS_PER_FULL_MONTH / 100).quantize(_CENT) for row in rows]
    sick = [
        (hours * SICK_LEAVE_SHARE * 4).quantize(_CENT, ROUND_HALF_UP) if i % 4 == 0 else Decimal(0)
        for i, hours in enumerate(contracted)
    ]
    sick[0] += (sum(contracted) * SICK_LEAVE_SHARE).quantize(_CENT) - sum(sick)
    return [[*row, hours, leave] for row, hours, leave in zip(rows, contracted, sick, strict=True)]


def _csv(header: str, rows) -> bytes:
    lines = [header]
    for row in rows:
        lines.append(
            ";".join(
                ("true" if value else "false") if isinstance(value, bool) else str(value)
                for value in row
            )
        )
    return "\n".join(lines).encode()


def _budget_rows() -> list[list]:
    zones = list(ZONE_CODES.values())
    cells = [(f"{YEAR}-{month:02d}", zone) for month in range(1, 13) for zone in zones]
    budget_each, accounts_each = BUDGET_NOK // len(cells), ACCOUNTS_NOK // len(cells)
    rows = [[month, zone, budget_each, accounts_each] for month, zone in cells]
    rows[-1][2] += BUDGET_NOK - budget_each * len(cells)
    rows[-1][3] += ACCOUNTS_NOK - accounts_each * len(cells)
    return rows


def scorecard_demo_build(*, municipality: Municipality, admin: User, leader: User) -> None:
    """Seed 002's 2016 data, targets and the leader's comments, causes and measures."""
    staff_header = (
        "month;unit;employee_id;position_pct;profession;relevant_education;"
        "contracted_hours;sick_leave_hours"
    )
    import_file(
        actor=admin, municipality=municipality, kind="staff",
        content=_csv(staff_header, _staff_rows()), file_name="hbt-personal-2016.csv",
    )  # fmt: skip
    import_file(
        actor=admin, municipality=municipality, kind="budget",
        content=_csv("month;unit;budget_nok;accounts_nok", _budget_rows()),
        file_name="hbt-budsjett-2016.csv",
    )  # fmt: skip
    units = {
        u.code: u for u in Unit.objects.filter(municipality=municipality, code__in=[UNIT, "TT"])
    }
    first = datetime.date(YEAR, 1, 1)
    for kpi, target in TARGETS.items():
        kpi_target_set(
            actor=admin, municipality=municipality, unit=units[UNIT], kpi=kpi,
            valid_from=first, target=target,
        )  # fmt: skip
    kpi_target_set(
        actor=admin, municipality=municipality, unit=units["TT"], kpi="vernepleier_pct",
        valid_from=datetime.date(2019, 1, 1), target=Decimal(34),
    )  # fmt: skip
    for kpi, (explanation, measures) in NOTES.items():
        scorecard_note_save(
            actor=leader, municipality=municipality, unit=units[UNIT], period=str(YEAR),
            kpi=kpi, explanation=explanation, measures=measures, expected_version=0,
        )  # fmt: skip
