"""What a change in decided hours costs: hours → staff hours → FTE → NOK (issue 9 §3).

Seed 003 (Alver, budget 2023) states the chain in one line: "auke i vedtak for avlasting (259
timer per veke, utgjer 4 årsverk, 3,5 mill. kr)". Each step has one assumption, and every
assumption is an input, shown beside the answer, because a budget figure is only as honest as
what it rests on:

- staffing factor: staff hours per decided hour (0.5 where one staff member looks after two
  children, as in a respite home; 1.0 for one-to-one; 2.0 for two staff at once);
- annual hours per FTE (årsverk): 1 695 for a 37.5 h week after holidays and public holidays;
  rotations with nights and Sundays have a 35.5 h week (arbeidsmiljøloven § 10-4, the tariff)
  and so about 1 605;
- cost per FTE and year: wages, holiday pay, pension and employer's tax, per unit.

Pure: no Django, so the calculator page, the CLI and the tests share it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

WEEKS_PER_YEAR = Decimal(52)
# Annual hours of one FTE after holidays, by the tariff week (37.5 h days; 35.5 h rotations).
ANNUAL_HOURS_PER_FTE = {"day": Decimal(1695), "rotation": Decimal(1605)}


class CostError(ValueError):
    """An assumption out of range; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class CostAssumptions:
    staffing_factor: Decimal
    annual_hours_per_fte: Decimal
    cost_per_fte: Decimal
    weeks_per_year: Decimal = WEEKS_PER_YEAR

    def check(self) -> None:
        if not Decimal(0) < self.staffing_factor <= Decimal(10):
            raise CostError("staffing_factor", "must be above 0 and at most 10")
        if not Decimal(100) <= self.annual_hours_per_fte <= Decimal(2500):
            raise CostError("annual_hours_per_fte", "must be between 100 and 2500")
        if self.cost_per_fte < 0:
            raise CostError("cost_per_fte", "must not be negative")
        if not Decimal(1) <= self.weeks_per_year <= Decimal(53):
            raise CostError("weeks_per_year", "must be between 1 and 53")


@dataclass(frozen=True)
class CostOfChange:
    """The chain's steps, exact; `fte_rounded` and `cost_millions` as a budget writes them."""

    hours_per_week: Decimal
    decided_hours_per_year: Decimal
    staff_hours_per_year: Decimal
    fte: Decimal
    cost_nok: Decimal
    assumptions: CostAssumptions

    @property
    def fte_rounded(self) -> Decimal:
        """Whole FTE at or above 1, else tenths ("4 årsverk", "0,3 årsverk")."""
        step = Decimal(1) if abs(self.fte) >= 1 else Decimal("0.1")
        return self.fte.quantize(step, rounding=ROUND_HALF_UP)

    @property
    def cost_millions(self) -> Decimal:
        """NOK in millions with one decimal ("3,5 mill. kr")."""
        return (self.cost_nok / Decimal(1_000_000)).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def to_dict(self) -> dict:
        values = asdict(self)
        values["fte_rounded"], values["cost_millions"] = self.fte_rounded, self.cost_millions
        return values


def cost_of_change(hours_per_week: Decimal, assumptions: CostAssumptions) -> CostOfChange:
    """The cost of `hours_per_week` more (or, negative, fewer) decided hours."""
    assumptions.check()
    decided = Decimal(hours_per_week) * assumptions.weeks_per_year
    staff = decided * assumptions.staffing_factor
    fte = staff / assumptions.annual_hours_per_fte
    return CostOfChange(
        hours_per_week=Decimal(hours_per_week),
        decided_hours_per_year=decided,
        staff_hours_per_year=staff,
        fte=fte,
        cost_nok=fte * assumptions.cost_per_fte,
        assumptions=assumptions,
    )


def hours_per_week_of_nights(nights: Decimal, per: str, hours_per_night: Decimal) -> Decimal:
    """Respite decided in nights: hours a week, with the service's hours per night (a night's
    stay from afternoon to morning counts as `hours_per_night` staffed hours)."""
    weeks = {"week": Decimal(1), "month": WEEKS_PER_YEAR / 12, "year": WEEKS_PER_YEAR}
    if per not in weeks:
        raise CostError("per", "must be week, month or year")
    return Decimal(nights) * hours_per_night / weeks[per]
