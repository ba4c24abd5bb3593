"""Owners' accounting (seed 000): bed-nights used per owner municipality against its share,
per month and year; nights sold to other municipalities and their invoice basis.

A bed-night is one bed on one night the home is open. Completed nights are those of stays whose
nights have all passed and that were not cancelled (rules.is_completed): they are what is
delivered and invoiced. Nights of stays still to come (planned or confirmed) are a forecast,
shown apart and never invoiced. A municipality's own home sells nothing to itself: the
municipality that runs the home (none for an intermunicipal company's home) is its own user,
neither owner nor buyer.

Day stays (dagopphold, seed 004 §1.4) use no bed: they are counted per municipality in days of
their own, never added to the nights, the bed-nights or an invoice (the price is per night).
"""

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from omsorg.cases.letters.render import html_to_pdf
from omsorg.core.csv_safe import csv_text
from omsorg.core.models import Municipality, User
from omsorg.respite.models import MAX_STAY_NIGHTS, DayStay, RespiteHome, Stay
from omsorg.respite.rules import is_completed, is_day_completed, open_bed_nights
from omsorg.respite.selectors import child_labels

ONE_DAY = datetime.timedelta(days=1)
CENT = Decimal("0.01")


@dataclass
class Line:
    """One municipality's nights in a period: an owner (with a share), the home's own
    municipality, or a buyer. ``completed`` nights are delivered; ``planned`` are a forecast."""

    municipality: Municipality
    completed: int
    planned: int = 0
    share_percent: Decimal | None = None
    share_nights: Decimal | None = None
    note: str = ""  # where the share comes from (the demo's are assumptions)
    days_completed: int = 0  # day stays delivered: days, not nights
    days_planned: int = 0

    @property
    def used(self) -> int:
        return self.completed + self.planned

    @property
    def difference(self) -> Decimal | None:
        """Nights used or planned beyond (+) or below (-) the owner's share."""
        return None if self.share_nights is None else self.used - self.share_nights


@dataclass
class Account:
    """A month (or the whole year): bed-nights available, per owner, own use, sold."""

    first: datetime.date
    last: datetime.date
    available: int
    owners: list[Line] = field(default_factory=list)
    own: Line | None = None  # the municipality that runs the home, using its own beds
    buyers: list[Line] = field(default_factory=list)
    price: Decimal | None = None

    @property
    def lines(self) -> list[Line]:
        return self.owners + ([self.own] if self.own else []) + self.buyers

    @property
    def completed(self) -> int:
        return sum(line.completed for line in self.lines)

    @property
    def planned(self) -> int:
        return sum(line.planned for line in self.lines)

    @property
    def used(self) -> int:
        return self.completed + self.planned

    @property
    def days_completed(self) -> int:
        return sum(line.days_completed for line in self.lines)

    @property
    def days_planned(self) -> int:
        return sum(line.days_planned for line in self.lines)

    @property
    def has_days(self) -> bool:
        return bool(self.days_completed or self.days_planned)

    @property
    def sold_nights(self) -> int:
        """Completed nights sold: what the invoices of the period add up to."""
        return sum(line.completed for line in self.buyers)

    @property
    def sold_forecast(self) -> int:
        return sum(line.planned for line in self.buyers)

    @property
    def sold_amount(self) -> Decimal | None:
        return None if self.price is None else (self.price * self.sold_nights).quantize(CENT)


def home_municipality_id(home: RespiteHome) -> int | None:
    """The municipality that runs the home itself; None for an intermunicipal company's home."""
    return home.unit.municipality_id


def _year_stays(home: RespiteHome, first: datetime.date, last: datetime.date) -> list[Stay]:
    stays = home.stays.exclude(status=Stay.Status.CANCELLED).filter(
        first_night__lte=last, first_night__gte=first - datetime.timedelta(days=MAX_STAY_NIGHTS)
    )
    return [s for s in stays.select_related("placement") if s.last_night >= first]


def _year_day_stays(home: RespiteHome, first: datetime.date, last: datetime.date) -> list:
    days = home.day_stays.exclude(status=Stay.Status.CANCELLED).filter(
        date__gte=first, date__lte=last
    )
    return list(days.select_related("placement"))


def _counted_days(days: list[DayStay], first, last, today) -> tuple[dict, dict]:
    """Per municipality id: completed and planned day stays in [first, last]."""
    completed: dict[int, int] = defaultdict(int)
    planned: dict[int, int] = defaultdict(int)
    for day in days:
        if first <= day.date <= last:
            target = completed if is_day_completed(day, today) else planned
            target[day.placement.municipality_id] += 1
    return completed, planned


def _nights_in(stay: Stay, first: datetime.date, last: datetime.date) -> int:
    start, end = max(first, stay.first_night), min(last, stay.last_night)
    return max(0, (end - start).days + 1)


def _counted(stays, first, last, today) -> tuple[dict, dict]:
    """Per municipality id: completed nights, and planned nights (the forecast)."""
    completed: dict[int, int] = defaultdict(int)
    planned: dict[int, int] = defaultdict(int)
    for stay in stays:
        target = completed if is_completed(stay, today) else planned
        target[stay.placement.municipality_id] += _nights_in(stay, first, last)
    return completed, planned


def _account(home, first, last, stays, owners, municipalities, today, days=()) -> Account:
    completed, planned = _counted(stays, first, last, today)
    days_done, days_coming = _counted_days(list(days), first, last, today)
    account = Account(first, last, open_bed_nights(home, first, last), price=home.price_per_night)
    everyone = set(completed) | set(planned) | set(days_done) | set(days_coming)

    def line(municipality, **extra) -> Line:
        pk = municipality.pk
        everyone.discard(pk)
        return Line(
            municipality,
            completed.get(pk, 0),
            planned.get(pk, 0),
            days_completed=days_done.get(pk, 0),
            days_planned=days_coming.get(pk, 0),
            **extra,
        )

    for owner in owners:
        share = (owner.share_percent * account.available / 100).quantize(Decimal("0.1"))
        account.owners.append(
            line(
                owner.municipality,
                share_percent=owner.share_percent,
                share_nights=share,
                note=owner.note,
            )
        )
    own = home_municipality_id(home)
    if own is not None and own in everyone:
        account.own = line(municipalities[own])
    for pk in sorted(everyone):
        bought = line(municipalities[pk])
        if bought.used or bought.days_completed or bought.days_planned:
            account.buyers.append(bought)
    return account


def owner_accounting(
    home: RespiteHome, year: int, *, today: datetime.date
) -> tuple[list[Account], Account]:
    """Twelve monthly accounts and the year's."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    stays = _year_stays(home, first, last)
    days = _year_day_stays(home, first, last)
    owners = list(home.owners.select_related("municipality"))
    ids = {s.placement.municipality_id for s in stays} | {d.placement.municipality_id for d in days}
    municipalities = Municipality.objects.in_bulk(ids)
    months = []
    for month in range(1, 13):
        end = datetime.date(year, month, calendar.monthrange(year, month)[1])
        start = datetime.date(year, month, 1)
        months.append(_account(home, start, end, stays, owners, municipalities, today, days))
    return months, _account(home, first, last, stays, owners, municipalities, today, days)


def may_invoice(home: RespiteHome, municipality: Municipality) -> bool:
    """Invoices go to buyers only: never to an owner, nor to the home's own municipality."""
    if municipality.pk == home_municipality_id(home):
        return False
    return not home.owners.filter(municipality=municipality).exists()


@dataclass
class Invoice:
    home: RespiteHome
    buyer: Municipality
    first: datetime.date
    last: datetime.date
    price: Decimal
    lines: list[dict]  # completed stays: invoiced
    forecast: list[dict] = field(default_factory=list)  # stays still to come: not invoiced

    @property
    def nights(self) -> int:
        return sum(line["nights"] for line in self.lines)

    @property
    def forecast_nights(self) -> int:
        return sum(line["nights"] for line in self.forecast)

    @property
    def amount(self) -> Decimal:
        return (self.price * self.nights).quantize(CENT, ROUND_HALF_UP)

    @property
    def reference(self) -> str:
        """The invoice basis' reference: home, buyer's municipality number, month."""
        return f"AVL-{self.home.pk}-{self.buyer.number}-{self.first:%Y%m}"


def _line(stay: Stay, label: str, first, last, price: Decimal) -> dict:
    nights = _nights_in(stay, first, last)
    return {
        "child": label,
        "first_night": max(first, stay.first_night),
        "last_night": min(last, stay.last_night),
        "nights": nights,
        "amount": (price * nights).quantize(CENT),
    }


def invoice_basis(
    *, actor: User, home: RespiteHome, buyer: Municipality, year: int, month: int, today
) -> Invoice:
    """The nights a buyer used in a month, stay by stay, at the home's price per night: the
    completed stays are invoiced; stays still to come are listed apart as a forecast."""
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
    invoice = Invoice(home, buyer, first, last, price, [])
    for stay in stays:
        line = _line(stay, labels[stay.placement_id], first, last, price)
        (invoice.lines if is_completed(stay, today) else invoice.forecast).append(line)
    return invoice


def invoice_csv(invoice: Invoice) -> str:
    """Semicolon-separated, decimal comma: what Norwegian spreadsheets open as columns. The
    children's names are free text: core.csv_safe keeps a name from running as a formula."""
    header = [
        _("child"),
        _("first night"),
        _("last night"),
        _("nights"),
        _("price per night"),
        _("amount"),
    ]
    lines = [
        [
            line["child"],
            line["first_night"].strftime("%d.%m.%Y"),
            line["last_night"].strftime("%d.%m.%Y"),
            line["nights"],
            _comma(invoice.price),
            _comma(line["amount"]),
        ]
        for line in invoice.lines
    ]
    total = [_("total"), "", "", invoice.nights, "", _comma(invoice.amount)]
    return csv_text([header, *lines, total])


def _comma(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def invoice_sender(home: RespiteHome) -> str:
    """Who sends the invoice basis: the intermunicipal company, or the municipality, that runs
    the home."""
    if home.unit.company_id is not None:
        return home.unit.company.name
    return _("%(name)s municipality") % {"name": home.unit.municipality.name}


def invoice_pdf(invoice: Invoice, *, issued_on: datetime.date) -> bytes:
    """The invoice basis as PDF: sender, recipient, reference, the total once, page numbers."""
    context = {
        "invoice": invoice,
        "issued_on": issued_on,
        "sender": invoice_sender(invoice.home),
        "reference_label": _("Reference"),
        "page_label": _("Page"),
        "of_label": _("of"),
    }
    return html_to_pdf(render_to_string("respite/invoice.html", context))
