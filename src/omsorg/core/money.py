"""Amounts in Norwegian kroner, written the Norwegian way in every language: 91 200,00 kr.

One helper for pages, letters and invoices, so no template writes "|floatformat:2 kr" (which
gives "91200,00 kr" without the thousands separator).
"""

from decimal import Decimal

from django.utils import numberformat

from omsorg.core.numbers import rounded

# Norwegian convention (Språkrådet): comma for decimals, a (non-breaking) space between
# thousands, and "kr" after the amount.
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u00a0"
CURRENCY = "kr"


def nok(amount: Decimal | int | float | None) -> str:
    if amount is None or amount == "":
        return ""
    number = numberformat.format(
        rounded(amount, 2),
        DECIMAL_SEPARATOR,
        decimal_pos=2,
        grouping=3,
        thousand_sep=THOUSAND_SEPARATOR,
        force_grouping=True,
    )
    return f"{number}\u00a0{CURRENCY}"
