"""The scorecard's rules (issue 9 §4): each KPI's direction, when a result has reached, is near
or has missed its target, the trend over earlier periods, and the pure case figures.

Status rule (the one place it is decided):
- no result (nothing measured in the period: no survey held, no staff rows, no cases) →
  NOT_MEASURED, whatever the target;
- a result and no target in force → NO_TARGET;
- the result on the good side of the target or equal to it (higher is better: result ≥
  target; lower is better, e.g. sick leave: result ≤ target) → REACHED;
- on the bad side by no more than the margin → NEAR; further → MISSED.
The margin is the target's own `near_margin` when set; else the KPI's absolute margin when it
has one (budget deviation: 1 percentage point of the budget); else 5 % of the target
(sick leave target 8.5: near up to 8.925; relevant education 75: near down to 71.25).

Pure: no Django; the selectors gather the figures, this module judges them.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from omsorg.cases.deadlines import preliminary_reply_due
from omsorg.steering.periods import TERTIAL_FIRST_MONTH, parse_period

HIGHER = "higher"  # higher is better
LOWER = "lower"  # lower is better

REACHED = "reached"
NEAR = "near"
MISSED = "missed"
NOT_MEASURED = "not_measured"
NO_TARGET = "no_target"
# Issue 9 §8: outside person-level roles a figure about fewer than five persons (staff for the
# staff figures, respondents for surveys, persons for the case figures) is hidden.
SUPPRESSED = "suppressed"
MIN_GROUP = 5

NEAR_SHARE = Decimal("0.05")  # within 5 % of the target counts as near, unless stated
TREND_PERIODS = 3  # earlier periods shown beside the result
_TWO = Decimal("0.01")


@dataclass(frozen=True)
class KpiRule:
    code: str
    direction: str
    absolute_margin: Decimal | None = None
    # A target that holds when none is set (budget deviation: at least 0, i.e. within budget).
    default_target: Decimal | None = None


# In the order of the scorecard (seed 002's table first: quality, attendance, cost control;
# then the steering figures of issue 9 §4).
RULES: tuple[KpiRule, ...] = (
    KpiRule("user_survey_score", HIGHER),
    KpiRule("avg_position_pct", HIGHER),
    KpiRule("relevant_education_pct", HIGHER),
    KpiRule("vernepleier_pct", HIGHER),
    KpiRule("sick_leave_pct", LOWER),
    KpiRule("staff_survey_score", HIGHER),
    KpiRule("budget_deviation_pct", HIGHER, absolute_margin=Decimal(1), default_target=Decimal(0)),
    KpiRule("delivered_vs_decided_pct", HIGHER),
    KpiRule("median_days_to_decision", LOWER),
    KpiRule("preliminary_reply_pct", HIGHER),
    KpiRule("reviewed_on_time_pct", HIGHER),
    KpiRule("appeals_reversed", LOWER),
)
RULE = {rule.code: rule for rule in RULES}


def near_margin(rule: KpiRule, target: Decimal, own_margin: Decimal | None = None) -> Decimal:
    if own_margin is not None:
        return own_margin
    if rule.absolute_margin is not None:
        return rule.absolute_margin
    return abs(target) * NEAR_SHARE


def status_of(
    rule: KpiRule, result: Decimal | None, target: Decimal | None, margin: Decimal | None = None
) -> str:
    """REACHED, NEAR, MISSED, NOT_MEASURED or NO_TARGET by the rule in the module text."""
    if result is None:
        return NOT_MEASURED
    if target is None:
        return NO_TARGET
    result, target = Decimal(result), Decimal(target)
    ahead = result - target if rule.direction == HIGHER else target - result
    if ahead >= 0:
        return REACHED
    if -ahead <= near_margin(rule, target, margin):
        return NEAR
    return MISSED


def change_of(rule: KpiRule, previous: Decimal | None, current: Decimal | None) -> str | None:
    """'better', 'worse' or 'same' against the period before; None when either is missing."""
    if previous is None or current is None:
        return None
    if current == previous:
        return "same"
    improved = current > previous if rule.direction == HIGHER else current < previous
    return "better" if improved else "worse"


def earlier_periods(label: str, count: int = TREND_PERIODS) -> list[str]:
    """The `count` periods of the same kind before `label`, oldest first: years before a year,
    tertials before a tertial (2016-T1 → 2015-T3), months before a month."""
    period = parse_period(label)
    year = period.first.year
    found: list[str] = []
    if len(label) == 4:
        found = [str(year - n) for n in range(1, count + 1)]
    elif "T" in label:
        tertial = next(t for t, m in TERTIAL_FIRST_MONTH.items() if m == period.first.month)
        for _ in range(count):
            tertial -= 1
            if tertial == 0:
                year, tertial = year - 1, 3
            found.append(f"{year}-T{tertial}")
    else:
        month = period.first.month
        for _ in range(count):
            month -= 1
            if month == 0:
                year, month = year - 1, 12
            found.append(f"{year}-{month:02d}")
    return list(reversed(found))


def rounded(value: Decimal) -> Decimal:
    return value.quantize(_TWO, rounding=ROUND_HALF_UP)


def share(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    if not whole:
        return None
    return rounded(Decimal(part) * 100 / Decimal(whole))


def budget_deviation_pct(budget_nok: Decimal, accounts_nok: Decimal) -> Decimal | None:
    """(budget − accounts) / budget × 100: positive under budget (seed 002: 2.28 %)."""
    return share(Decimal(budget_nok) - Decimal(accounts_nok), budget_nok)


def weighted_score(scores: Iterable[tuple[Decimal, int]]) -> Decimal | None:
    """Survey scores of several units as one: the mean weighted by respondents."""
    pairs = [(Decimal(score), n) for score, n in scores if n]
    total = sum(n for _score, n in pairs)
    if not total:
        return None
    return rounded(sum((score * n for score, n in pairs), Decimal(0)) / total)


def median_days(pairs: Iterable[tuple[datetime.date, datetime.date]]) -> Decimal | None:
    """Median of (decided − received) in days over (received, decided) pairs."""
    days = [(decided - received).days for received, decided in pairs]
    if not days:
        return None
    return rounded(Decimal(str(statistics.median(days))))


def preliminary_reply_pct(
    cases: Iterable[tuple[datetime.date, datetime.date | None, datetime.date | None]],
    first: datetime.date,
    last: datetime.date,
) -> Decimal | None:
    """Of the cases that turned a month old undecided within first..last, the share that got
    a preliminary reply (fvl §11a; seed 004 §2). A case is (received, first decision or None,
    first preliminary reply or None); a reply counts when sent before the decision, or at
    all while the case is open."""
    older = replied = 0
    for received, decided, reply, *_person in cases:
        if not _older_than_a_month(received, decided, first, last):
            continue
        older += 1
        if reply is not None and (decided is None or reply <= decided):
            replied += 1
    return share(replied, older)


def _older_than_a_month(received, decided, first, last) -> bool:
    due = preliminary_reply_due(received)
    return first <= due <= last and (decided is None or decided > due)


def preliminary_reply_persons(cases, first: datetime.date, last: datetime.date) -> set:
    """The persons (the cases' 4th element) behind preliminary_reply_pct."""
    return {
        person
        for received, decided, _reply, person in cases
        if _older_than_a_month(received, decided, first, last)
    }


def is_small(persons: int | None) -> bool:
    """A group of 1 to 4 persons (0 is shown: an empty group tells nothing about anyone)."""
    return persons is not None and 0 < persons < MIN_GROUP


def suppressed_kpis(persons: dict[str, int | None]) -> frozenset[str]:
    """The KPIs whose figure is about fewer than five persons: KPI → persons behind it."""
    return frozenset(kpi for kpi, count in persons.items() if is_small(count))


def reviewed_on_time_pct(
    decisions: Iterable[tuple[datetime.date, datetime.date | None]],
) -> Decimal | None:
    """Of decisions whose review date has come, the share reviewed on or before it: pairs of
    (review date, first review performed or None)."""
    due = reviewed = 0
    for review_date, performed in decisions:
        due += 1
        if performed is not None and performed <= review_date:
            reviewed += 1
    return share(reviewed, due)


@dataclass(frozen=True)
class TrendPoint:
    period: str
    result: Decimal | None


@dataclass(frozen=True)
class ScorecardRow:
    """One KPI of a scorecard, ready to show: result, target, status, trend and the note."""

    kpi: str
    direction: str
    result: Decimal | None
    target: Decimal | None
    margin: Decimal | None
    status: str
    trend: tuple[TrendPoint, ...] = ()
    change: str | None = None  # against the period just before
    explanation: str = ""
    measures: str = ""
    note_version: int | None = None  # None: no note written yet

    @property
    def deviates(self) -> bool:
        """A result off target (near or missed), or not measured: the leader explains it."""
        return self.status in (NEAR, MISSED, NOT_MEASURED)


def row_for(
    rule: KpiRule,
    result: Decimal | None,
    target: Decimal | None,
    own_margin: Decimal | None = None,
    trend: Sequence[TrendPoint] = (),
    note: tuple[str, str, int] | None = None,
    suppressed: bool = False,
) -> ScorecardRow:
    """The row; `suppressed`: the result is about fewer than five persons and is not shown
    (issue 9 §8), nor is its trend."""
    if target is None:
        target = rule.default_target
    if suppressed:
        result, trend = None, [TrendPoint(point.period, None) for point in trend]
    margin = None if target is None else near_margin(rule, target, own_margin)
    previous = trend[-1].result if trend else None
    explanation, measures, version = note if note else ("", "", None)
    return ScorecardRow(
        kpi=rule.code,
        direction=rule.direction,
        result=result,
        target=target,
        margin=margin,
        status=SUPPRESSED if suppressed else status_of(rule, result, target, own_margin),
        trend=tuple(trend),
        change=change_of(rule, previous, result),
        explanation=explanation,
        measures=measures,
        note_version=version,
    )


@dataclass(frozen=True)
class Appeals:
    received: int = 0
    reversed: int = 0  # the decision was changed (by the municipality or the county governor)
    forwarded: int = 0  # forwarded to the county governor (Statsforvalteren)
    upheld: int = 0  # the decision stood: the county governor did not uphold the appeal
    suppressed: bool = False  # about fewer than five persons: not shown (issue 9 §8)


@dataclass(frozen=True)
class ExtraShifts:
    """Extra shifts worked in the period (issue 11 §4): shifts left open by an absence and
    taken through an offer, and their hours; hidden when fewer than five persons worked them."""

    shifts: int = 0
    hours: Decimal = Decimal(0)
    suppressed: bool = False


@dataclass(frozen=True)
class Budget:
    budget_nok: Decimal
    accounts_nok: Decimal
    deviation_nok: Decimal  # budget − accounts: positive = under budget
    deviation_pct: Decimal | None
    causes: str = ""
    measures: str = ""
    note_version: int | None = None


@dataclass(frozen=True)
class UnitLine:
    """A unit below in the roll-up: its code, name and each KPI's result and status."""

    unit_id: int
    code: str
    name: str
    rows: tuple[ScorecardRow, ...]


@dataclass(frozen=True)
class Scorecard:
    """A unit's (and every unit below it) or the municipality's scorecard for a period."""

    unit_id: int | None
    code: str | None  # None: the whole municipality
    name: str
    period: str
    rows: tuple[ScorecardRow, ...]
    budget: Budget
    appeals: Appeals
    children: tuple[UnitLine, ...] = field(default=())
    extra_shifts: ExtraShifts = field(default=ExtraShifts())

    def row(self, kpi: str) -> ScorecardRow:
        return next(row for row in self.rows if row.kpi == kpi)
