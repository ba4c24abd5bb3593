"""Figures with a fixed number of decimals, rounded half up as people round.

Django's number formatting cuts the digits beyond the places it shows: 13,29 with one decimal
becomes "13,2", a share of 0,666 shown as a whole percent "66", an amount of 1 234,567 kr
"1 234,56 kr". Every figure shown with a set number of places goes through `rounded` first.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats


def rounded(value, places: int) -> Decimal:
    """`value` (Decimal, int, float or their text) rounded half up to `places` decimals."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value, places: int, **options) -> str:
    """The value in the active language's format with exactly `places` decimals, rounded;
    `options` as django.utils.formats.number_format's (use_l10n, force_grouping)."""
    return formats.number_format(rounded(value, places), places, **options)
