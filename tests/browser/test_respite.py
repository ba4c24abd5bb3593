"""The respite planner in a real browser: the leader plans a month for the home, accepts the
plan, moves a stay and is refused a move over capacity; a guardian sees the stays and a stay
report and subscribes to the calendar feed. axe-core on every page."""

import datetime
import re
from collections import Counter

import icalendar
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omsorg.cases.deadlines import add_months
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.core.models import Role
from omsorg.people.models import Assignment, Relative
from omsorg.respite.models import Stay
from omsorg.respite.services.homes import HomeInput, PlacementInput, home_setup, placement_create
from omsorg.respite.services.reports import ReportInput, report_review, report_write
from omsorg.respite.services.stays import stay_create
from tests import factories

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY = datetime.timedelta(days=1)
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def flata(settings, users, department, municipality, make_person, service_type, today):
    """A 2-bed home, four children with 3 nights a week, a guardian for the first child, and
    one past stay of that child with a reviewed report."""
    settings.TASKS = IMMEDIATE  # the plan runs inside the request: no worker process
    leader, worker = users[Role.SERVICE_LEADER], users[Role.CARE_WORKER]
    home = home_setup(actor=users[Role.ADMINISTRATOR], unit=department, data=HomeInput(beds=2))
    start = today - 30 * DAY
    placements = []
    for name in ("Ada", "Brage", "Cecilie", "Dani"):
        person = make_person(age_years=10, given_name=name)
        decision_make(
            actor=users[Role.CASEWORKER],
            person=person,
            data=DecisionInput(
                service_type=service_type("respite_home"), outcome="granted",
                reasons="Særlig tyngende omsorg.", quantity=3, scope_period="week",
                valid_from=start, valid_to=add_months(today, 12),
                review_date=add_months(today, 11), justification="Skjønn.", unit=department,
            ),
            today=today,
        )  # fmt: skip
        Assignment.objects.create(person=person, staff=worker, kind="primary_contact",
                                  valid_from=start)  # fmt: skip
        placements.append(
            placement_create(actor=leader, home=home, person=person, today=today,
                             data=PlacementInput(municipality=municipality, max_nights=3))
        )  # fmt: skip
    guardian = factories.user(municipality, Role.GUARDIAN, username="foresatt1")
    Relative.objects.create(person=placements[0].person, name="Mor", relation="parent",
                            is_guardian=True, user=guardian)  # fmt: skip
    past = stay_create(actor=leader, placement=placements[0], first_night=today - 6 * DAY,
                       nights=2, today=today - 6 * DAY)  # fmt: skip
    report = report_write(actor=worker, stay=past, today=today, data=ReportInput(
        sleep="Sov godt.", food="Pizza.", activities="Tur til fjellet."))  # fmt: skip
    report_review(actor=leader, report=report, expected_version=1, today=today)
    return {"home": home, "leader": leader, "guardian": guardian, "placements": placements}


def _full_night_and_mover(home, today):
    """A night with both beds taken, and a stay of a third child that does not cover it."""
    stays = list(home.stays.filter(first_night__gt=today).exclude(status=Stay.Status.CANCELLED))
    occupied = Counter(n for s in stays for n in (s.first_night + i * DAY for i in range(s.nights)))
    for night, count in sorted(occupied.items()):
        if count < home.beds:
            continue
        there = {s.placement_id for s in stays if s.first_night <= night <= s.last_night}
        for stay in stays:
            if stay.placement_id not in there:
                return night, stay
    raise AssertionError("the plan left no full night")


def test_leader_plans_accepts_moves_and_is_refused_over_capacity(page, live_server, flata, today):
    home = flata["home"]
    login(page, live_server, flata["leader"].username, factories.PASSWORD)
    page.goto(live_server.url + reverse("respite_home", args=[home.pk]))
    assert_accessible(page)

    first = today + DAY
    page.locator("input[name=first_night]").fill(first.isoformat())
    page.locator("input[name=last_night]").fill((first + 27 * DAY).isoformat())
    page.locator("input[name=time_limit]").fill("2")
    page.locator(f"form[action='{reverse('plan_run_create', args=[home.pk])}'] button").click()
    accept = page.locator("form[action$='/godta/'] button")
    expect(accept).to_be_visible()
    expect(page.locator("table.app-calendar")).to_be_visible()
    assert_accessible(page)
    expect(page.locator("#plan-words")).to_contain_text("Alle barna får")
    accept.click()
    expect(page.locator(".ds-alert[data-color=success]")).to_be_visible()
    assert home.stays.exclude(status=Stay.Status.CANCELLED).filter(first_night__gt=today).exists()
    # Issue 7 "Calendar": a legend, and a stay of several nights drawn as one block.
    expect(page.locator(".app-legend")).to_be_visible()
    if home.stays.filter(first_night__gt=today, nights__gte=2).exists():
        expect(page.locator("table.app-calendar td[rowspan]").first).to_be_visible()

    stay = home.stays.filter(first_night__gt=today, nights__gte=2).first()
    page.goto(live_server.url + reverse("stay_detail", args=[home.pk, stay.pk]))
    expect(page.locator(".app-free-beds table")).to_be_visible()  # where the stay can go
    assert_accessible(page)
    page.locator("input[name=move-nights]").fill(str(stay.nights - 1))
    page.locator("form:has(input[value=move]) button[type=submit]").click()
    expect(page.locator("input[name=move-nights]")).to_have_value(str(stay.nights - 1))
    stay.refresh_from_db()
    assert stay.version == 2

    night, mover = _full_night_and_mover(home, today)
    page.goto(live_server.url + reverse("stay_detail", args=[home.pk, mover.pk]))
    page.locator("input[name=move-first_night]").fill(night.isoformat())
    page.locator("input[name=move-nights]").fill("1")
    page.locator("form:has(input[value=move]) button[type=submit]").click()
    expect(page.locator(".ds-error-summary")).to_contain_text("alle sengene er opptatt")
    assert_accessible(page)
    mover.refresh_from_db()
    assert mover.first_night != night


def test_guardian_sees_stays_report_and_subscribes(page, live_server, flata, today):
    leader, home = flata["leader"], flata["home"]
    coming = stay_create(actor=leader, placement=flata["placements"][0],
                         first_night=today + 3 * DAY, nights=2, today=today)  # fmt: skip
    login(page, live_server, flata["guardian"].username, factories.PASSWORD)
    page.goto(live_server.url + reverse("family_home"))
    assert_accessible(page)
    expect(page.locator("h1")).to_contain_text("Ada")
    expect(page.locator("main")).to_contain_text(home.unit.name)

    page.locator("a[href*='/familie/opphold/']").first.click()
    expect(page.locator("main")).to_contain_text("Tur til fjellet.")
    assert_accessible(page)

    page.goto(live_server.url + reverse("family_home"))
    page.locator("form:has(input[value=renew]) button").click()
    link = page.locator(".app-secret-link a").inner_text()
    assert re.fullmatch(r"http://.+/kalender/[\w-]+\.ics", link)
    assert_accessible(page)
    response = page.request.get(link)
    assert response.ok
    calendar = icalendar.Calendar.from_ical(response.body())
    starts = {event.decoded("dtstart").date() for event in calendar.walk("VEVENT")}
    assert coming.first_night in starts
