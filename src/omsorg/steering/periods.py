"""Reporting periods of issue 9: a year (2024), a month (2024-03) or a tertial (2024-T2).

Tertials are the municipalities' three reporting periods: T1 January–April, T2 May–August,
T3 September–December (seed 001 "Tidsplan virksomhetsrapportering"). Pure: no Django.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

_PERIOD = re.compile(r"(\d{4})(?:-(?:(\d{2})|T([123])))?")
TERTIAL_FIRST_MONTH = {1: 1, 2: 5, 3: 9}


class BadPeriod(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    label: str
    first: datetime.date  # first day
    last: datetime.date  # last day, inclusive

    @property
    def first_month(self) -> datetime.date:
        return self.first.replace(day=1)

    @property
    def last_month(self) -> datetime.date:
        return self.last.replace(day=1)


def _month_end(year: int, month: int) -> datetime.date:
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def parse_period(text: str) -> Period:
    """`YYYY`, `YYYY-MM` or `YYYY-T1|T2|T3`; raises BadPeriod otherwise."""
    found = _PERIOD.fullmatch(text.strip())
    if not found:
        raise BadPeriod(text)
    year, month, tertial = int(found.group(1)), found.group(2), found.group(3)
    if month is not None:
        if not 1 <= int(month) <= 12:
            raise BadPeriod(text)
        first_month = last_month = int(month)
    elif tertial is not None:
        first_month = TERTIAL_FIRST_MONTH[int(tertial)]
        last_month = first_month + 3
    else:
        first_month, last_month = 1, 12
    return Period(text.strip(), datetime.date(year, first_month, 1), _month_end(year, last_month))
