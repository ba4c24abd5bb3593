"""The KPI definitions of issue 9 ("Command-line figures"), against a hand-computed fixture."""

from decimal import Decimal

from omsorg.steering.import_rows import StaffRow
from omsorg.steering.kpi import (
    BudgetTotals,
    DeliveryTotals,
    StaffTotals,
    as_json,
    kpis,
    staff_totals,
)

D = Decimal


def _staff(employee, position, profession, relevant, contracted, sick):
    return StaffRow(0, None, 1, employee, D(position), profession, relevant, D(contracted), D(sick))


# Three employee-months (issue 9: shares and the mean are over employee-months):
#   sick leave   = (10 + 0 + 5.5) / (150 + 100 + 75) × 100 = 15.5 / 325 × 100 = 4.769… → 4.77
#   avg position = (100 + 66.67 + 50) / 3 = 216.67 / 3 = 72.2233… → 72.22
#   relevant edu = 2 of 3 → 66.67; vernepleier = 1 of 3 → 33.33
STAFF = [
    _staff("e1", "100", "vernepleier", True, "150", "10"),
    _staff("e2", "66.67", "sykepleier", True, "100", "0"),
    _staff("e3", "50", "assistent", False, "75", "5.5"),
]


def test_each_kpi_by_its_definition():
    figures = kpis(
        staff_totals(STAFF),
        BudgetTotals(D("115874000"), D("113236000")),
        DeliveryTotals(D("37.5"), 4),
    )
    assert figures == {
        "sick_leave_pct": D("4.77"),
        "avg_position_pct": D("72.22"),
        "relevant_education_pct": D("66.67"),
        "vernepleier_pct": D("33.33"),
        "budget_nok": D("115874000"),
        "accounts_nok": D("113236000"),
        # Seed 002: 115 874 − 113 236 kNOK = 2 638 000 kr under budget (positive).
        "budget_deviation_nok": D("2638000"),
        "delivered_hours": D("37.5"),
        "recipients": 4,
    }


def test_over_budget_is_a_negative_deviation():
    figures = kpis(StaffTotals(), BudgetTotals(D("100"), D("130.50")), DeliveryTotals())
    assert figures["budget_deviation_nok"] == D("-30.50")


def test_an_empty_period_gives_zero_sums_and_null_percentages():
    figures = as_json(kpis(StaffTotals(), BudgetTotals(), DeliveryTotals()))
    assert figures == {
        "sick_leave_pct": None,
        "avg_position_pct": None,
        "relevant_education_pct": None,
        "vernepleier_pct": None,
        "budget_nok": 0,
        "accounts_nok": 0,
        "budget_deviation_nok": 0,
        "delivered_hours": 0,
        "recipients": 0,
    }


def test_sick_leave_has_no_denominator_without_contracted_hours():
    totals = StaffTotals(employee_months=1, position_pct_sum=D(50), contracted_hours=D(0))
    figures = kpis(totals, BudgetTotals(), DeliveryTotals())
    assert figures["sick_leave_pct"] is None
    assert figures["avg_position_pct"] == D("50.00")


def test_json_figures_are_numbers_never_strings():
    figures = as_json(kpis(staff_totals(STAFF), BudgetTotals(D("10.5"), D(3)), DeliveryTotals()))
    assert figures["sick_leave_pct"] == 4.77 and isinstance(figures["sick_leave_pct"], float)
    assert figures["budget_nok"] == 10.5 and figures["accounts_nok"] == 3
    assert isinstance(figures["accounts_nok"], int)
    assert all(isinstance(v, int | float) for v in figures.values())


def test_half_a_hundredth_rounds_up():
    # 1 / 8 × 100 = 12.5 exactly; 1 / 16 × 100 = 6.25; 1/ 32 × 100 = 3.125 -> 3.13
    totals = StaffTotals(employee_months=32, relevant_education=1)
    assert kpis(totals, BudgetTotals(), DeliveryTotals())["relevant_education_pct"] == D("3.13")
