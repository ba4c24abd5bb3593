"""The scorecard in a real browser (issue 9 §4): the unit's leader opens her unit's
scorecard, sees sick leave missed against its target, writes the explanation and measures,
and finds them on the scorecard. axe-core on every page, and the page at 390 px wide."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omsorg.core.models import Role, Unit
from omsorg.steering.models import ScorecardNote
from omsorg.steering.scorecard_services import kpi_target_set
from omsorg.steering.services import import_file
from tests import factories

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
STAFF = (
    "month;unit;employee_id;position_pct;profession;relevant_education;contracted_hours;"
    "sick_leave_hours"
)


@pytest.fixture
def leader(municipality):
    unit = Unit.objects.create(
        municipality=municipality, code="HBT", name="Hjemmebaserte tjenester",
        kind=Unit.Kind.DEPARTMENT,
    )  # fmt: skip
    Unit.objects.create(
        municipality=municipality, code="SONE-A", name="Sone A", kind=Unit.Kind.ZONE, parent=unit
    )
    year = datetime.date.today().year - 1
    rows = [f"{year}-0{m};SONE-A;e1;80;vernepleier;true;130;13" for m in (1, 2, 3)]
    import_file(
        actor=None, municipality=municipality, kind="staff",
        content="\n".join([STAFF, *rows]).encode(),
    )  # fmt: skip
    user = factories.user(municipality, Role.SERVICE_LEADER, unit=unit)
    kpi_target_set(
        actor=user, municipality=municipality, unit=unit, kpi="sick_leave_pct",
        valid_from=datetime.date(year, 1, 1), target=Decimal("8.5"),
    )  # fmt: skip
    return user, year


def test_scorecard_then_write_an_explanation(page, live_server, leader):
    user, year = leader
    login(page, live_server, user.username, factories.PASSWORD)
    page.goto(f"{live_server.url}{reverse('steering_scorecard')}?enhet=HBT&periode={year}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Målekort: Hjemmebaserte tjenester, {year}"
    )
    sick = page.locator('tr[data-kpi="sick_leave_pct"]')
    expect(sick).to_contain_text("8,5")
    expect(sick).to_contain_text("10")  # 39 / 390 hours
    expect(sick).to_contain_text("Ikke nådd")
    assert_accessible(page)

    page.get_by_role("link", name="Skriv en forklaring for Sykefravær (%)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forklaring: Sykefravær (%)")
    assert_accessible(page)
    page.get_by_label("Forklaring").fill("To langtidssykmeldte i sone A")
    page.get_by_label("Tiltak").fill("Tett oppfølging med bedriftshelsetjenesten")
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre").click()
    expect(sick).to_contain_text("To langtidssykmeldte i sone A")
    expect(sick).to_contain_text("Tett oppfølging med bedriftshelsetjenesten")
    expect(page.get_by_role("link", name="Endre forklaringen for Sykefravær (%)")).to_be_visible()
    assert ScorecardNote.objects.get().version == 1
    assert_accessible(page)

    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert_accessible(page)
