"""Staff (issue 11): the leader's rotation grid, and a hand edit refused with the rule named;
axe clean."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

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
