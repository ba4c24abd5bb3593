"""Pure rules of the competence register: the HPR number's form, expiry, the social-educator
share. No Django; dates are passed in (the clock is a parameter)."""

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal

# Helsepersonellregisteret numbers are digits only, 7 to 9 of them.
HPR_PATTERN = re.compile(r"^\d{7,9}$")
# Seed 001 TT mål 1.2: at least 34 % social educators (vernepleiere), national guidance.
VERNEPLEIER_TARGET_PERCENT = Decimal(34)
# Issue 11 §1: certificates that expire within this many days are listed in the gap report.
EXPIRY_WARNING_DAYS = 90


def hpr_is_valid(value: str) -> bool:
    return bool(HPR_PATTERN.match(value))


def is_valid_on(expires_on: datetime.date | None, day: datetime.date) -> bool:
    """A certificate counts up to and including its expiry date; no date: it never expires."""
    return expires_on is None or expires_on >= day


def expires_soon(expires_on: datetime.date | None, today: datetime.date) -> bool:
    """Still valid today but expiring within EXPIRY_WARNING_DAYS."""
    if expires_on is None or expires_on < today:
        return False
    return (expires_on - today).days <= EXPIRY_WARNING_DAYS


def share_percent(part: Iterable[Decimal], whole: Iterable[Decimal]) -> Decimal | None:
    """Share of `part` in `whole` in percent (one decimal); None when the whole is zero.

    The share counts position sizes (årsverk), not heads: two 50 % social educators weigh as
    one full-time one."""
    total = sum(whole, Decimal(0))
    if not total:
        return None
    return (sum(part, Decimal(0)) * 100 / total).quantize(Decimal("0.1"))
