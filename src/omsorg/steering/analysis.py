"""The service analysis (tenesteanalyse, seed 003 §2.5, KS læringsnettverk; issue 9 §7):
coverage, resource use and unit cost from the municipality's own data, side by side with
published KOSTRA figures of chosen peer municipalities.

Own figures for a year:
- recipients per 1 000 inhabitants by age group: distinct persons with a registration in the
  year, by the age they reach in the year, per 1 000 inhabitants of that age group; the
  inhabitants come from KOSTRA rows of the municipality itself ("innbyggere 0-17" …), since
  the register holds recipients, not the population;
- hours per recipient: registered hours / recipients;
- cost per hour and per recipient: hours through the cost model (steering/cost.py: staff hours
  per hour × cost per FTE / annual hours per FTE), every assumption shown beside the figures.

The peers' figures are the imported KOSTRA rows with the same indicator names (`INDICATORS`),
so a municipality compares like with like by naming its imported indicators so.

Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from omsorg.steering.cost import CostAssumptions

TWO = Decimal("0.01")


@dataclass(frozen=True)
class AgeGroup:
    label: str  # as in the indicator names: "0-17", "80+"
    low: int
    high: int | None  # inclusive; None = no upper bound

    def holds(self, age: int) -> bool:
        return age >= self.low and (self.high is None or age <= self.high)

    @property
    def population_indicator(self) -> str:
        return f"innbyggere {self.label}"

    @property
    def coverage_indicator(self) -> str:
        return f"mottakere per 1000 innbyggere {self.label}"


AGE_GROUPS = (
    AgeGroup("0-17", 0, 17),
    AgeGroup("18-66", 18, 66),
    AgeGroup("67-79", 67, 79),
    AgeGroup("80+", 80, None),
)
HOURS_PER_RECIPIENT = "timer per mottaker"
COST_PER_RECIPIENT = "kostnad per mottaker"
COST_PER_HOUR = "kostnad per time"
# Every indicator the analysis compares, in the order of the table.
INDICATORS = (
    *(group.coverage_indicator for group in AGE_GROUPS),
    HOURS_PER_RECIPIENT,
    COST_PER_RECIPIENT,
    COST_PER_HOUR,
)
POPULATION_INDICATORS = tuple(group.population_indicator for group in AGE_GROUPS)


@dataclass(frozen=True)
class RecipientYear:
    """One recipient's year: the age reached in it and the registered hours."""

    age: int
    hours: Decimal


@dataclass(frozen=True)
class GroupFigures:
    group: AgeGroup
    recipients: int
    inhabitants: Decimal | None
    per_thousand: Decimal | None  # None: no population figure for the group


@dataclass(frozen=True)
class Analysis:
    year: int
    recipients: int
    hours: Decimal
    groups: tuple[GroupFigures, ...]
    cost_per_hour: Decimal
    hours_per_recipient: Decimal | None
    cost_per_recipient: Decimal | None

    def indicator_values(self) -> dict[str, Decimal | None]:
        """The own figures under the KOSTRA indicator names."""
        values: dict[str, Decimal | None] = {
            figures.group.coverage_indicator: figures.per_thousand for figures in self.groups
        }
        values[HOURS_PER_RECIPIENT] = self.hours_per_recipient
        values[COST_PER_RECIPIENT] = self.cost_per_recipient
        values[COST_PER_HOUR] = self.cost_per_hour
        return values


def _round(value: Decimal) -> Decimal:
    return value.quantize(TWO, rounding=ROUND_HALF_UP)


def cost_per_hour(assumptions: CostAssumptions) -> Decimal:
    """What one delivered hour costs in wages: staff hours per hour × cost of a staff hour."""
    assumptions.check()
    return assumptions.staffing_factor * assumptions.cost_per_fte / assumptions.annual_hours_per_fte


def per_thousand(count: int, inhabitants: Decimal | None) -> Decimal | None:
    if not inhabitants:
        return None
    return _round(Decimal(count) * 1000 / Decimal(inhabitants))


def analyse(
    year: int,
    recipients: Iterable[RecipientYear],
    population: dict[str, Decimal],
    assumptions: CostAssumptions,
) -> Analysis:
    """The own figures of a year; `population` maps the population indicators to inhabitants."""
    recipients = list(recipients)
    hours = sum((one.hours for one in recipients), Decimal(0))
    groups = []
    for group in AGE_GROUPS:
        count = sum(1 for one in recipients if group.holds(one.age))
        inhabitants = population.get(group.population_indicator)
        groups.append(GroupFigures(group, count, inhabitants, per_thousand(count, inhabitants)))
    hourly = cost_per_hour(assumptions)
    count = len(recipients)
    return Analysis(
        year=year,
        recipients=count,
        hours=hours,
        groups=tuple(groups),
        cost_per_hour=_round(hourly),
        hours_per_recipient=_round(hours / count) if count else None,
        cost_per_recipient=_round(hours * hourly / count) if count else None,
    )
