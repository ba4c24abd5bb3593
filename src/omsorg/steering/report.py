"""The tertial report (issue 9 §6): per unit (with every unit below it) or for the sector, for
one tertial (T1 January–April, T2 May–August, T3 September–December), as a page and a PDF.

What it holds: the steering figures of `omsorg report kpi` for the tertial and the two before
it, budget and accounts month by month, the budget deviation by unit, delivered hours by unit,
and what the delivered hours cost through the cost model (steering/cost.py), every assumption
shown. Charts are server-rendered SVG with their figures in a table beside them (charts.py).

Figures only: the report names no person. A figure counted over persons (recipients, hours
delivered to them) is hidden where fewer than `SMALL_GROUP` persons stand behind it.

Sections that build on parts of issue 9 not yet in the system say so, plainly, rather than
showing anything in their place.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omsorg.cases.letters.render import html_to_pdf
from omsorg.core import numbers
from omsorg.core.errors import BadRequest, PermissionDenied
from omsorg.core.models import Municipality, Role, Unit, User
from omsorg.steering import scorecard as card_rules
from omsorg.steering.assumption_selectors import cost_assumptions_in_force
from omsorg.steering.charts import Chart, Series, bar_chart
from omsorg.steering.cost import ANNUAL_HOURS_PER_FTE, CostAssumptions
from omsorg.steering.delivery import Totals, totals
from omsorg.steering.delivery_selectors import MEASURE_LABELS, delivery_lines
from omsorg.steering.kpi import kpis
from omsorg.steering.models import BudgetMonth, Kpi, Registration, StaffMonth
from omsorg.steering.periods import BadPeriod, Period, parse_period
from omsorg.steering.plan_models import Measure
from omsorg.steering.plan_selectors import MeasureRow, plan_measures_for
from omsorg.steering.scorecard_selectors import scorecard_for
from omsorg.steering.selectors import kpi_totals, municipality_units, unit_with_descendants
from omsorg.steering.suppression import MIN_GROUP, is_small

REPORT_ROLES = {Role.MANAGEMENT, Role.ADMINISTRATOR, Role.SERVICE_LEADER}
SECTOR_ROLES = {Role.MANAGEMENT, Role.ADMINISTRATOR}
SMALL_GROUP = MIN_GROUP  # fewer persons behind a figure: hidden (issue 9 §8, suppression.py)
# The cost model's assumptions for delivered hours: one staff hour per hour delivered, a
# 37.5-hour week, and the calculator's cost per FTE (steering/forms.py).
REPORT_COST = CostAssumptions(
    staffing_factor=Decimal(1),
    annual_hours_per_fte=ANNUAL_HOURS_PER_FTE["day"],
    cost_per_fte=Decimal(875_000),
)
# Parts of issue 9 that the report shows once they are in the system.
NOT_YET: dict = {}


def tertial_period(text: str | None, *, today: datetime.date) -> Period:
    """`YYYY-T1|T2|T3`; without one, the last tertial that has ended."""
    if not text:
        return last_ended_tertial(today)
    try:
        period = parse_period(text)
    except BadPeriod:
        period = None
    if period is None or "-T" not in period.label or not 2000 <= period.first.year <= 2100:
        raise BadRequest(_("Choose a tertial as YYYY-T1, YYYY-T2 or YYYY-T3, e.g. 2026-T2."))
    return period


def last_ended_tertial(today: datetime.date) -> Period:
    current = (today.month - 1) // 4 + 1
    year, number = (today.year, current - 1) if current > 1 else (today.year - 1, 3)
    return parse_period(f"{year}-T{number}")


def earlier_tertials(period: Period, count: int) -> list[Period]:
    """The `count` tertials before this one, oldest first."""
    year, number = period.first.year, (period.first.month - 1) // 4 + 1
    found = []
    for _step in range(count):
        year, number = (year, number - 1) if number > 1 else (year - 1, 3)
        found.append(parse_period(f"{year}-T{number}"))
    return found[::-1]


def tertial_choices(today: datetime.date, years: int = 3) -> list[str]:
    ended = last_ended_tertial(today)
    return [p.label for p in [*earlier_tertials(ended, years * 3 - 1), ended]][::-1]


@dataclass(frozen=True)
class Scope:
    municipality: Municipality
    unit: Unit | None  # None: the sector (the whole municipality)
    unit_ids: list[int]

    @property
    def code(self) -> str:
        return self.unit.code if self.unit else "all"


def report_units(actor: User) -> list[Unit]:
    """The coded units the actor may ask a report for: all of the municipality for management
    and administrators, the leader's own unit and the units below it for a service leader."""
    if actor.role not in REPORT_ROLES or actor.municipality is None:
        return []
    units = municipality_units(actor.municipality).exclude(code="").order_by("name")
    if actor.role in SECTOR_ROLES:
        return list(units)
    if actor.unit is None or not actor.unit.code or actor.unit.municipality_id is None:
        return []
    return list(units.filter(pk__in=unit_with_descendants(actor.municipality, actor.unit.code)))


def default_code(actor: User) -> str | None:
    """Without a choice: the sector for management, the leader's own unit otherwise."""
    if actor.role in SECTOR_ROLES or actor.unit is None:
        return None
    return actor.unit.code or None


def report_scope(actor: User, code: str | None) -> Scope:
    """What the actor may see: the sector (management, administrators) or one unit."""
    if actor.role not in REPORT_ROLES or actor.municipality is None:
        raise PermissionDenied()
    municipality = actor.municipality
    if not code or code == "all":
        if actor.role not in SECTOR_ROLES:
            raise PermissionDenied()
        return Scope(municipality, None, unit_with_descendants(municipality, None))
    allowed = {unit.code: unit for unit in report_units(actor)}
    if code not in allowed:
        unit_with_descendants(municipality, code)  # NotFound for a code that does not exist
        raise PermissionDenied()
    return Scope(municipality, allowed[code], unit_with_descendants(municipality, code))


def _months(period: Period) -> list[datetime.date]:
    first, months = period.first_month, []
    while first <= period.last_month:
        months.append(first)
        first = (first + datetime.timedelta(days=32)).replace(day=1)
    return months


def _monthly(model, unit_ids, period: Period, **sums) -> dict[datetime.date, dict]:
    rows = (
        model.objects.filter(
            Q(replaced_by__isnull=True),
            unit_id__in=unit_ids,
            month__gte=period.first_month,
            month__lte=period.last_month,
        )
        .values("month")
        .annotate(**{name: Sum(column) for name, column in sums.items()})
    )
    return {row["month"]: row for row in rows}


@dataclass(frozen=True)
class MonthFigures:
    month: datetime.date
    budget_nok: Decimal | None
    accounts_nok: Decimal | None
    sick_leave_pct: Decimal | None
    hours: Decimal


def month_figures(unit_ids: list[int], period: Period) -> list[MonthFigures]:
    """Budget, accounts, sick leave and delivered hours of each month: three queries."""
    budget = _monthly(BudgetMonth, unit_ids, period, budget="budget_nok", accounts="accounts_nok")
    staff = _monthly(
        StaffMonth, unit_ids, period, contracted="contracted_hours", sick="sick_leave_hours"
    )
    hours = _monthly(Registration, unit_ids, period, hours="hours")
    found = []
    for month in _months(period):
        b, s = budget.get(month, {}), staff.get(month, {})
        sick = None
        if s.get("contracted"):
            sick = (s["sick"] * 100 / s["contracted"]).quantize(Decimal("0.01"))
        found.append(
            MonthFigures(
                month,
                b.get("budget"),
                b.get("accounts"),
                sick,
                hours.get(month, {}).get("hours") or Decimal(0),
            )
        )
    return found


@dataclass(frozen=True)
class UnitFigures:
    unit: Unit
    figures: dict  # the kpi figures of the unit and every unit below it

    delivery: Totals | None = None

    @property
    def hidden(self) -> bool:
        return is_small(self.figures["recipients"])

    @property
    def delivery_hidden(self) -> bool:
        return self.delivery is None or is_small(self.delivery.persons)


def child_units(scope: Scope) -> list[Unit]:
    units = municipality_units(scope.municipality).exclude(code="")
    if scope.unit is None:
        return list(units.filter(parent__isnull=True).order_by("name"))
    return list(units.filter(parent=scope.unit).order_by("name"))


def unit_breakdown(scope: Scope, period: Period, lines=()) -> list[UnitFigures]:
    """Each unit directly below: its steering figures and decided against delivered, both
    over it and every unit below it (the delivery lines computed once for the scope)."""
    found = []
    for unit in child_units(scope):
        ids = set(unit_with_descendants(scope.municipality, unit.code))
        sums = kpi_totals(list(ids), period)
        own = totals(line for line in lines if line.unit_id in ids)
        found.append(UnitFigures(unit, kpis(sums.staff, sums.budget, sums.delivery), own))
    return found


@dataclass(frozen=True)
class CostFigures:
    hours: Decimal
    staff_hours: Decimal
    fte: Decimal  # FTE over the period: staff hours / the period's share of annual hours
    cost_nok: Decimal
    assumptions: CostAssumptions
    months: int


def delivered_cost(hours: Decimal, months: int, assumptions=REPORT_COST) -> CostFigures:
    """The delivered hours through the cost model: staff hours → FTE over the period → NOK."""
    staff = hours * assumptions.staffing_factor
    period_hours = assumptions.annual_hours_per_fte * months / 12
    cost = staff * assumptions.cost_per_fte / assumptions.annual_hours_per_fte
    return CostFigures(
        hours, staff, (staff / period_hours).quantize(Decimal("0.01")), cost.quantize(Decimal(1)),
        assumptions, months,
    )  # fmt: skip


# The figures of the report's tables, in order: name in `omsorg report kpi`, label, format.
FIGURE_ROWS = (
    ("sick_leave_pct", gettext_lazy("Sick leave"), "pct"),
    ("avg_position_pct", gettext_lazy("Average position size"), "pct"),
    ("relevant_education_pct", gettext_lazy("Share with relevant education"), "pct"),
    ("vernepleier_pct", gettext_lazy("Share of social educators (vernepleiere)"), "pct"),
    ("budget_nok", gettext_lazy("Budget"), "nok"),
    ("accounts_nok", gettext_lazy("Accounts"), "nok"),
    ("budget_deviation_nok", gettext_lazy("Budget deviation (positive: under budget)"), "nok"),
    ("delivered_hours", gettext_lazy("Delivered hours"), "persons"),
    ("recipients", gettext_lazy("Recipients"), "persons"),
)


def figure_text(figures: dict, name: str, kind: str) -> str:
    """A figure as the report writes it; "not measured" without data, hidden for few persons."""
    value = figures[name]
    if kind == "persons" and 0 < figures["recipients"] < SMALL_GROUP:
        return _("hidden: fewer than 5 persons")
    if value is None:
        return _("not measured")
    if kind == "pct":
        return percent(value)
    if kind == "nok":
        return whole_kroner(value)
    return one_decimal(value) if name == "delivered_hours" else str(value)


# The scorecard's statuses as the report writes them (the scorecard page's words).
STATUS_LABELS = {
    card_rules.REACHED: gettext_lazy("Reached"),
    card_rules.NEAR: gettext_lazy("Near"),
    card_rules.MISSED: gettext_lazy("Missed"),
    card_rules.NOT_MEASURED: gettext_lazy("Not measured"),
    card_rules.NO_TARGET: gettext_lazy("No target"),
    card_rules.SUPPRESSED: gettext_lazy("Hidden: fewer than 5 persons"),
}


def card_number(value) -> str:
    """A scorecard figure: up to two decimals, no trailing zeros; "–" when there is none."""
    if value is None:
        return "–"
    value = Decimal(value)
    places = min(2, max(0, -value.normalize().as_tuple().exponent))
    return numbers.number(value, places, force_grouping=True)


@dataclass(frozen=True)
class CardLine:
    """One KPI of the scorecard as the report shows it."""

    kpi: str
    label: str
    target: str
    result: str
    status: str
    status_label: str
    explanation: str
    measures: str


def card_lines(card) -> list[CardLine]:
    return [
        CardLine(
            row.kpi,
            str(Kpi(row.kpi).label),
            card_number(row.target),
            card_number(row.result),
            row.status,
            str(STATUS_LABELS[row.status]),
            row.explanation,
            row.measures,
        )  # fmt: skip
        for row in card.rows
    ]


@dataclass(frozen=True)
class PlanPart:
    """One unit's business plan in force in the tertial: its measures with their status."""

    unit: Unit
    rows: list[MeasureRow]

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.measure.status == status)

    @property
    def counts(self) -> list[int]:
        return [self.count(status) for status in Measure.Status.values]


def plan_parts(scope: Scope, period: Period) -> list[PlanPart]:
    """The unit's plan (with every measure), or for the sector each top unit's plan."""
    units = [scope.unit] if scope.unit else child_units(scope)
    parts = [PlanPart(unit, plan_measures_for(unit, period)) for unit in units]
    return [part for part in parts if part.rows]


@dataclass
class TertialReport:
    scope: Scope
    period: Period
    figures: dict
    trend: list[tuple[Period, dict]]
    months: list[MonthFigures]
    units: list[UnitFigures]
    cost: CostFigures
    plans: list[PlanPart] = field(default_factory=list)
    delivery: Totals | None = None  # decided against delivered (issue 9 §2), no persons
    card: object = None  # the scorecard (scorecard_selectors.scorecard_for) of the tertial
    card_lines: list[CardLine] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    not_yet: dict = field(default_factory=lambda: dict(NOT_YET))

    @property
    def trend_rows(self) -> list[tuple[str, list[str]]]:
        return [
            (label, [figure_text(figures, name, kind) for _period, figures in self.trend])
            for name, label, kind in FIGURE_ROWS
        ]

    @property
    def extra_shift_hours(self) -> str:
        """The hours of the extra shifts worked (issue 11 §4), as the scorecard writes them."""
        return card_number(self.card.extra_shifts.hours)

    @property
    def delivered_line(self) -> CardLine | None:
        wanted = Kpi.DELIVERED_VS_DECIDED
        return next((line for line in self.card_lines if line.kpi == wanted), None)

    @property
    def delivery_hidden(self) -> bool:
        return self.delivery is None or is_small(self.delivery.persons)

    @property
    def delivery_rows(self) -> list[tuple[str, str]]:
        """Decided against delivered as the report writes it; counts of persons hidden when
        fewer than five (the hours stay: the scope's whole group is five or more)."""
        d = self.delivery

        def persons(count: int) -> str:
            return _("fewer than 5") if is_small(count) else str(count)

        return [
            (_("Decided hours"), one_decimal(d.decided_hours)),
            (_("Delivered hours on a decision"), one_decimal(d.delivered_hours)),
            (_("Fulfilment"), percent(d.fulfilment_pct) if d.fulfilment_pct is not None
             else _("not measured")),
            (_("Hours delivered under the decision"), one_decimal(d.under_hours)),
            (_("Hours delivered over the decision"), one_decimal(d.over_hours)),
            (_("Hours delivered with no decision in force"), one_decimal(d.hours_without_decision)),
            (_("Persons with a decision and no delivery"), persons(d.persons_no_delivery)),
            (_("Persons with deliveries and no decision"), persons(d.persons_no_decision)),
            *self._own_unit_rows(),
            (_("Decisions not compared (visits or weekends with no hours per unit)"),
             persons(d.decisions_not_comparable)),
        ]  # fmt: skip

    def _own_unit_rows(self) -> list[tuple[str, str]]:
        """Days and meals with no hours per unit: compared in their own unit, not in hours."""
        return [
            (_("Decided against delivered in %(unit)s (not in hours)")
             % {"unit": MEASURE_LABELS.get(row.measure, row.measure)},
             _("%(delivered)s of %(decided)s (%(pct)s)") % {
                 "delivered": one_decimal(row.delivered), "decided": one_decimal(row.decided),
                 "pct": percent(row.fulfilment_pct) if row.fulfilment_pct is not None
                 else _("not measured")})
            for row in self.delivery.own_unit_rows
        ]  # fmt: skip

    @property
    def status_names(self) -> list[str]:
        return [str(label) for label in Measure.Status.labels]

    def chart(self, key: str) -> Chart | None:
        return next((chart for chart in self.charts if chart.key == f"chart-{key}"), None)

    @property
    def plan_chart(self) -> Chart | None:
        return self.chart("measures")

    @property
    def status_chart(self) -> Chart | None:
        return self.chart("status")

    @property
    def budget_chart(self) -> Chart | None:
        return self.chart("budget")

    @property
    def sick_leave_chart(self) -> Chart | None:
        return self.chart("sick-leave")

    @property
    def deviation_chart(self) -> Chart | None:
        return self.chart("deviation")

    @property
    def hours_chart(self) -> Chart | None:
        return self.chart("hours")

    @property
    def deviation(self) -> Decimal:
        return self.figures["budget_deviation_nok"]

    @property
    def title(self) -> str:
        name = self.scope.unit.name if self.scope.unit else self.scope.municipality.name
        return _("Tertial report %(period)s: %(name)s") % {
            "period": self.period.label,
            "name": name,
        }


def tertial_report(scope: Scope, period: Period) -> TertialReport:
    def figures_of(one: Period) -> dict:
        totals = kpi_totals(scope.unit_ids, one)
        return kpis(totals.staff, totals.budget, totals.delivery)

    figures = figures_of(period)
    trend = [(one, figures_of(one)) for one in earlier_tertials(period, 2)] + [(period, figures)]
    months = month_figures(scope.unit_ids, period)
    lines = delivery_lines(scope.municipality, scope.unit.code if scope.unit else None, period)
    report = TertialReport(
        scope=scope,
        period=period,
        figures=figures,
        trend=trend,
        months=months,
        units=unit_breakdown(scope, period, lines),
        cost=delivered_cost(
            figures["delivered_hours"],
            len(months),
            cost_assumptions_in_force(scope.municipality, scope.unit, period.last) or REPORT_COST,
        ),  # fmt: skip
        plans=plan_parts(scope, period),
        delivery=totals(lines),
    )
    # The report goes to management and the units' leaders: no person-level role reads it, so
    # a figure about fewer than five persons is always hidden (issue 9 §8).
    report.card = scorecard_for(
        scope.municipality, scope.unit.code if scope.unit else None, period,
        children=False, trend=False, suppress_small=True,
    )  # fmt: skip
    report.card_lines = card_lines(report.card)
    report.charts = report_charts(report)
    return report


def whole_kroner(value: Decimal) -> str:
    return f"{numbers.number(value, 0, force_grouping=True)}\u00a0kr"


def percent(value: Decimal) -> str:
    return f"{numbers.number(value, 2)}\u00a0%"


def one_decimal(value: Decimal) -> str:
    return numbers.number(value, 1, force_grouping=True)


def _month_name(month: datetime.date) -> str:
    return formats.date_format(month, "F Y")


def report_charts(report: TertialReport) -> list[Chart]:
    months = [_month_name(m.month) for m in report.months]
    statuses = [s for s in STATUS_LABELS if any(line.status == s for line in report.card_lines)]
    charts = [
        bar_chart(
            key="chart-status",
            title=_("The scorecard's KPIs by status"),
            category_name=_("Status"),
            categories=[str(STATUS_LABELS[status]) for status in statuses],
            series=[
                Series(
                    _("KPIs"),
                    tuple(
                        Decimal(sum(1 for line in report.card_lines if line.status == status))
                        for status in statuses
                    ),
                )
            ],
            fmt=lambda value: str(int(value)),
        ),
        bar_chart(
            key="chart-budget",
            title=_("Budget and accounts by month"),
            category_name=_("Month"),
            categories=months,
            series=[
                Series(_("Budget"), tuple(m.budget_nok for m in report.months)),
                Series(_("Accounts"), tuple(m.accounts_nok for m in report.months)),
            ],
            unit="kr",
            fmt=whole_kroner,
        ),
        bar_chart(
            key="chart-sick-leave",
            title=_("Sick leave by month"),
            category_name=_("Month"),
            categories=months,
            series=[Series(_("Sick leave"), tuple(m.sick_leave_pct for m in report.months))],
            unit="%",
            fmt=percent,
        ),
    ]
    if report.units:
        names = [one.unit.name for one in report.units]
        charts.append(
            bar_chart(
                key="chart-deviation",
                title=_("Budget deviation by unit (positive: under budget)"),
                category_name=_("Unit"),
                categories=names,
                series=[
                    Series(
                        _("Budget deviation"),
                        tuple(one.figures["budget_deviation_nok"] for one in report.units),
                    )
                ],
                unit="kr",
                fmt=whole_kroner,
            )
        )
        charts.append(
            bar_chart(
                key="chart-hours",
                title=_("Decided and delivered hours by unit"),
                category_name=_("Unit"),
                categories=names,
                series=[
                    Series(
                        _("Decided hours"),
                        tuple(
                            None if one.delivery_hidden else one.delivery.decided_hours
                            for one in report.units
                        ),
                    ),
                    Series(
                        _("Delivered hours"),
                        tuple(
                            None if one.hidden else one.figures["delivered_hours"]
                            for one in report.units
                        ),
                    ),
                ],
                unit=_("hours"),
                fmt=one_decimal,
                empty=_("hidden: fewer than 5 persons"),
            )
        )
    if report.plans:
        charts.append(
            bar_chart(
                key="chart-measures",
                title=_("The business plan's measures by status"),
                category_name=_("Status"),
                categories=report.status_names,
                series=[
                    Series(
                        _("Measures"),
                        tuple(
                            Decimal(sum(part.count(status) for part in report.plans))
                            for status in Measure.Status.values
                        ),
                    )
                ],
                fmt=lambda value: str(int(value)),
            )
        )
    return charts


def tertial_html(report: TertialReport, *, pdf: bool = False) -> str:
    template = "steering/tertial_pdf.html" if pdf else "steering/_tertial_body.html"
    return render_to_string(template, {"report": report, "pdf": pdf})


def tertial_pdf(report: TertialReport) -> bytes:
    return html_to_pdf(tertial_html(report, pdf=True))
