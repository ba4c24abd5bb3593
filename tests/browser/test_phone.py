"""Phone (issue 7 §3): the guardian's page and the caseworker's worklist fit a 390 px screen
(iPhone 12-15 width) without clipping or sideways scrolling; rows become cards; axe clean."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omsorg.cases.services.applications import application_register
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.core.models import Role
from omsorg.people.models import AccessLog
from omsorg.respite.services.stays import stay_create
from tests import factories

from .conftest import assert_accessible, login
from .test_respite import flata  # noqa: F401  (the guardian's home, children and stays)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DAY = datetime.timedelta(days=1)


def _page_width(page) -> int:
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )


def _assert_fits(page) -> None:
    assert _page_width(page) <= PHONE["width"], f"page is {_page_width(page)} px wide"
    # Nothing inside scrolls sideways either (a table wrapper hiding its overflow).
    wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.scrollWidth > e.clientWidth + 1
                    && getComputedStyle(e).overflowX !== 'visible')
            .map(e => e.tagName + '.' + e.className)"""
    )
    assert wide == [], f"sideways scrolling inside: {wide}"


def test_guardian_page_fits_a_phone(page, live_server, flata, today):  # noqa: F811
    stay_create(actor=flata["leader"], placement=flata["placements"][0],
                first_night=today + 3 * DAY, nights=2, today=today)  # fmt: skip
    page.set_viewport_size(PHONE)
    login(page, live_server, flata["guardian"].username, factories.PASSWORD)
    page.goto(live_server.url + reverse("family_home"))
    expect(page.locator("main")).to_contain_text(flata["home"].unit.name)
    expect(page.locator("main")).to_contain_text("Status")  # the column name beside each value
    expect(page.locator("main thead").first).to_be_hidden()  # rows are cards, no header row
    _assert_fits(page)
    assert page.locator("header").bounding_box()["height"] < 200  # compact header
    assert_accessible(page)


def test_worklist_fits_a_phone(page, live_server, municipality, department, service_type, today):
    caseworker = factories.user(municipality, Role.CASEWORKER, username="saksbehandler")
    for n in range(4):
        person = factories.person(municipality, today=today, age_years=12,
                                  given_name="Kristoffer-Alexander",
                                  family_name=f"Fjellheimsen{n}")  # fmt: skip
        application = application_register(
            actor=caseworker, person=person, channel="portal", received_on=today - n * 20 * DAY,
            services=[(service_type("support_contact"), None)], consent_given=True, today=today,
        )  # fmt: skip
        if n % 2:
            refusal = DecisionInput(service_type=service_type("support_contact"),
                                    outcome="refused", reasons="Ikke oppfylt.",
                                    justification="Skjønn.")  # fmt: skip
            decision_make(actor=caseworker, person=person, application=application, today=today,
                          data=refusal)  # fmt: skip
    page.set_viewport_size(PHONE)
    login(page, live_server, caseworker.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("worklist"))
    expect(page.locator("main")).to_contain_text("Send vedtaksbrev")
    expect(page.locator("main thead").first).to_be_hidden()  # rows are cards, no header row
    _assert_fits(page)
    task = page.get_by_role("link", name="Send vedtaksbrev").first
    box = task.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert_accessible(page)
    task.click()
    expect(page.locator("#notify")).to_be_visible()


def test_worklist_filters_work_in_the_browser(page, live_server, municipality, service_type, today):
    me = factories.user(municipality, Role.CASEWORKER, username="meg")
    other = factories.user(municipality, Role.CASEWORKER, username="annen")
    for actor, name in ((me, "Mine"), (other, "Andres")):
        application_register(
            actor=actor, person=factories.person(municipality, today=today, given_name=name),
            channel="portal", received_on=today, services=[(service_type("respite_home"), None)],
            consent_given=True, today=today,
        )  # fmt: skip
    login(page, live_server, me.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("worklist"))
    page.get_by_label("Saker").select_option("mine")
    page.get_by_role("button", name="Vis").click()
    expect(page.locator("main")).to_contain_text("Mine Person")
    expect(page.locator("main")).not_to_contain_text("Andres")
    assert_accessible(page)


def test_guardians_access_log_fits_a_phone(page, live_server, flata, today):  # noqa: F811
    """Issue 8 §4: the guardian's "who has read" page at 390 px, rows as cards, axe clean."""
    child = flata["placements"][0].person
    leader = flata["leader"]
    AccessLog.objects.bulk_create(
        AccessLog(actor=leader, role=leader.role, person=child, what=what, channel="page")
        for what in ["respite calendar", "person record", "decision 12345678"] * 12
    )
    page.set_viewport_size(PHONE)
    login(page, live_server, flata["guardian"].username, factories.PASSWORD)
    page.goto(live_server.url + reverse("family_home"))
    page.get_by_role("link", name="Hvem har lest opplysningene").click()
    expect(page.locator("main")).to_contain_text(leader.display_name)
    expect(page.locator("main")).to_contain_text("Flata avlastning")
    expect(page.locator("main thead").first).to_be_hidden()  # rows are cards, no header row
    _assert_fits(page)
    assert_accessible(page)
    page.get_by_role("link", name="Neste", exact=True).click()
    expect(page.locator("main")).to_contain_text("vedtak nr. 12345678")
    _assert_fits(page)
    assert_accessible(page)
