"""Omsorgsstønad (care allowance): hours and monthly amount, as seed 004 §1.8 weighs them.

Pure rules: no Django and no clock; the caller gives the facts, the subject's age and the
municipality's hourly rate in force (dated data: a new year's rate is a new row, not code).

Seed 004 §1.8 names what is weighed, not how much: hours of care per month; whether the care
is physically or mentally straining; night work or broken sleep; social isolation and lack of
leisure. Normal parental care is deducted for children under 18. Granted hjelpestønad (NAV,
folketrygdloven § 6-4) "trekkes fra utregnet timeantall", and omsorgsstønad and hjelpestønad
together "vil aldri utgjøre mer enn maksimalt 100 % knyttet til en bruker". The numbers below
that the seed leaves open (base share, weights, the normal-care table, the 100 % as a full-time
month) are this project's reading, written down in
docs/decisions/care-allowance-deciding-unit-urgent-track.md.

The steps, each kept in the result so the letter can show them (fvl § 25):
1. net hours = care hours - normal parental care for the child's age (0 from 18);
2. compensated hours = net hours x share, where the share is a base plus a weight for each of
   strain, night work and isolation (none / some / heavy), at most 100 %;
3. hours = compensated hours - hjelpestønad converted to hours at the hourly rate;
4. cap: hjelpestønad + omsorgsstønad to every carer of this person <= 100 % = a full-time
   month (37.5 h a week) at the hourly rate;
5. whole hours (half up), amount = hours x hourly rate, in NOK per month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum

__all__ = [
    "FULL_TIME_HOURS_PER_MONTH",
    "NORMAL_CARE_HOURS",
    "CareAllowanceError",
    "CareFacts",
    "Calculation",
    "Level",
    "Rate",
    "Weighing",
    "calculate",
    "normal_care_hours",
]

# 100 % (seed 004 §1.8) read as a full-time position: 37.5 hours a week (the municipal tariff
# week) x 52 weeks / 12 months.
FULL_TIME_HOURS_PER_MONTH = Decimal("162.5")
# Normal parental care deducted for a child (seed 004 §1.8 "normalomsorgsplikten"), in hours a
# month by completed years of age: (from age, hours). The seed gives no figures; these are ours.
NORMAL_CARE_HOURS = ((0, 60), (3, 45), (6, 30), (12, 15), (18, 0))
AGE_OF_MAJORITY = 18


class CareAllowanceError(ValueError):
    """The facts cannot be calculated; `field` names the fact at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Level(StrEnum):
    """How much a factor of seed 004 §1.8 weighs in this case."""

    NONE = "none"
    SOME = "some"
    HEAVY = "heavy"


@dataclass(frozen=True)
class Weighing:
    """The share of the net hours compensated. The base is paid for any care found
    "særlig krevende over tid" (the seed's condition); each factor adds to it."""

    base_share: Decimal = Decimal("0.40")
    some: Decimal = Decimal("0.10")
    heavy: Decimal = Decimal("0.20")

    def share(self, *levels: Level) -> Decimal:
        added = {Level.NONE: Decimal(0), Level.SOME: self.some, Level.HEAVY: self.heavy}
        return min(
            Decimal(1), self.base_share + sum((added[level] for level in levels), Decimal(0))
        )


@dataclass(frozen=True)
class Rate:
    """The municipality's hourly rate from a date (seed 004 §1.8: "Satsen ... fastsettes av
    kommunen")."""

    valid_from: date
    hourly_rate: Decimal
    full_time_hours_per_month: Decimal = FULL_TIME_HOURS_PER_MONTH


@dataclass(frozen=True)
class CareFacts:
    care_hours_per_month: Decimal  # care work that would otherwise be municipal services
    strain: Level  # physically or mentally straining
    night_work: Level  # much night work or broken sleep
    isolation: Level  # social isolation and lack of leisure
    subject_age: int  # completed years of the person cared for, on the valid-from date
    assistance_allowance_per_month: Decimal = Decimal(0)  # granted hjelpestønad, NOK
    other_allowance_hours: Decimal = Decimal(0)  # omsorgsstønad to other carers of this person


@dataclass(frozen=True)
class Calculation:
    care_hours: Decimal
    normal_care_hours: Decimal
    net_hours: Decimal
    share: Decimal
    compensated_hours: Decimal
    assistance_hours: Decimal
    other_allowance_hours: Decimal
    room_hours: Decimal  # what the 100 % cap leaves for this carer
    capped: bool
    hours: int
    hourly_rate: Decimal
    monthly_amount: Decimal
    rate_valid_from: date


def normal_care_hours(age: int) -> Decimal:
    """Hours a month of care any parent gives a child of this age (0 for adults)."""
    hours = 0
    for from_age, table_hours in NORMAL_CARE_HOURS:
        if age >= from_age:
            hours = table_hours
    return Decimal(hours)


def _check(facts: CareFacts, rate: Rate) -> None:
    numbers = {
        "care_hours_per_month": facts.care_hours_per_month,
        "assistance_allowance_per_month": facts.assistance_allowance_per_month,
        "other_allowance_hours": facts.other_allowance_hours,
    }
    for name, value in numbers.items():
        if Decimal(value) < 0:
            raise CareAllowanceError(name, "cannot be negative")
    if Decimal(facts.care_hours_per_month) > 24 * 31:
        raise CareAllowanceError("care_hours_per_month", "more hours than a month has")
    if facts.subject_age < 0:
        raise CareAllowanceError("subject_age", "cannot be negative")
    if Decimal(rate.hourly_rate) <= 0:
        raise CareAllowanceError("hourly_rate", "must be above zero")


def _hours(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def calculate(facts: CareFacts, rate: Rate, weighing: Weighing | None = None) -> Calculation:
    """The allowance in hours and NOK per month; every step kept (seed 004 §1.8)."""
    _check(facts, rate)
    weighing = weighing or Weighing()
    care = Decimal(facts.care_hours_per_month)
    normal = normal_care_hours(facts.subject_age) if facts.subject_age < AGE_OF_MAJORITY else 0
    net = max(Decimal(0), care - normal)
    share = weighing.share(facts.strain, facts.night_work, facts.isolation)
    compensated = _hours(net * share)
    hourly = Decimal(rate.hourly_rate)
    assistance = _hours(Decimal(facts.assistance_allowance_per_month) / hourly)
    after_assistance = max(Decimal(0), compensated - assistance)
    other = Decimal(facts.other_allowance_hours)
    room = max(Decimal(0), Decimal(rate.full_time_hours_per_month) - assistance - other)
    hours = int(after_assistance.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    capped = hours > room
    if capped:
        hours = int(room.quantize(Decimal(1), rounding=ROUND_FLOOR))
    return Calculation(
        care_hours=care,
        normal_care_hours=Decimal(normal),
        net_hours=net,
        share=share,
        compensated_hours=compensated,
        assistance_hours=assistance,
        other_allowance_hours=other,
        room_hours=_hours(room),
        capped=capped,
        hours=hours,
        hourly_rate=hourly,
        monthly_amount=(hourly * hours).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
        rate_valid_from=rate.valid_from,
    )
