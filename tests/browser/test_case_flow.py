"""A caseworker takes a family's application to a decision letter in a real browser.

Also: a care worker is refused a person they do not serve, and axe-core finds no serious or
critical WCAG 2.1 violation on each main page.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from omsorg.cases.deadlines import add_months
from omsorg.core.models import Role
from tests import factories
from tests.pdf import pdf_text

from .conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_from_application_to_letter_and_review_on_worklist(
    page, live_server, users, make_person, service_type, today
):
    caseworker = users[Role.CASEWORKER]
    person = make_person(age_years=12, given_name="Astrid", family_name="Lie")
    support = service_type("support_contact")
    login(page, live_server, caseworker.username, factories.PASSWORD)
    assert_accessible(page)

    page.goto(live_server.url + reverse("person_detail", args=[person.pk]))
    assert_accessible(page)
    page.goto(live_server.url + reverse("application_create", args=[person.pk]))
    page.locator(f"input[name=services][value='{support.pk}']").check()
    page.locator("input[name=consent_given]").check()
    assert_accessible(page)
    page.locator("form.app-form button[type=submit]").click()
    expect(page.locator("h1.ds-heading")).to_contain_text(today.strftime("%d.%m.%Y"))
    assert_accessible(page)

    page.locator("a[href$='/kartlegging/']").click()
    page.locator("input[name=methods][value=home_visit]").check()
    for fact, value in [
        ("needs_help_for_leisure", "true"),
        ("wants_leisure_activity", "true"),
        ("needs_covered_by_family", "false"),
        ("one_to_one_staffing", "false"),
        # Seed 004 §1.1 "forhold som ikke gir rett": none of them is the case.
        ("purpose_escort_offices_doctor", "false"),
        ("purpose_norwegian_tuition", "false"),
        ("purpose_relief_of_parents", "false"),
        ("purpose_health_care", "false"),
    ]:
        page.locator(f"select[name=fact_{fact}]").select_option(value)
    page.locator("input[name=fact_requested_hours_per_month]").fill("8")
    # Seed 004 §1.0: the least intrusive level first, asked on every assessment.
    page.locator("input[name=lower_step][value=considered]").check()
    assert_accessible(page)
    page.locator("form.app-form button[type=submit]").click()

    page.locator("a[href*='/vedtak/']").first.click()
    assert_accessible(page)
    page.locator("input[name=outcome][value=granted]").check()
    page.locator("input[name=quantity]").fill("8")
    page.locator("select[name=service_form]").select_option("individual")  # seed 004 §1.1
    page.locator("input[name=valid_to]").fill(add_months(today, 12).isoformat())
    review = today + datetime.timedelta(days=20)  # inside the worklist's 30-day warning
    page.locator("input[name=review_date]").fill(review.isoformat())
    page.locator("textarea[name=reasons]").fill("Barnet trenger hjelp til å delta i fritid.")
    page.locator("form.app-form button[type=submit]").click()
    expect(page.locator("h1.ds-heading")).to_contain_text(support.name_nb)
    assert_accessible(page)

    pdf_url = page.locator("a[href$='brev.pdf']").get_attribute("href")
    response = page.request.get(live_server.url + pdf_url)
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body(), layout=True)
    assert "Astrid Lie" in text or "Astrid" in text
    assert "8 timer" in text
    assert "Statsforvalteren" in text

    page.goto(live_server.url + reverse("worklist"))
    assert_accessible(page)
    row = page.locator("tr", has_text="Astrid Lie").filter(has_text=review.strftime("%d.%m.%Y"))
    expect(row.first).to_be_visible()


def test_care_worker_is_refused_a_person_they_do_not_serve(page, live_server, users, make_person):
    worker = users[Role.CARE_WORKER]
    person = make_person()
    login(page, live_server, worker.username, factories.PASSWORD)
    response = page.goto(live_server.url + reverse("person_detail", args=[person.pk]))
    assert response.status == 404
    assert person.family_name not in page.content()
    assert_accessible(page)


def test_catalogue_and_meeting_pages_are_accessible(page, live_server, users):
    login(page, live_server, users[Role.CASEWORKER].username, factories.PASSWORD)
    for name in ("catalogue", "meeting_agenda", "person_list", "person_create"):
        page.goto(live_server.url + reverse(name))
        assert_accessible(page)
