"""Staff (issue 11): the leader's rotation grid, and a hand edit refused with the rule named;
axe clean."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omsorg.core.models import Role
from omsorg.staffing import plan_io
from omsorg.staffing.models import Offer, Rotation, Vacancy
from omsorg.staffing.rotations import rotation_publish
from omsorg.staffing.substitutes import absence_register
from tests import factories
from tests.staffing.conftest import (  # noqa: F401  (fixtures)
    _immediate_tasks,
    course,
    hire,
    leader,
    make_rotation,
    shifts,
    team,
)

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _night_then_next_day(rotation):
    for staff, days in rotation.roster.items():
        for day, code in enumerate(days[:-1]):
            if code == "N":
                return staff, day + 1
    raise AssertionError("no night shift")


def test_grid_and_hand_edit_refused(page, live_server, leader, shifts, team, make_rotation):  # noqa: F811
    """The grid (weekends shaded), then a day shift after a night shift: refused, naming AML
    § 10-8 (1)."""
    rotation = make_rotation()
    login(page, live_server, leader.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("staffing_rotation", args=[leader.unit_id, rotation.pk]))
    grid = page.locator(".app-rotation__grid")
    expect(grid).to_be_visible()
    assert page.locator("thead th.app-rotation__weekend").count() == 4  # two weekends shaded
    expect(grid.locator("tbody th").first).to_contain_text(team[0].last_name[:3])
    assert_accessible(page)
    staff, day = _night_then_next_day(rotation)
    page.get_by_label("Ansatt").select_option(staff)
    page.get_by_label("Dag", exact=True).select_option(str(day))
    page.get_by_label("Vakt (valgfritt)").select_option("D")  # empty: a day off
    page.get_by_role("button", name="Endre vakten").click()
    expect(page.locator("main")).to_contain_text("døgnhvile under 11 timer")
    expect(page.locator("main")).to_contain_text("§ 10-8 (1)")
    assert_accessible(page)
    rotation.refresh_from_db()
    assert rotation.roster[staff][day] != "D"


PHONE = {"width": 390, "height": 844}


def test_offer_accepted_on_a_phone(page, live_server, leader, shifts, team, make_rotation, hire):  # noqa: F811
    """Issue 11 §4: a part-timer sees the offered extra shift on a 390 px page and takes it."""
    hire("assistent", 100, kind="substitute")  # someone can always be offered it
    rotation = make_rotation()
    rotation_publish(actor=leader, rotation=rotation, expected_version=rotation.version)
    sick = team[0]
    days = Rotation.objects.get(pk=rotation.pk).roster[plan_io.staff_id(sick.pk)]
    date = rotation.start + datetime.timedelta(days=next(d for d, c in enumerate(days) if c))
    absence_register(actor=leader, employee=sick, first_day=date, last_day=date, kind="sick")
    offer = Offer.objects.order_by("rank").first()
    worker = factories.user(leader.municipality, Role.CARE_WORKER, unit=leader.unit)
    offer.employee.user = worker
    offer.employee.save(update_fields=["user"])
    page.set_viewport_size(PHONE)
    login(page, live_server, worker.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("staffing_my_rotation"))
    expect(page.locator("#offers")).to_contain_text(offer.vacancy.shift_code)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    page.locator("#offers").get_by_role("button").first.click()
    expect(page.locator("main")).to_contain_text("Du har tatt vakten")  # the success message
    assert_accessible(page)
    assert Vacancy.objects.get().filled_by == offer.employee


def _sick_on_first_shift(actor, rotation, employee):
    rotation_publish(actor=actor, rotation=rotation, expected_version=rotation.version)
    days = Rotation.objects.get(pk=rotation.pk).roster[plan_io.staff_id(employee.pk)]
    day = next(d for d, c in enumerate(days) if c)
    return rotation.start + datetime.timedelta(days=day)


def test_offer_declined_on_a_phone(page, live_server, leader, shifts, team, make_rotation, hire):  # noqa: F811
    """Issue 11 §4: the employee says no on a 390 px page; the shift stays open and is offered
    to the next one proposed, if any."""
    hire("assistent", 100, kind="substitute")  # someone can always be offered it
    rotation = make_rotation()
    date = _sick_on_first_shift(leader, rotation, team[0])
    absence_register(actor=leader, employee=team[0], first_day=date, last_day=date, kind="sick")
    offer = Offer.objects.order_by("rank").first()
    worker = factories.user(leader.municipality, Role.CARE_WORKER, unit=leader.unit)
    offer.employee.user = worker
    offer.employee.save(update_fields=["user"])
    page.set_viewport_size(PHONE)
    login(page, live_server, worker.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("staffing_my_rotation"))
    expect(page.locator("#offers")).to_contain_text(offer.vacancy.shift_code)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    page.locator("#offers").get_by_role("button", name="Takk nei").first.click()
    expect(page.locator("main")).to_contain_text("Du har takket nei til vakten")
    expect(page.locator("#offers")).to_contain_text("Ingen tilbud nå")
    assert_accessible(page)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED
    assert Vacancy.objects.get().status == Vacancy.Status.OPEN


def test_own_sickness_on_a_phone(page, live_server, leader, shifts, team, make_rotation, hire):  # noqa: F811
    """Issue 11 §4: an employee reports themself sick on the phone; the shift opens with
    offers to others (a substitute in the pool can always be asked), as when the leader
    registers it."""
    hire("helsefagarbeider", 100, kind="substitute")
    rotation = make_rotation()
    sick = team[1]
    date = _sick_on_first_shift(leader, rotation, sick)
    worker = factories.user(leader.municipality, Role.CARE_WORKER, unit=leader.unit)
    sick.user = worker
    sick.save(update_fields=["user"])
    page.set_viewport_size(PHONE)
    login(page, live_server, worker.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("staffing_my_rotation"))
    page.get_by_role("link", name="Meld deg syk").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    page.get_by_label("Syk fra").fill(date.isoformat())
    page.get_by_label("Syk til og med").fill(date.isoformat())
    page.get_by_role("button", name="Meld deg syk").click()
    expect(page.locator("main")).to_contain_text("God bedring")
    assert_accessible(page)
    vacancy = Vacancy.objects.get()
    assert (vacancy.absence.employee, vacancy.date) == (sick, date)
    assert vacancy.offers.exists()
