"""The steering figures of issue 9 ("Command-line figures"), computed from totals.

Definitions (issue 9): sick-leave % = Σ sick_leave_hours / Σ contracted_hours × 100; average
position size = mean position_pct over employee-months; relevant-education and vernepleier
shares over employee-months; budget deviation = budget − accounts (positive = under budget);
delivered hours = Σ registered hours; recipients = distinct persons with a registration.
Percentages and the average position size are rounded to 2 decimals; sums are not rounded; a
sum or count over an empty period is 0; a percentage with no denominator is None (JSON null).

Pure: the database sums (selectors.kpi_totals); this module only divides and rounds, so it
is tested against hand-computed fixtures alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

VERNEPLEIER = "vernepleier"  # social educator (seed 001: goal of at least 34 %)
_TWO_PLACES = Decimal("0.01")
_HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class StaffTotals:
    employee_months: int = 0
    position_pct_sum: Decimal = ZERO
    relevant_education: int = 0  # employee-months with relevant education
    vernepleiere: int = 0  # employee-months whose profession is vernepleier
    contracted_hours: Decimal = ZERO
    sick_leave_hours: Decimal = ZERO


@dataclass(frozen=True)
class BudgetTotals:
    budget_nok: Decimal = ZERO
    accounts_nok: Decimal = ZERO


@dataclass(frozen=True)
class DeliveryTotals:
    hours: Decimal = ZERO
    recipients: int = 0


def _rounded(value: Decimal) -> Decimal:
    return value.quantize(_TWO_PLACES, rounding=ROUND_HALF_UP)


def share_pct(part, whole) -> Decimal | None:
    """part / whole × 100 to 2 decimals, or None when there is no whole to divide by."""
    if not whole:
        return None
    return _rounded(Decimal(part) * _HUNDRED / Decimal(whole))


def mean(total, count: int) -> Decimal | None:
    if not count:
        return None
    return _rounded(Decimal(total) / count)


def kpis(staff: StaffTotals, budget: BudgetTotals, delivery: DeliveryTotals) -> dict:
    """The figures by their contract names; values are Decimal, int or None."""
    return {
        "sick_leave_pct": share_pct(staff.sick_leave_hours, staff.contracted_hours),
        "avg_position_pct": mean(staff.position_pct_sum, staff.employee_months),
        "relevant_education_pct": share_pct(staff.relevant_education, staff.employee_months),
        "vernepleier_pct": share_pct(staff.vernepleiere, staff.employee_months),
        "budget_nok": budget.budget_nok,
        "accounts_nok": budget.accounts_nok,
        "budget_deviation_nok": budget.budget_nok - budget.accounts_nok,
        "delivered_hours": delivery.hours,
        "recipients": delivery.recipients,
    }


def staff_totals(rows: Iterable) -> StaffTotals:
    """Totals of staff rows (anything with the StaffRow fields), as the selector sums them in
    the database: for fixtures and for callers that hold rows already."""
    rows = list(rows)
    return StaffTotals(
        employee_months=len(rows),
        position_pct_sum=sum((Decimal(r.position_pct) for r in rows), ZERO),
        relevant_education=sum(1 for r in rows if r.relevant_education),
        vernepleiere=sum(1 for r in rows if r.profession.lower() == VERNEPLEIER),
        contracted_hours=sum((Decimal(r.contracted_hours) for r in rows), ZERO),
        sick_leave_hours=sum((Decimal(r.sick_leave_hours) for r in rows), ZERO),
    )


def json_number(value):
    """A figure as a JSON number: whole Decimals as int, others as float; None stays None."""
    if value is None or isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def as_json(figures: dict) -> dict:
    """The figures as JSON numbers: percentages as floats, sums as int when whole."""
    return {
        name: (float(value) if name.endswith("_pct") and value is not None else json_number(value))
        for name, value in figures.items()
    }
