"""A steering import in a real browser (issue 9 §1): the leader uploads a budget file with bad
rows and sees every one by line, uploads a correct file, confirms it, and undoes it from the
history. axe-core on every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omsorg.core.models import Role, Unit
from omsorg.steering.models import BudgetMonth, ImportEvent
from tests import factories

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
HEADER = "month;unit;budget_nok;accounts_nok"


@pytest.fixture
def leader(municipality):
    zone = Unit.objects.create(
        municipality=municipality, code="SONE-A", name="Sone A", kind=Unit.Kind.ZONE
    )
    return factories.user(municipality, Role.SERVICE_LEADER, unit=zone)


def _upload(page, tmp_path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.get_by_label("Hva filen inneholder").select_option("budget")
    page.get_by_label("CSV-fil").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Kontroller filen").click()


def test_upload_preview_confirm_and_undo(page, live_server, leader, tmp_path):
    login(page, live_server, leader.username, factories.PASSWORD)
    page.goto(live_server.url + reverse("steering_imports"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer styringsdata")
    assert_accessible(page)

    _upload(page, tmp_path, "feil.csv", f"{HEADER}\n2024-01;SONE-A;100;90\n2024-01;NOPE;1;1\n")
    errors = page.get_by_role("table")
    expect(errors.get_by_role("row").nth(1)).to_contain_text("3")
    expect(errors).to_contain_text("Ingen enhet har koden «NOPE».")
    expect(page.get_by_role("button", name="Importer")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Last opp en annen fil").click()
    _upload(page, tmp_path, "budsjett.csv", f"{HEADER}\n2024-01;SONE-A;100;90\n")
    expect(page.get_by_role("status")).to_contain_text("1 rad blir importert")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Importer").click()
    event = ImportEvent.objects.get()
    expect(page.get_by_text(f"Importerte 1 rader (import {event.pk}).")).to_be_visible()
    assert BudgetMonth.objects.count() == 1
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("button", name=f"Angre import {event.pk}").click()
    expect(page.get_by_text(f"Import {event.pk} er angret.")).to_be_visible()
    assert not BudgetMonth.objects.exists()
