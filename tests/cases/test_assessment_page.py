"""Daily use of the assessment (issue 7, "Daily use"): the form asks only for the facts the
applied services' criteria read, the pages name criteria and facts by their labels, never by
their codes, and the application page shows what the assessment recorded."""

import pytest
from django.urls import reverse

from omsorg.cases.services.applications import application_register

pytestmark = pytest.mark.django_db

# Codes of criteria and facts that a caseworker must never see on a page.
RAW_CODES = ("residence", "age_from_5", "particularly_heavy_care", "children_under_18")


def _apply(caseworker, person, service_type, today, *codes):
    return application_register(
        actor=caseworker,
        person=person,
        channel="portal",
        received_on=today,
        services=[(service_type(code), None) for code in codes],
        consent_given=True,
        today=today,
    )


def test_respite_home_form_asks_only_its_own_facts_seed004_1_4(
    client_as, caseworker, make_person, service_type, today
):
    """A 9-year-old's respite-home application: no BPA or NAV questions."""
    person = make_person(age_years=9)
    application = _apply(caseworker, person, service_type, today, "respite_home")
    response = client_as(caseworker).get(
        reverse("assessment_record", args=[person.pk, application.pk])
    )
    form = response.context["form"]
    assert "fact_particularly_heavy_care" in form.fields
    assert not [name for name in form.fields if "bpa" in name or "assistance_allowance" in name]
    assert "fact_hours_per_week" not in form.fields
    page = response.content.decode()
    assert "Omsorgsbyrden er særlig tyngende" in page
    assert "hjelpestønad" not in page


def test_form_asks_the_union_of_the_applied_services_facts(
    client_as, caseworker, make_person, service_type, today
):
    person = make_person(age_years=9)
    application = _apply(caseworker, person, service_type, today, "respite_home", "care_allowance")
    response = client_as(caseworker).get(
        reverse("assessment_record", args=[person.pk, application.pk])
    )
    fields = response.context["form"].fields
    assert "fact_assistance_allowance_applied" in fields  # care allowance reads it
    assert "fact_particularly_demanding_care" in fields
    assert "fact_need_duration_months" not in fields  # only BPA reads it


def test_fact_labels_follow_the_page_language(
    client_as, caseworker, make_person, service_type, today
):
    person = make_person(age_years=9)
    application = _apply(caseworker, person, service_type, today, "respite_home")
    client = client_as(caseworker)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("assessment_record", args=[person.pk, application.pk]))
    assert "The care burden is particularly heavy" in response.content.decode()


def test_application_page_names_criteria_by_label_and_shows_recorded_facts(
    client_as, caseworker, make_person, service_type, today
):
    person = make_person(age_years=9)
    application = _apply(caseworker, person, service_type, today, "respite_home")
    client = client_as(caseworker)
    before = client.get(reverse("application_detail", args=[person.pk, application.pk]))
    page = before.content.decode()
    for code in RAW_CODES:
        assert code not in page, code
    assert "Omsorgsbyrden er særlig tyngende" in page  # the missing fact, by its label
    response = client.post(
        reverse("assessment_record", args=[person.pk, application.pk]),
        {
            "performed_on": today.isoformat(),
            "methods": ["home_visit"],
            "summary": "Hjemmebesøk.",
            "fact_particularly_heavy_care": "true",
            "lower_step": "tried",
        },
    )
    assert response.status_code == 302
    after = client.get(response["Location"]).content.decode()
    assert "Opplysninger registrert" in after
    assert "Omsorgsbyrden er særlig tyngende</dt><dd>Ja</dd>" in after
    assert "Endre kartleggingen" in after
    for code in RAW_CODES:
        assert code not in after, code
