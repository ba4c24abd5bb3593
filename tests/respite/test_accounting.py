"""Owners' accounting (seed 000, the intermunicipal respite home): bed-nights used per owner
municipality against its share, per month and year; spare capacity sold to another
municipality, with an invoice basis as CSV and PDF."""

import calendar
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from omsorg.core.models import Role
from omsorg.respite.accounting import owner_accounting
from omsorg.respite.models import Closure
from omsorg.respite.services.homes import owner_set
from omsorg.respite.services.stays import stay_create
from tests import factories
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def month(today):
    """The first day of next month: every stay below lies inside it."""
    return (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


@pytest.fixture
def iks(home, users, child, leader, month, today):
    """Two owners (60 % and 40 %), a buyer, stays in `month`, three closed nights."""
    admin = users[Role.ADMINISTRATOR]
    askim, eidsberg = (
        factories.other_municipality("0124", "Askim"),
        factories.other_municipality("0125", "Eidsberg"),
    )
    buyer = factories.other_municipality("0128", "Rakkestad")
    owner_set(actor=admin, home=home, municipality=askim, share_percent=Decimal("60"))
    owner_set(actor=admin, home=home, municipality=eidsberg, share_percent=Decimal("40"))
    home.price_per_night = Decimal("4500.00")
    home.save()
    Closure.objects.create(home=home, first_night=month + 10 * DAY, last_night=month + 12 * DAY,
                           kind="other", name="Maling")  # fmt: skip
    from_askim = child(quantity=10, municipality=askim)
    bought = child(quantity=10, municipality=buyer)
    for placement, first, nights in ((from_askim, 1, 2), (bought, 4, 3), (from_askim, 20, 1)):
        stay_create(actor=leader, placement=placement, first_night=month + first * DAY,
                    nights=nights, today=today)  # fmt: skip
    return {"askim": askim, "eidsberg": eidsberg, "buyer": buyer, "bought": bought}


def test_bed_nights_per_owner_against_share_per_month_and_year(home, iks, month):
    months, year = owner_accounting(home, month.year)
    account = months[month.month - 1]
    open_nights = calendar.monthrange(month.year, month.month)[1] - 3
    assert account.available == 2 * open_nights
    askim, eidsberg = account.owners
    assert (askim.municipality, askim.used) == (iks["askim"], 3)
    assert askim.share_nights == (Decimal(account.available) * Decimal("0.6")).quantize(
        Decimal("0.1")
    )
    assert askim.difference == 3 - askim.share_nights
    assert (eidsberg.used, eidsberg.share_percent) == (0, Decimal("40"))
    assert [(line.municipality, line.used) for line in account.buyers] == [(iks["buyer"], 3)]
    assert account.sold_amount == Decimal("13500.00")
    assert year.used == 6
    assert year.owners[0].used == 3
    assert year.sold_nights == 3


def test_invoice_basis_as_csv(client, leader, home, iks, month):
    client.force_login(leader)
    url = reverse("invoice_csv", args=[home.pk, iks["buyer"].pk, month.year, month.month])
    response = client.get(url)
    assert response.status_code == 200
    rows = [line.split(";") for line in response.content.decode().strip().splitlines()]
    assert len(rows) == 3  # header, one stay, total
    assert rows[1][0] == iks["bought"].person.full_name
    assert rows[1][3:] == ["3", "4500,00", "13500,00"]
    assert rows[2][3] == "3" and rows[2][5] == "13500,00"


def test_invoice_basis_as_pdf(client, leader, home, iks, month):
    client.force_login(leader)
    url = reverse("invoice_pdf", args=[home.pk, iks["buyer"].pk, month.year, month.month])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Rakkestad" in text
    assert iks["bought"].person.full_name in text
    assert "13500,00" in text


def test_management_sees_the_figures_not_the_invoice(client, users, home, iks, month):
    client.force_login(users[Role.MANAGEMENT])
    page = client.get(reverse("respite_accounting", args=[home.pk]) + f"?aar={month.year}")
    assert page.status_code == 200
    assert "Askim" in page.content.decode()
    url = reverse("invoice_csv", args=[home.pk, iks["buyer"].pk, month.year, month.month])
    assert client.get(url).status_code == 404


def test_accounting_page_query_count_is_bounded(
    client, leader, home, iks, month, django_assert_max_num_queries
):
    client.force_login(leader)
    with django_assert_max_num_queries(30):
        response = client.get(reverse("respite_accounting", args=[home.pk]) + f"?aar={month.year}")
    assert response.status_code == 200
