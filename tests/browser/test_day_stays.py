"""Day stays in a real browser (seed 004 §1.2, §1.4: respite "på timebasis", afternoons,
holidays): the leader's month calendar lists them in a column of their own with a legend and
confirms one on its page; the guardian's page shows them as "dagopphold" and fits a 390 px
phone. axe-core on every page."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omsorg.core.models import Role
from omsorg.respite.models import DayStay
from omsorg.respite.services.days import home_days_update
from tests import factories

from .conftest import assert_accessible, login
from .test_phone import PHONE, _assert_fits
from .test_respite import flata  # noqa: F401  (the home, its children, a guardian)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def days(flata, users, today):  # noqa: F811
    """Two day places at Flata, 14-18, and a planned day stay of the guardian's child."""
    home = home_days_update(actor=users[Role.ADMINISTRATOR], home=flata["home"], day_places=2,
                            day_start_time=datetime.time(14), day_end_time=datetime.time(18),
                            expected_version=flata["home"].version)  # fmt: skip
    day = DayStay.objects.create(home=home, placement=flata["placements"][0],
                                 date=today + 2 * DAY, created_by=flata["leader"],
                                 updated_by=flata["leader"])  # fmt: skip
    return {**flata, "home": home, "day": day}


def test_leader_sees_day_stays_in_the_calendar_and_confirms_one(page, live_server, days):
    leader, day = days["leader"], days["day"]
    login(page, live_server, leader.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("respite_home", args=[day.home_id])
              + f"?maaned={day.date:%Y-%m}")  # fmt: skip
    expect(page.locator(".app-legend")).to_contain_text("dagopphold (uten natt)")
    expect(page.locator("table.app-calendar thead")).to_contain_text("Dagopphold")
    expect(page.locator("li.app-calendar__day")).to_have_count(1)
    assert_accessible(page)
    page.locator("li.app-calendar__day a").click()
    expect(page.locator("h1")).to_contain_text("Dagopphold: Ada")
    assert_accessible(page)
    page.get_by_role("button", name="Bekreft dagoppholdet").click()
    expect(page.locator("main")).to_contain_text("bekreftet")
    day.refresh_from_db()
    assert day.status == DayStay.Status.CONFIRMED


def test_guardian_page_with_day_stays_fits_a_phone(page, live_server, days):
    page.set_viewport_size(PHONE)
    login(page, live_server, days["guardian"].username, factories.PASSWORD)
    page.goto(live_server.url + reverse("family_home"))
    main = page.locator("main")
    expect(main).to_contain_text("Kommende dagopphold")
    expect(main).to_contain_text("14:00–18:00")
    expect(main.locator(".app-family__day")).to_have_count(1)
    expect(main).to_contain_text("Dager dere sperrer eller ønsker")
    _assert_fits(page)
    assert_accessible(page)
