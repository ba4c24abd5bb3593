"""The tertial report in a real browser (issue 9 §6): management chooses a unit and a tertial,
reads the figures, each chart with its table, and opens the PDF; the service analysis beside
it (§7). axe-core on every page, and the report fits a 390 px wide phone."""


import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omsorg.core.clock import today
from omsorg.core.models import Role, Unit
from omsorg.steering.services import import_file
from tests import factories

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def manager(municipality):
    home_care = Unit.objects.create(
        municipality=municipality, code="HBT", name="Hjemmebaserte tjenester",
        kind=Unit.Kind.DEPARTMENT,
    )  # fmt: skip
    for code in ("SONE-A", "SONE-B"):
        Unit.objects.create(municipality=municipality, code=code, name=f"Sone {code[-1]}",
                            kind=Unit.Kind.ZONE, parent=home_care)  # fmt: skip
    year = today().year - 1
    rows = [f"{year}-{m:02d},SONE-A,100000,{95000 + m}" for m in (5, 6, 7, 8)]
    rows.append(f"{year}-05,SONE-B,50000,61000")
    content = "\n".join(["month,unit,budget_nok,accounts_nok", *rows]).encode()
    import_file(actor=None, municipality=municipality, kind="budget", content=content)
    return factories.user(municipality, Role.MANAGEMENT)


def test_choose_unit_and_tertial_read_charts_and_tables(page, live_server, manager):
    period = f"{today().year - 1}-T2"
    login(page, live_server, manager.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("steering_tertial"))
    assert_accessible(page)
    page.get_by_label("Enhet", exact=True).select_option(label="Hjemmebaserte tjenester")
    page.get_by_label("Tertial", exact=True).select_option(period)
    with page.expect_navigation():
        page.get_by_role("button", name="Vis").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Tertialrapport {period}: Hjemmebaserte tjenester"
    )
    expect(page.get_by_text("8 974 kr under budsjett i tertialet.")).to_be_visible()
    name = "Budsjettavvik per enhet (positivt: under budsjett) (kr)"
    table = page.get_by_role("table", name=name)
    expect(table.get_by_role("row", name="Sone B")).to_contain_text("-11 000 kr")
    # The drawing is hidden from screen readers; the table carries its figures.
    expect(page.locator("svg[aria-hidden=true]")).to_have_count(5)
    assert_accessible(page)
    link = page.get_by_role("link", name="Rapporten som PDF")
    assert period in link.get_attribute("href")
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"

    page.set_viewport_size({"width": 390, "height": 800})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)


def test_service_analysis_page(page, live_server, manager):
    login(page, live_server, manager.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("steering_service_analysis") + "?aar=2024")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjenesteanalyse 2024")
    expect(page.get_by_text("Staten refunderer 80 % av hver mottakers")).to_be_visible()
    assert_accessible(page)
