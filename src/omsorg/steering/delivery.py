"""Decided vs delivered (issue 9 §2): what the decisions in force grant in a period, against
what registrations and respite stays show was delivered, per person, service and unit.

Rules (Django-free, so tested against hand-computed fixtures):

- A decision's scope gives a rate: hours per week, month or year, or nights per week, month or
  year (respite). Its decided amount in a period is the rate over the days the decision is
  valid in the period, counted up to `as_of` (a period still running is compared with what
  could have been delivered so far): hours a week × days / 7; a month's amount × the share of
  the month's days; a year's × days / days of the year. Scopes in other units (visits, meals,
  days, weekends) or per stay are not hours: such decisions are counted as not comparable.
- Nights are turned into hours with the service's hours per night (configurable per service;
  a respite night from afternoon to morning is 18 staffed hours unless set otherwise), and a
  delivered night is a night of a respite stay that is not cancelled.
- Decisions and deliveries meet on (person, service code). All deliveries in the period of a
  person and service count towards that person's decisions for the service. The line's unit
  is the decision's providing unit, else the unit that delivered the most hours.
- Fulfilment % = delivered ÷ decided × 100 over the lines with a decision; under-delivery is
  Σ max(0, decided − delivered) per line and over-delivery Σ max(0, delivered − decided);
  a line is "under" or "over" when it is off by more than the tolerance (10 % by default).
- "No delivery": a decision with decided hours and nothing delivered. "No decision": hours
  delivered to a person for a service with no decision in force in the period.
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
DEFAULT_HOURS_PER_NIGHT = Decimal(18)  # 16:00 arrival to 10:00 departure (respite home default)
DEFAULT_TOLERANCE = Decimal("0.10")
NOT_DELIVERED = frozenset({"care_allowance"})  # omsorgsstønad is paid to the carer
_TWO = Decimal("0.01")


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
    """Hours (registrations) and nights (respite stays) delivered to a person for a service
    by a unit within the period (summed by the selector)."""

    person_id: int
    service_code: str
    unit_id: int
    hours: Decimal = ZERO
    nights: int = 0


@dataclass
class Line:
    person_id: int
    service_code: str
    unit_id: int | None
    measure: str  # "hours" or "nights": what the decision counts
    decided: Decimal = ZERO  # in the measure
    delivered: Decimal = ZERO  # in the measure
    decided_hours: Decimal = ZERO
    delivered_hours: Decimal = ZERO
    has_decision: bool = True
    comparable: bool = True
    status: str = Status.AS_DECIDED

    @property
    def fulfilment_pct(self) -> Decimal | None:
        return pct(self.delivered_hours, self.decided_hours)

    @property
    def difference_hours(self) -> Decimal:
        """Delivered − decided (negative: under-delivered)."""
        return self.delivered_hours - self.decided_hours


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

    @property
    def fulfilment_pct(self) -> Decimal | None:
        return pct(self.delivered_hours, self.decided_hours)

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


def compare(
    decisions: Iterable[DecidedService],
    deliveries: Iterable[Delivered],
    first: datetime.date,
    last: datetime.date,
    *,
    hours_per_night: Mapping[str, Decimal] | None = None,
    tolerance: Decimal = DEFAULT_TOLERANCE,
) -> list[Line]:
    """One line per (person, service): decided against delivered over first..last (the
    caller cuts `last` at the day of the comparison)."""
    per_night = hours_per_night or {}
    lines, not_comparable = _decided_lines(decisions, first, last, per_night)
    unit_hours = _add_deliveries(lines, deliveries, per_night)
    for key, line in lines.items():
        if line.unit_id is None and unit_hours.get(key):
            line.unit_id = max(unit_hours[key].items(), key=lambda item: (item[1], -item[0]))[0]
        line.status = _status(line, tolerance)
    return sorted([*lines.values(), *not_comparable], key=lambda x: (x.person_id, x.service_code))


def _night_hours(per_night: Mapping[str, Decimal], code: str) -> Decimal:
    return Decimal(per_night.get(code, DEFAULT_HOURS_PER_NIGHT))


def _decided_lines(decisions, first, last, per_night):
    lines: dict[tuple[int, str], Line] = {}
    not_comparable: list[Line] = []
    for d in decisions:
        if d.service_code in NOT_DELIVERED:
            continue
        amount = None
        if d.scope_unit in ("hours", "nights"):
            amount = decided_amount(
                d.quantity, d.scope_period, d.valid_from, d.valid_to, first, last
            )
        if amount is None:
            not_comparable.append(
                Line(d.person_id, d.service_code, d.unit_id, d.scope_unit, comparable=False,
                     status=Status.NOT_COMPARABLE)
            )  # fmt: skip
            continue
        key = (d.person_id, d.service_code)
        line = lines.get(key)
        if line is None:
            line = lines[key] = Line(d.person_id, d.service_code, d.unit_id, d.scope_unit)
        line.unit_id = line.unit_id or d.unit_id
        line.decided += amount
        if d.scope_unit == "nights":
            line.decided_hours += amount * _night_hours(per_night, d.service_code)
        else:
            line.decided_hours += amount
    return lines, not_comparable


def _add_deliveries(lines, deliveries, per_night) -> dict[tuple[int, str], dict[int, Decimal]]:
    """Add each delivery to its (person, service) line, making lines without a decision;
    returns the hours per delivering unit of each line."""
    unit_hours: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    for r in deliveries:
        if r.service_code in NOT_DELIVERED:
            continue
        night_hours = _night_hours(per_night, r.service_code)
        key = (r.person_id, r.service_code)
        line = lines.get(key)
        if line is None:
            measure = "nights" if r.nights and not r.hours else "hours"
            line = lines[key] = Line(r.person_id, r.service_code, None, measure, has_decision=False)
        hours = Decimal(r.hours) + Decimal(r.nights) * night_hours
        line.delivered_hours += hours
        if line.measure == "nights":
            line.delivered += Decimal(r.nights) + Decimal(r.hours) / night_hours
        else:
            line.delivered += hours
        by_unit = unit_hours[key]
        by_unit[r.unit_id] = by_unit.get(r.unit_id, ZERO) + hours
    return unit_hours


def _status(line: Line, tolerance: Decimal) -> str:
    if not line.has_decision:
        return Status.NO_DECISION
    if line.delivered_hours == 0:
        return Status.NO_DELIVERY if line.decided_hours > 0 else Status.AS_DECIDED
    if line.delivered_hours < line.decided_hours * (1 - tolerance):
        return Status.UNDER
    if line.delivered_hours > line.decided_hours * (1 + tolerance):
        return Status.OVER
    return Status.AS_DECIDED


def totals(lines: Iterable[Line]) -> Totals:
    """Sums and person counts of the lines (a person counts once per figure)."""
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
