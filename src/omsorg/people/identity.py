"""Norwegian identity numbers: fødselsnummer (birth number) and D-number, real and synthetic.

Structure (Skatteetaten; forskrift om folkeregistrering): ddmmyy + three-digit individual number
+ two check digits (stdnum.no.fodselsnummer computes them). The individual number gives the
century (500-749: 1854-1899, 000-499: 1900-1999, 900-999: 1940-1999, 500-999: 2000-2039) and,
for numbers issued before 2032, the gender in its last digit (even = female).

Variants and what we do with them:

* D-number (D-nummer): day + 40. Accepted. Its date may be the registration date, not the birth
  date (UDI), so `birth_date` is "the date encoded"; the register holds the true one.
* Synthetic, Skatteetaten's Tenor / Test-Norge population: month + 80, for fødselsnummer and
  D-numbers alike. The only synthetic convention we accept and the only one we generate: no
  real person's number has a month field above 12 + 40, so it can never be a real person's.
* Month + 40: both NAV's Dolly synthetic numbers and the health sector's H-numbers (hjelpenummer,
  given to real patients whose number is unknown). The two cannot be told apart, so such a number
  is refused everywhere ("unsupported_kind"): as a test number it might be a real patient's, and
  as a real identity it is a local stop-gap, not a national one. FH-numbers (first digit 8-9)
  carry no birth date and are refused the same way.
* From 1 January 2032 (Skatteetaten, "nye fødselsnummer og d-nummer fra 2032") new numbers carry
  no gender and the check calculation accepts remainders 0-3, not only 0. Numbers issued before
  then keep the present rule, which is what this module checks; adapt before 2032 and take
  gender and birth date from the population register (Folkeregisteret), not from the number.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer

__all__ = [
    "Gender",
    "IdentityKind",
    "IdentityNumber",
    "InvalidIdentityNumber",
    "make_synthetic_number",
    "parse_identity_number",
]

Gender = Literal["female", "male"]

D_NUMBER_DAY_OFFSET = 40  # D-nummer: 4 added to the first digit of the day
SYNTHETIC_MONTH_OFFSET = 80  # Skatteetaten Tenor / Test-Norge: 8 added to the month's first digit
H_NUMBER_MONTH_OFFSET = 40  # H-nummer and NAV Dolly synthetic: refused, see module docstring
FH_NUMBER_MIN_DAY_FIELD = 80  # FH-nummer start with 8 or 9

# (first year, last year, lowest individual number, highest individual number) that the
# generator uses; parsing relies on stdnum's full century table.
_INDIVIDUAL_SERIES = (
    (1854, 1899, 500, 749),
    (1900, 1999, 0, 499),
    (2000, 2039, 500, 999),
)

_ELEVEN_DIGITS = re.compile(r"[0-9]{11}")

_MESSAGES: dict[str, tuple[str, str]] = {  # (bokmål, English)
    "format": (
        "Identitetsnummeret må ha 11 siffer.",
        "The identity number must have 11 digits.",
    ),
    "checksum": (
        "Kontrollsifrene stemmer ikke. Sjekk at nummeret er skrevet riktig.",
        "The check digits do not match. Check that the number is typed correctly.",
    ),
    "birth_date": (
        "Nummeret inneholder ikke en gyldig fødselsdato.",
        "The number does not contain a valid birth date.",
    ),
    "unsupported_kind": (
        "Bare fødselsnummer og D-nummer kan brukes, ikke H-, FH- eller NAVs testnummer.",
        "Only birth numbers and D-numbers are accepted, not H-, FH- or NAV test numbers.",
    ),
    "synthetic_not_allowed": (
        "Syntetiske testnummer kan ikke brukes her.",
        "Synthetic test numbers are not accepted here.",
    ),
    "real_not_allowed": (
        "Her kan bare syntetiske testnummer brukes, aldri ekte fødselsnummer eller D-nummer.",
        "Only synthetic test numbers are accepted here, never real identity numbers.",
    ),
}


# Nynorsk, for municipalities that write it (the pages follow the user's language).
_MESSAGES_NN: dict[str, str] = {
    "format": "Identitetsnummeret må ha 11 siffer.",
    "checksum": "Kontrollsifra stemmer ikkje. Sjekk at nummeret er skrive rett.",
    "birth_date": "Nummeret inneheld ikkje ein gyldig fødselsdato.",
    "unsupported_kind": (
        "Berre fødselsnummer og D-nummer kan brukast, ikkje H-, FH- eller testnummera til NAV."
    ),
    "synthetic_not_allowed": "Syntetiske testnummer kan ikkje brukast her.",
    "real_not_allowed": (
        "Her kan berre syntetiske testnummer brukast, aldri ekte fødselsnummer eller D-nummer."
    ),
}


class IdentityKind(StrEnum):
    FODSELSNUMMER = "fodselsnummer"  # birth number, for persons registered as residents
    D_NUMBER = "d_number"  # D-nummer, for persons without a birth number


class InvalidIdentityNumber(ValueError):
    """A refused identity number, with a stable code and messages in Norwegian and English."""

    def __init__(
        self, code: str, message_nb: str, message_en: str, message_nn: str | None = None
    ) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_nb = message_nb
        self.message_en = message_en
        self.message_nn = message_nn or message_nb

    @classmethod
    def from_code(cls, code: str) -> InvalidIdentityNumber:
        message_nb, message_en = _MESSAGES[code]
        return cls(code, message_nb, message_en, _MESSAGES_NN[code])


@dataclass(frozen=True)
class IdentityNumber:
    """A checked identity number and what it encodes (see module docstring for the caveats)."""

    value: str
    kind: IdentityKind
    synthetic: bool
    birth_date: date
    gender: Gender


def _with_check_digits(first_nine: str) -> str | None:
    """The 11-digit number for these nine digits, or None when a check digit would be 10."""
    k1 = fodselsnummer.calc_check_digit1(first_nine)
    k2 = fodselsnummer.calc_check_digit2(first_nine + k1)
    if len(k1) > 1 or len(k2) > 1:
        return None
    return first_nine + k1 + k2


def _decode(number: str) -> tuple[IdentityKind, bool, date]:
    """Kind, synthetic flag and encoded birth date of a number whose check digits are valid."""
    day, month = int(number[0:2]), int(number[2:4])
    if day >= FH_NUMBER_MIN_DAY_FIELD:
        raise InvalidIdentityNumber.from_code("unsupported_kind")
    kind = IdentityKind.D_NUMBER if day > D_NUMBER_DAY_OFFSET else IdentityKind.FODSELSNUMMER
    day -= D_NUMBER_DAY_OFFSET if kind is IdentityKind.D_NUMBER else 0
    if H_NUMBER_MONTH_OFFSET < month <= H_NUMBER_MONTH_OFFSET + 12:
        raise InvalidIdentityNumber.from_code("unsupported_kind")
    synthetic = month > SYNTHETIC_MONTH_OFFSET
    month -= SYNTHETIC_MONTH_OFFSET if synthetic else 0
    # stdnum holds the century table; give it the plain ddmmyy + individual number.
    plain = f"{day:02d}{month:02d}{number[4:9]}00"
    try:
        birth_date = fodselsnummer.get_birth_date(plain)
    except ValidationError:
        raise InvalidIdentityNumber.from_code("birth_date") from None
    return kind, synthetic, birth_date


def parse_identity_number(
    value: str, *, allow_synthetic: bool, allow_real: bool, today: date | None = None
) -> IdentityNumber:
    """Check and decode a fødselsnummer or D-number; spaces, '-' and ':' are ignored.

    Production calls with allow_real=True, allow_synthetic=False; demo and tests the other way
    round, so a real person's number can never enter demo data. With `today`, a birth date after
    it is refused. Raises InvalidIdentityNumber with code format, checksum, birth_date,
    unsupported_kind, synthetic_not_allowed or real_not_allowed.
    """
    if not (allow_synthetic or allow_real):
        raise ValueError("allow at least one of synthetic and real numbers")
    number = fodselsnummer.compact("".join(value.split()))
    if not _ELEVEN_DIGITS.fullmatch(number):
        raise InvalidIdentityNumber.from_code("format")
    if _with_check_digits(number[:9]) != number:
        raise InvalidIdentityNumber.from_code("checksum")
    kind, synthetic, birth_date = _decode(number)
    if today is not None and birth_date > today:
        raise InvalidIdentityNumber.from_code("birth_date")
    if synthetic and not allow_synthetic:
        raise InvalidIdentityNumber.from_code("synthetic_not_allowed")
    if not synthetic and not allow_real:
        raise InvalidIdentityNumber.from_code("real_not_allowed")
    gender: Gender = "male" if fodselsnummer.get_gender(number) == "M" else "female"
    return IdentityNumber(number, kind, synthetic, birth_date, gender)


def _individual_range(year: int) -> tuple[int, int]:
    for first, last, low, high in _INDIVIDUAL_SERIES:
        if first <= year <= last:
            return low, high
    raise ValueError("identity numbers exist only for birth years 1854-2039")


def make_synthetic_number(
    birth_date: date,
    *,
    kind: IdentityKind = IdentityKind.FODSELSNUMMER,
    gender: Gender | None = None,
    rng: random.Random,
) -> str:
    """A valid synthetic (Tenor convention, month + 80) number for demo data and tests.

    Deterministic for a given `rng` state. Never a real person's number: the month field is
    81-92, which no birth number, D-number or H-number uses.
    """
    low, high = _individual_range(birth_date.year)
    if gender is None:
        gender = rng.choice(("female", "male"))
    elif gender not in ("female", "male"):
        raise ValueError("gender must be 'female' or 'male'")
    parity = 1 if gender == "male" else 0
    day = birth_date.day + (D_NUMBER_DAY_OFFSET if kind is IdentityKind.D_NUMBER else 0)
    prefix = f"{day:02d}{birth_date.month + SYNTHETIC_MONTH_OFFSET:02d}{birth_date.year % 100:02d}"
    candidates = [n for n in range(low, high + 1) if n % 2 == parity]
    rng.shuffle(candidates)
    for individual in candidates:
        number = _with_check_digits(f"{prefix}{individual:03d}")
        if number is not None:
            return number
    raise AssertionError("unreachable: some individual number always has valid check digits")
