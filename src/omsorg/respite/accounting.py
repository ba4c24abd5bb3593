"""Owners' accounting (seed 000): bed-nights used per owner municipality against its share,
per month and year; nights sold to other municipalities and their invoice basis.

A bed-night is one bed on one night the home is open. Used nights are the nights of stays not
cancelled (planned and confirmed; past nights are delivered ones).
"""

import calendar
import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from omsorg.cases.letters.render import html_to_pdf
from omsorg.core.models import Municipality, User
from omsorg.respite import plan_io
from omsorg.respite.models import MAX_STAY_NIGHTS, RespiteHome, Stay
from omsorg.respite.selectors import child_labels

ONE_DAY = datetime.timedelta(days=1)
CENT = Decimal("0.01")


@dataclass
class Line:
    """One municipality's nights in a period: an owner (with a share) or a buyer."""

    municipality: Municipality
    used: int
    share_percent: Decimal | None = None
    share_nights: Decimal | None = None

    @property
    def difference(self) -> Decimal | None:
        """Nights used beyond (+) or below (-) the owner's share."""
        return None if self.share_nights is None else self.used - self.share_nights


@dataclass
class Account:
    """A month (or the whole year): bed-nights available, per owner, sold."""

    first: datetime.date
    last: datetime.date
    available: int
    owners: list[Line] = field(default_factory=list)
    buyers: list[Line] = field(default_factory=list)
    price: Decimal | None = None

    @property
    def used(self) -> int:
        return sum(line.used for line in self.owners + self.buyers)

    @property
    def sold_nights(self) -> int:
        return sum(line.used for line in self.buyers)

    @property
    def sold_amount(self) -> Decimal | None:
        return None if self.price is None else (self.price * self.sold_nights).quantize(CENT)


def _year_stays(home: RespiteHome, first: datetime.date, last: datetime.date) -> list[Stay]:
    stays = home.stays.exclude(status=Stay.Status.CANCELLED).filter(
        first_night__lte=last, first_night__gte=first - datetime.timedelta(days=MAX_STAY_NIGHTS)
    )
    return [s for s in stays.select_related("placement") if s.last_night >= first]


def _nights_in(stay: Stay, first: datetime.date, last: datetime.date) -> int:
    start, end = max(first, stay.first_night), min(last, stay.last_night)
    return max(0, (end - start).days + 1)


def _account(home, first, last, stays, owners, municipalities) -> Account:
    open_nights = (last - first).days + 1 - len(plan_io.closed_nights(home, first, last))
    used: dict[int, int] = defaultdict(int)
    for stay in stays:
        used[stay.placement.municipality_id] += _nights_in(stay, first, last)
    account = Account(first, last, home.beds * open_nights, price=home.price_per_night)
    for owner in owners:
        share = (owner.share_percent * account.available / 100).quantize(Decimal("0.1"))
        account.owners.append(
            Line(owner.municipality, used.pop(owner.municipality_id, 0), owner.share_percent, share)
        )
    account.buyers = [
        Line(municipalities[pk], nights) for pk, nights in sorted(used.items()) if nights
    ]
    return account


def owner_accounting(home: RespiteHome, year: int) -> tuple[list[Account], Account]:
    """Twelve monthly accounts and the year's."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    stays = _year_stays(home, first, last)
    owners = list(home.owners.select_related("municipality"))
    ids = {s.placement.municipality_id for s in stays}
    municipalities = Municipality.objects.in_bulk(ids)
    months = []
    for month in range(1, 13):
        end = datetime.date(year, month, calendar.monthrange(year, month)[1])
        months.append(
            _account(home, datetime.date(year, month, 1), end, stays, owners, municipalities)
        )
    return months, _account(home, first, last, stays, owners, municipalities)


@dataclass
class Invoice:
    home: RespiteHome
    buyer: Municipality
    first: datetime.date
    last: datetime.date
    price: Decimal
    lines: list[dict]

    @property
    def nights(self) -> int:
        return sum(line["nights"] for line in self.lines)

    @property
    def amount(self) -> Decimal:
        return (self.price * self.nights).quantize(CENT, ROUND_HALF_UP)


def invoice_basis(
    *, actor: User, home: RespiteHome, buyer: Municipality, year: int, month: int, today
) -> Invoice:
    """The nights a buyer used in a month, stay by stay, at the home's price per night."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    stays = [s for s in _year_stays(home, first, last) if s.placement.municipality_id == buyer.pk]
    labels = child_labels(
        actor=actor,
        home=home,
        placement_ids={s.placement_id for s in stays},
        today=today,
        what="invoice basis",
    )
    price = home.price_per_night or Decimal(0)
    lines = []
    for stay in stays:
        nights = _nights_in(stay, first, last)
        lines.append(
            {
                "child": labels[stay.placement_id],
                "first_night": max(first, stay.first_night),
                "last_night": min(last, stay.last_night),
                "nights": nights,
                "amount": (price * nights).quantize(CENT),
            }
        )
    return Invoice(home, buyer, first, last, price, lines)


def invoice_csv(invoice: Invoice) -> str:
    """Semicolon-separated, decimal comma: what Norwegian spreadsheets open as columns."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            _("child"),
            _("first night"),
            _("last night"),
            _("nights"),
            _("price per night"),
            _("amount"),
        ]
    )
    for line in invoice.lines:
        writer.writerow(
            [
                line["child"],
                line["first_night"].isoformat(),
                line["last_night"].isoformat(),
                line["nights"],
                _comma(invoice.price),
                _comma(line["amount"]),
            ]
        )
    writer.writerow([_("total"), "", "", invoice.nights, "", _comma(invoice.amount)])
    return out.getvalue()


def _comma(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def invoice_pdf(invoice: Invoice, *, issued_on: datetime.date) -> bytes:
    html = render_to_string("respite/invoice.html", {"invoice": invoice, "issued_on": issued_on})
    return html_to_pdf(html)
