"""Owners' accounting (seed 000, the intermunicipal respite home): bed-nights used per owner
municipality against its share, per month and year; spare capacity sold to another
municipality, with an invoice basis as CSV and PDF."""

import calendar
import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from omsorg.core.models import Role
from omsorg.respite.accounting import Invoice, invoice_pdf, owner_accounting
from omsorg.respite.models import Closure
from omsorg.respite.services.homes import owner_set
from omsorg.respite.services.stays import stay_create
from tests import factories
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def month(today):
    """The first day of last month: its stays are completed (all their nights have passed)."""
    return (today.replace(day=1) - DAY).replace(day=1)


@pytest.fixture
def iks(home, users, child, leader, month, today):
    """Two owners (60 % and 40 %), a buyer, completed stays in `month`, three closed nights,
    and one stay still to come for the buyer (a forecast)."""
    admin = users[Role.ADMINISTRATOR]
    askim, eidsberg = (
        factories.other_municipality("3118", "Indre Østfold"),
        factories.other_municipality("3122", "Marker"),
    )
    buyer = factories.other_municipality("3120", "Rakkestad")
    owner_set(actor=admin, home=home, municipality=askim, share_percent=Decimal("60"))
    owner_set(actor=admin, home=home, municipality=eidsberg, share_percent=Decimal("40"))
    home.price_per_night = Decimal("4500.00")
    home.save()
    Closure.objects.create(home=home, first_night=month + 10 * DAY, last_night=month + 12 * DAY,
                           kind="other", name="Maling")  # fmt: skip
    since = month - 40 * DAY
    from_askim = child(quantity=10, municipality=askim, valid_from=since)
    bought = child(quantity=10, municipality=buyer, valid_from=since)
    for placement, first, nights in ((from_askim, 1, 2), (bought, 4, 3), (from_askim, 20, 1)):
        night = month + first * DAY
        stay_create(actor=leader, placement=placement, first_night=night, nights=nights,
                    today=night)  # fmt: skip
    coming = today + 3 * DAY
    stay_create(actor=leader, placement=bought, first_night=coming, nights=2, today=today)
    return {"askim": askim, "eidsberg": eidsberg, "buyer": buyer, "bought": bought,
            "coming": coming}  # fmt: skip


def test_bed_nights_per_owner_against_share_per_month_and_year(home, iks, month, today):
    """Seed 000: the owners' use against their shares; spare capacity sold to others."""
    months, year = owner_accounting(home, month.year, today=today)
    account = months[month.month - 1]
    open_nights = calendar.monthrange(month.year, month.month)[1] - 3
    assert account.available == 2 * open_nights
    askim, eidsberg = account.owners
    assert (askim.municipality, askim.completed, askim.planned) == (iks["askim"], 3, 0)
    assert askim.share_nights == (Decimal(account.available) * Decimal("0.6")).quantize(
        Decimal("0.1")
    )
    assert askim.difference == 3 - askim.share_nights
    assert (eidsberg.used, eidsberg.share_percent) == (0, Decimal("40"))
    assert [(line.municipality, line.completed) for line in account.buyers] == [(iks["buyer"], 3)]
    assert account.sold_amount == Decimal("13500.00")
    assert account.own is None  # the home's own municipality used no beds


def test_planned_nights_are_a_forecast_apart_from_completed_ones(home, iks, today):
    """Only completed stays (nights passed, not cancelled) count as delivered; stays still to
    come are shown apart as a forecast and never sold."""
    months, _year = owner_accounting(home, iks["coming"].year, today=today)
    account = months[iks["coming"].month - 1]
    (buyer,) = [line for line in account.buyers if line.municipality == iks["buyer"]]
    assert buyer.planned >= 1
    assert account.sold_forecast == buyer.planned
    assert account.sold_nights == buyer.completed


def test_a_municipalitys_own_home_sells_nothing_to_itself(
    client_as, home, child, leader, municipality, month, today
):
    """A municipality's own home (Flata, Holtålen's, no owners): its own children's nights are
    its own use, not "bought"; there is no invoice basis to itself."""
    own = child(quantity=10, valid_from=month - 40 * DAY)
    stay_create(actor=leader, placement=own, first_night=month + DAY, nights=2, today=month + DAY)
    months, _year = owner_accounting(home, month.year, today=today)
    account = months[month.month - 1]
    assert account.buyers == [] and account.sold_nights == 0
    assert (account.own.municipality, account.own.completed) == (municipality, 2)
    page = client_as(leader).get(
        reverse("respite_accounting", args=[home.pk]) + f"?aar={month.year}"
    )
    body = page.content.decode()
    assert "(kjøpt)" not in body and "(bought)" not in body
    url = reverse("invoice_pdf", args=[home.pk, municipality.pk, month.year, month.month])
    assert client_as(leader).get(url).status_code == 404


def test_no_invoice_basis_to_an_owner(client_as, leader, home, iks, month):
    url = reverse("invoice_csv", args=[home.pk, iks["askim"].pk, month.year, month.month])
    assert client_as(leader).get(url).status_code == 404


def test_invoice_basis_as_csv(client, leader, home, iks, month):
    client.force_login(leader)
    url = reverse("invoice_csv", args=[home.pk, iks["buyer"].pk, month.year, month.month])
    response = client.get(url)
    assert response.status_code == 200
    rows = [line.split(";") for line in response.content.decode().strip().splitlines()]
    assert len(rows) == 3  # header, one stay, total
    assert rows[1][0] == iks["bought"].person.full_name
    assert rows[1][1] == (month + 4 * DAY).strftime("%d.%m.%Y")
    assert rows[1][3:] == ["3", "4500,00", "13500,00"]
    assert rows[2][3] == "3" and rows[2][5] == "13500,00"


def test_invoice_basis_as_pdf(client, leader, home, iks, month):
    """The PDF names sender, recipient and a reference, states the total once, numbers its
    pages, and lists the stays still to come apart, as a forecast."""
    client.force_login(leader)
    url = reverse("invoice_pdf", args=[home.pk, iks["buyer"].pk, month.year, month.month])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Rakkestad kommune" in text
    assert f"{home.unit.municipality.name} kommune" in text  # the sender
    assert f"AVL-{home.pk}-3120-{month:%Y%m}" in text
    assert iks["bought"].person.full_name in text
    assert "13\xa0500,00" in text or "13 500,00" in text
    assert text.count("Sum:") == 1
    assert "Side 1 av 1" in text


def test_invoice_pdf_states_its_total_once_over_many_pages(client, leader, home, iks, month):
    """With more lines than a page holds, the total still appears once (a repeated table
    footer made readers count it twice) and every page is numbered."""
    lines = [dict(child=f"Barn {i}", first_night=month, last_night=month, nights=1,
                  amount=Decimal("4500.00")) for i in range(80)]  # fmt: skip
    invoice = Invoice(home, iks["buyer"], month, month, Decimal("4500.00"), lines)
    with translation.override("nb"):
        text = pdf_text(invoice_pdf(invoice, issued_on=month))
    assert text.count("Sum:") == 1
    numbers = re.findall(r"Side (\d+) av (\d+)", text)
    pages = int(numbers[0][1])
    assert pages >= 2
    assert numbers == [(str(n), str(pages)) for n in range(1, pages + 1)]


def test_management_sees_the_figures_not_the_invoice(client, users, home, iks, month):
    client.force_login(users[Role.MANAGEMENT])
    page = client.get(reverse("respite_accounting", args=[home.pk]) + f"?aar={month.year}")
    assert page.status_code == 200
    assert "Indre Østfold" in page.content.decode()
    url = reverse("invoice_csv", args=[home.pk, iks["buyer"].pk, month.year, month.month])
    assert client.get(url).status_code == 404


def test_accounting_page_query_count_is_bounded(
    client, leader, home, iks, month, django_assert_max_num_queries
):
    client.force_login(leader)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("respite_accounting", args=[home.pk]) + f"?aar={month.year}")
    assert response.status_code == 200
