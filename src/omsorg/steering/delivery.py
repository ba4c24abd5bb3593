"""Decided vs delivered (issue 9 §2): what the decisions in force grant in a period, against
what registrations and respite stays show was delivered, per person, service and unit.

Rules (Django-free, so tested against hand-computed fixtures):

- A decision's scope gives a rate: an amount of its unit (hours, nights, visits, meals, days,
  weekends) per week, month or year. Its decided amount in a period is the rate over the days
  the decision is valid in the period, counted up to `as_of` (a period still running is
  compared with what could have been delivered so far): an amount a week × days / 7; a
  month's amount × the share of the month's days; a year's × days / days of the year. A scope
  per stay (or with no period) has no rate: such decisions are counted as not comparable.
- Hours per unit: a scope in another unit than hours is turned into hours with the service's
  hours per unit of that scope (configurable per service and unit, dated: e.g. 10 staffed
  hours per respite night, ½ hour per home-nursing visit). A respite night counts 18 staffed
  hours (afternoon to morning) unless set otherwise; no other unit has a default.
- Where hours make no sense and none are configured, days (day centre, respite by day) and
  meals are compared in their own unit: a registration is one person's service on one day,
  so each registered day counts as one day, or one meal, delivered (meals come once a day).
  Such lines have a fulfilment % of their own and are summed per unit, never into the hours.
  Visits and weekends with no hours per unit configured are not comparable: a day's
  registration may hold several visits, or be part of a weekend.
- A person's decisions for one service are added up: in their unit when they share it, in
  hours when their units all count as hours (respite nights and hours); a decision in days or
  meals beside another unit is not compared. Deliveries for a decision that is not compared
  stay with it (its delivered hours), never counted as delivered with no decision.
- A delivered night is a night of a respite stay that is not cancelled; it is delivered once,
  so the selector leaves out registrations of the same service on a night of a stay.
- A respite day stay (dagopphold: a day at the home, no night) that is not cancelled is a
  delivered day of the respite home's service: one day, and in hours the service's hours per
  day configured (dated, as per night), else the home's own day-stay times (day stay begins to
  day stay ends, 14:00-18:00 = 4 h by default). Like a night, it is delivered once: the
  selector leaves out registrations of the same service on the day of a day stay.
- Decisions and deliveries meet on (person, service code). All deliveries in the period of a
  person and service count towards that person's decisions for the service. The line's unit
  is the decision's providing unit, else the unit that delivered the most hours.
- Fulfilment % = delivered ÷ decided × 100 over the lines with a decision (in hours, or in the
  line's own unit); under-delivery is Σ max(0, decided − delivered) per line and
  over-delivery Σ max(0, delivered − decided); a line is "under" or "over" when it is off by
  more than the tolerance (10 % by default).
- "No delivery": a decision with a decided amount and nothing delivered. "No decision":
  hours delivered to a person for a service with no decision in force in the period.
- Services that are paid rather than delivered (care allowance) are left out.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
HOURS = "hours"
DEFAULT_HOURS_PER_NIGHT = Decimal(18)  # 16:00 arrival to 10:00 departure (respite home default)
DEFAULT_HOURS_PER_UNIT = {"nights": DEFAULT_HOURS_PER_NIGHT}
COUNTED_BY_DAY = frozenset({"days", "meals"})  # compared in their own unit, a day a unit
DEFAULT_TOLERANCE = Decimal("0.10")
NOT_DELIVERED = frozenset({"care_allowance"})  # omsorgsstønad is paid to the carer
_TWO = Decimal("0.01")

# Hours one unit of a scope counts as, by (service code, scope unit).
HoursPerUnit = Mapping[tuple[str, str], Decimal]


class Status:
    AS_DECIDED = "as_decided"
    UNDER = "under"
    OVER = "over"
    NO_DELIVERY = "no_delivery"
    NO_DECISION = "no_decision"
    NOT_COMPARABLE = "not_comparable"


@dataclass(frozen=True)
class DecidedService:
    """A decision in force: the rows the selector reads (one per decision)."""

    person_id: int
    service_code: str
    unit_id: int | None
    quantity: int
    scope_unit: str
    scope_period: str | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None


@dataclass(frozen=True)
class Delivered:
    """Hours and days (registrations) and nights (respite stays) delivered to a person for a
    service by a unit within the period (summed by the selector)."""

    person_id: int
    service_code: str
    unit_id: int
    hours: Decimal = ZERO
    nights: int = 0
    days: int = 0  # days with a registration


@dataclass
class Line:
    person_id: int
    service_code: str
    unit_id: int | None
    measure: str  # the decision's scope unit ("hours", "nights", "days", ...)
    decided: Decimal = ZERO  # in the measure
    delivered: Decimal = ZERO  # in the measure
    decided_hours: Decimal = ZERO
    delivered_hours: Decimal = ZERO
    has_decision: bool = True
    comparable: bool = True
    status: str = Status.AS_DECIDED
    in_hours: bool = True  # False: compared in the measure itself (days, meals)
    hours_per_unit: Decimal | None = Decimal(1)  # of the measure; None when not in hours

    @property
    def compared(self) -> tuple[Decimal, Decimal]:
        """(decided, delivered) in what the line is compared in: hours, or its own unit."""
        if self.in_hours:
            return self.decided_hours, self.delivered_hours
        return self.decided, self.delivered

    @property
    def fulfilment_pct(self) -> Decimal | None:
        decided, delivered = self.compared
        return pct(delivered, decided)

    @property
    def difference_hours(self) -> Decimal:
        """Delivered − decided (negative: under-delivered)."""
        return self.delivered_hours - self.decided_hours


@dataclass
class OwnUnitTotals:
    """Lines compared in their own unit (days, meals): never added to the hours."""

    measure: str
    decided: Decimal = ZERO
    delivered: Decimal = ZERO
    lines: int = 0

    @property
    def fulfilment_pct(self) -> Decimal | None:
        return pct(self.delivered, self.decided)

    def as_dict(self) -> dict:
        return {
            "measure": self.measure,
            "decided": self.decided,
            "delivered": self.delivered,
            "fulfilment_pct": self.fulfilment_pct,
            "lines": self.lines,
        }


@dataclass
class Totals:
    """The figures leaders and management see (counts and sums, no persons)."""

    decided_hours: Decimal = ZERO
    delivered_hours: Decimal = ZERO  # on lines with a decision
    under_hours: Decimal = ZERO
    over_hours: Decimal = ZERO
    hours_without_decision: Decimal = ZERO
    persons: int = 0  # distinct persons with a comparable decision or a delivery
    persons_with_decision: int = 0
    persons_under: int = 0
    persons_over: int = 0
    persons_no_delivery: int = 0
    persons_no_decision: int = 0
    decisions_not_comparable: int = 0
    by_status: dict[str, int] = field(default_factory=dict)  # lines per status
    own_unit: dict[str, OwnUnitTotals] = field(default_factory=dict)  # by measure

    @property
    def fulfilment_pct(self) -> Decimal | None:
        return pct(self.delivered_hours, self.decided_hours)

    @property
    def own_unit_rows(self) -> list[OwnUnitTotals]:
        return [self.own_unit[measure] for measure in sorted(self.own_unit)]

    def as_dict(self) -> dict:
        return {
            "decided_hours": self.decided_hours,
            "delivered_hours": self.delivered_hours,
            "fulfilment_pct": self.fulfilment_pct,
            "under_hours": self.under_hours,
            "over_hours": self.over_hours,
            "hours_without_decision": self.hours_without_decision,
            "persons": self.persons,
            "persons_with_decision": self.persons_with_decision,
            "persons_under": self.persons_under,
            "persons_over": self.persons_over,
            "persons_no_delivery": self.persons_no_delivery,
            "persons_no_decision": self.persons_no_decision,
            "decisions_not_comparable": self.decisions_not_comparable,
        }


def pct(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_TWO, rounding=ROUND_HALF_UP)


def _days(first: datetime.date, last: datetime.date) -> int:
    return max(0, (last - first).days + 1)


def decided_amount(
    quantity: int,
    per: str | None,
    valid_from: datetime.date | None,
    valid_to: datetime.date | None,
    first: datetime.date,
    last: datetime.date,
) -> Decimal | None:
    """The amount a scope of `quantity` per `per` grants over the decision's valid days within
    first..last (inclusive); None when the period of the scope is not a calendar one."""
    start = max(first, valid_from) if valid_from else first
    end = min(last, valid_to) if valid_to else last
    if end < start:
        return ZERO
    q = Decimal(quantity)
    if per == "week":
        return q * _days(start, end) / 7
    if per == "year":
        total = ZERO
        for year in range(start.year, end.year + 1):
            a, b = max(start, datetime.date(year, 1, 1)), min(end, datetime.date(year, 12, 31))
            total += q * _days(a, b) / (366 if calendar.isleap(year) else 365)
        return total
    if per == "month":
        total, cursor = ZERO, start.replace(day=1)
        while cursor <= end:
            length = calendar.monthrange(cursor.year, cursor.month)[1]
            month_end = cursor.replace(day=length)
            total += q * _days(max(start, cursor), min(end, month_end)) / length
            cursor = month_end + datetime.timedelta(days=1)
        return total
    return None


def day_stay_hours(
    table: HoursPerUnit, code: str, begins: datetime.time, ends: datetime.time
) -> Decimal:
    """Hours one day stay counts as: the service's configured hours per day, else the home's
    day-stay times (none when they do not make a day: ends not after begins)."""
    configured = table.get((code, "days"))
    if configured is not None:
        return Decimal(configured)
    minutes = (ends.hour * 60 + ends.minute) - (begins.hour * 60 + begins.minute)
    return Decimal(max(0, minutes)) / 60


def unit_hours(table: HoursPerUnit, code: str, unit: str) -> Decimal | None:
    """Hours one `unit` of the service counts as: configured, else the unit's default (a
    respite night), else None (not counted in hours)."""
    if unit == HOURS:
        return Decimal(1)
    found = table.get((code, unit), DEFAULT_HOURS_PER_UNIT.get(unit))
    return None if found is None else Decimal(found)


def compare(
    decisions: Iterable[DecidedService],
    deliveries: Iterable[Delivered],
    first: datetime.date,
    last: datetime.date,
    *,
    hours_per_unit: HoursPerUnit | None = None,
    tolerance: Decimal = DEFAULT_TOLERANCE,
) -> list[Line]:
    """One line per (person, service): decided against delivered over first..last (the
    caller cuts `last` at the day of the comparison)."""
    table = hours_per_unit or {}
    lines, not_comparable = _decided_lines(decisions, first, last, table)
    set_aside = {(line.person_id, line.service_code): line for line in not_comparable}
    unit_hours_by_line = _add_deliveries(lines, deliveries, table, set_aside)
    for key, line in lines.items():
        if line.unit_id is None and unit_hours_by_line.get(key):
            by_unit = unit_hours_by_line[key]
            line.unit_id = max(by_unit.items(), key=lambda item: (item[1], -item[0]))[0]
        line.status = _status(line, tolerance)
    return sorted([*lines.values(), *not_comparable], key=lambda x: (x.person_id, x.service_code))


def _not_comparable(d: DecidedService) -> Line:
    return Line(d.person_id, d.service_code, d.unit_id, d.scope_unit, comparable=False,
                status=Status.NOT_COMPARABLE, in_hours=False, hours_per_unit=None)  # fmt: skip


def _decided_lines(decisions, first, last, table: HoursPerUnit):
    lines: dict[tuple[int, str], Line] = {}
    not_comparable: list[Line] = []
    for d in decisions:
        if d.service_code in NOT_DELIVERED:
            continue
        per_unit = unit_hours(table, d.service_code, d.scope_unit)
        amount = None
        if per_unit is not None or d.scope_unit in COUNTED_BY_DAY:
            amount = decided_amount(
                d.quantity, d.scope_period, d.valid_from, d.valid_to, first, last
            )
        key = (d.person_id, d.service_code)
        line = lines.get(key)
        if line is not None and line.measure != d.scope_unit and amount is not None:
            if not (line.in_hours and per_unit is not None):
                amount = None  # days or meals beside another unit: no common measure
            elif line.measure != HOURS:
                _to_hours(line)  # nights and hours of one service: compared in hours
        if amount is None:
            not_comparable.append(_not_comparable(d))
            continue
        if line is None:
            line = lines[key] = Line(
                d.person_id, d.service_code, d.unit_id, d.scope_unit,
                in_hours=per_unit is not None, hours_per_unit=per_unit,
            )  # fmt: skip
        line.unit_id = line.unit_id or d.unit_id
        if per_unit is not None:
            line.decided_hours += amount * per_unit
            line.decided += amount * per_unit if line.measure == HOURS else amount
        else:
            line.decided += amount
    return lines, not_comparable


def _to_hours(line: Line) -> None:
    """A line whose service is decided in two units that both count as hours (nights and
    hours of respite): compared in hours from here on."""
    line.measure, line.hours_per_unit = HOURS, Decimal(1)
    line.decided = line.decided_hours


def _add_deliveries(
    lines, deliveries, table, set_aside: dict[tuple[int, str], Line]
) -> dict[tuple[int, str], dict[int, Decimal]]:
    """Add each delivery to its (person, service) line, making lines without a decision;
    returns the hours per delivering unit of each line. A delivery for a decision that is
    not compared stays with it (shown as delivered hours there), not as one without a
    decision."""
    unit_hours_by_line: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    for r in deliveries:
        if r.service_code in NOT_DELIVERED:
            continue
        night_hours = unit_hours(table, r.service_code, "nights")
        key = (r.person_id, r.service_code)
        line = lines.get(key)
        if line is None and key in set_aside:
            set_aside[key].delivered_hours += Decimal(r.hours) + Decimal(r.nights) * night_hours
            continue
        if line is None:
            line = lines[key] = Line(r.person_id, r.service_code, None, HOURS, has_decision=False)
        hours = Decimal(r.hours) + Decimal(r.nights) * night_hours
        line.delivered_hours += hours
        if not line.in_hours:
            line.delivered += Decimal(r.days)  # a registered day is one day, or one meal
        else:
            line.delivered += hours / line.hours_per_unit
        by_unit = unit_hours_by_line[key]
        weight = hours if line.in_hours else Decimal(r.days)
        by_unit[r.unit_id] = by_unit.get(r.unit_id, ZERO) + weight
    return unit_hours_by_line


def _status(line: Line, tolerance: Decimal) -> str:
    if not line.has_decision:
        return Status.NO_DECISION
    decided, delivered = line.compared
    if delivered == 0:
        return Status.NO_DELIVERY if decided > 0 else Status.AS_DECIDED
    if delivered < decided * (1 - tolerance):
        return Status.UNDER
    if delivered > decided * (1 + tolerance):
        return Status.OVER
    return Status.AS_DECIDED


def totals(lines: Iterable[Line]) -> Totals:
    """Sums and person counts of the lines (a person counts once per figure). Hours are summed
    over the lines compared in hours; lines compared in their own unit are summed by unit."""
    result = Totals()
    persons, with_decision = set(), set()
    flagged: dict[str, set[int]] = defaultdict(set)
    for line in lines:
        result.by_status[line.status] = result.by_status.get(line.status, 0) + 1
        if not line.comparable:
            result.decisions_not_comparable += 1
            continue
        persons.add(line.person_id)
        flagged[line.status].add(line.person_id)
        if not line.has_decision:
            result.hours_without_decision += line.delivered_hours
            continue
        with_decision.add(line.person_id)
        if not line.in_hours:
            own = result.own_unit.setdefault(line.measure, OwnUnitTotals(line.measure))
            own.decided += line.decided
            own.delivered += line.delivered
            own.lines += 1
            continue
        result.decided_hours += line.decided_hours
        result.delivered_hours += line.delivered_hours
        difference = line.delivered_hours - line.decided_hours
        if difference < 0:
            result.under_hours -= difference
        else:
            result.over_hours += difference
    result.persons = len(persons)
    result.persons_with_decision = len(with_decision)
    result.persons_under = len(flagged[Status.UNDER])
    result.persons_over = len(flagged[Status.OVER])
    result.persons_no_delivery = len(flagged[Status.NO_DELIVERY])
    result.persons_no_decision = len(flagged[Status.NO_DECISION])
    return result


def totals_by_unit(lines: Iterable[Line]) -> dict[int | None, Totals]:
    grouped: dict[int | None, list[Line]] = defaultdict(list)
    for line in lines:
        grouped[line.unit_id].append(line)
    return {unit_id: totals(unit_lines) for unit_id, unit_lines in grouped.items()}
