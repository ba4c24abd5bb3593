"""The paginated worklist (issue 8 §5) in the browser: counts, page links that keep the filter,
at 390 px wide without sideways scrolling, axe clean."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omsorg.cases.services.applications import application_register
from omsorg.cases.worklist import WORKLIST_PAGE_SIZE
from omsorg.core.models import Role
from tests import factories

from .conftest import assert_accessible, login
from .test_phone import PHONE, _assert_fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY = datetime.timedelta(days=1)


def test_worklist_pages_on_a_phone(page, live_server, municipality, service_type, today):
    caseworker = factories.user(municipality, Role.CASEWORKER, username="saksbehandler")
    for n in range(WORKLIST_PAGE_SIZE + 3):
        application_register(
            actor=caseworker, person=factories.person(municipality, today=today),
            channel="portal", received_on=today - (40 + n) * DAY,
            services=[(service_type("support_contact"), None)], consent_given=True, today=today,
        )  # fmt: skip
    page.set_viewport_size(PHONE)
    login(page, live_server, caseworker.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("worklist") + "?scope=all")
    main = page.locator("main")
    expect(main).to_contain_text(f"{WORKLIST_PAGE_SIZE + 3} nye søknader")
    expect(main).to_contain_text(f"({WORKLIST_PAGE_SIZE + 3} over fristen)")
    _assert_fits(page)
    assert_accessible(page)
    page.get_by_role("navigation", name="Sider med nye søknader").get_by_role(
        "link", name="Neste"
    ).click()
    expect(page).to_have_url(live_server.url + reverse("worklist") + "?scope=all&page_new=2#new")
    expect(main).to_contain_text("Side 2 av 2")
    _assert_fits(page)
    assert_accessible(page)
