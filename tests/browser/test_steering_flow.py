"""A unit head's tertial in one go, in a real browser (issue 9, Tests: import preview ->
scorecard -> explanation -> tertial report): she uploads the staff file, checks the preview and
confirms it, finds sick leave missed on her unit's scorecard, writes the explanation and the
measures, and hands over the tertial report that carries them, with its PDF. axe-core on every
page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omsorg.core.clock import today
from omsorg.core.models import Role, Unit
from omsorg.steering.models import ImportEvent, StaffMonth
from omsorg.steering.scorecard_services import kpi_target_set
from tests import factories

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
STAFF = (
    "month;unit;employee_id;position_pct;profession;relevant_education;contracted_hours;"
    "sick_leave_hours"
)
EXPLANATION = "To langtidssykmeldte i sone A"
MEASURES = "Tett oppfølging med bedriftshelsetjenesten"


@pytest.fixture
def unit_head(municipality):
    unit = Unit.objects.create(
        municipality=municipality, code="HBT", name="Hjemmebaserte tjenester",
        kind=Unit.Kind.DEPARTMENT,
    )  # fmt: skip
    Unit.objects.create(
        municipality=municipality, code="SONE-A", name="Sone A", kind=Unit.Kind.ZONE, parent=unit
    )
    user = factories.user(municipality, Role.SERVICE_LEADER, unit=unit)
    year = today().year - 1
    kpi_target_set(
        actor=user, municipality=municipality, unit=unit, kpi="sick_leave_pct",
        valid_from=datetime.date(year, 1, 1), target=Decimal("8.5"),
    )  # fmt: skip
    return user, year


def _import_staff(page, live_server, tmp_path, year: int) -> None:
    # Five employees (fewer would be hidden in the report, issue 9 §8), January to April (the
    # first tertial): 13 of 130 contracted hours sick each month, 10 %.
    rows = [
        f"{year}-{m:02d};SONE-A;e{e};80;vernepleier;true;130;13"
        for m in (1, 2, 3, 4)
        for e in range(1, 6)
    ]
    path = tmp_path / "personal.csv"
    path.write_text("\n".join([STAFF, *rows]) + "\n", encoding="utf-8")
    page.goto(live_server.url + reverse("steering_imports"))
    page.get_by_label("Hva filen inneholder").select_option("staff")
    page.get_by_label("CSV-fil").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Kontroller filen").click()
    expect(page.get_by_role("status")).to_contain_text("20 rader blir importert")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Importer").click()
    event = ImportEvent.objects.get()
    expect(page.get_by_text(f"Importerte 20 rader (import {event.pk}).")).to_be_visible()
    assert StaffMonth.objects.count() == 20


def _explain_sick_leave(page, live_server, period: str) -> None:
    page.goto(f"{live_server.url}{reverse('steering_scorecard')}?enhet=HBT&periode={period}")
    sick = page.locator('tr[data-kpi="sick_leave_pct"]')
    expect(sick).to_contain_text("8,5")
    expect(sick).to_contain_text("10")
    expect(sick).to_contain_text("Ikke nådd")
    assert_accessible(page)
    page.get_by_role("link", name="Skriv en forklaring for Sykefravær (%)").click()
    page.get_by_label("Forklaring").fill(EXPLANATION)
    page.get_by_label("Tiltak").fill(MEASURES)
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre").click()
    expect(sick).to_contain_text(EXPLANATION)
    assert_accessible(page)


def test_import_scorecard_explanation_and_tertial_report(page, live_server, unit_head, tmp_path):
    user, year = unit_head
    period = f"{year}-T1"
    login(page, live_server, user.username, factories.PASSWORD)
    _import_staff(page, live_server, tmp_path, year)
    _explain_sick_leave(page, live_server, period)

    page.goto(f"{live_server.url}{reverse('steering_tertial')}?enhet=HBT&periode={period}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Tertialrapport {period}: Hjemmebaserte tjenester"
    )
    row = page.get_by_role("row", name="Sykefravær (%)").first
    expect(row).to_contain_text("10")
    expect(row).to_contain_text("Ikke nådd")
    expect(row).to_contain_text(EXPLANATION)
    expect(row).to_contain_text(MEASURES)
    assert_accessible(page)
    link = page.get_by_role("link", name="Rapporten som PDF")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
