"""A business plan in a real browser (issue 9 §5; seed 001 "Tidsplan virksomhetsrapportering"):
the department head finds the month's report due on the worklist, writes it, and the unit head
sees it rolled up and updates a measure. axe-core on every page."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omsorg.steering.plan_models import Measure, PlanReport
from tests import factories
from tests.steering.plan_fixtures import heads, plan, tree, year  # noqa: F401

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def march(monkeypatch, year):  # noqa: F811
    day = datetime.date(year, 2, 10)  # January's report is due on 5 February: missing
    monkeypatch.setattr("omsorg.steering.plan_views.today", lambda: day)
    monkeypatch.setattr("omsorg.steering.templatetags.plan_tags.today", lambda: day)


def test_report_from_worklist_then_unit_head_updates_a_measure(page, live_server, plan, heads):  # noqa: F811
    login(page, live_server, heads["TT-KON"].username, factories.PASSWORD)
    page.goto(live_server.url + reverse("worklist"))
    tasks = page.get_by_role("table", name="2 månedsrapporter er ikke levert")
    expect(tasks).to_contain_text("Kongsvegen bofellesskap")
    expect(tasks.get_by_text("Mangler")).to_have_count(2)
    assert_accessible(page)

    page.get_by_role("link", name="Skriv rapporten for januar").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Månedsrapport: Avd. Kongsvegen")
    assert_accessible(page)
    selects = page.locator("select[name^=status_]")
    for index in range(selects.count()):
        selects.nth(index).select_option("on_track")
    page.get_by_label("Kommentar til måneden").fill("Turnusarbeidet går etter planen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Lever rapporten").click()
    expect(page.get_by_role("status").first).to_contain_text("Rapporten er lagret.")
    assert PlanReport.objects.get().lines.count() == 2
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, live_server, heads["TT"].username, factories.PASSWORD)
    page.goto(live_server.url + reverse("steering_plan", args=[plan.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Virksomhetsplan")
    grid = page.get_by_role("table").first
    expect(grid).to_contain_text("Levert")
    assert_accessible(page)
    page.get_by_role("link", name="Oppdater – Utvikle turnus").click()
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_label("Resultat").fill("Digital vaktbok i bruk.")
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Tiltaket er lagret.")).to_be_visible()
    assert Measure.objects.filter(status="in_progress").count() == 1
    assert_accessible(page)
