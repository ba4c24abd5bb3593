"""Norwegian formats (issue 7 §3): dd.mm.åååå dates in every language (messages and errors too),
plural forms through ngettext ("1 natt"), and kroner with thousands separators (one helper)."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from omsorg.cases.deadlines import add_months, latest_review_date
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.catalogue.criteria.base import day
from omsorg.core.errors import InvalidInput
from omsorg.core.money import nok
from omsorg.core.scope import Scope

NBSP = "\u00a0"


def render(text: str, **context) -> str:
    return Template("{% load omsorg_format %}" + text).render(Context(context))


def test_kroner_have_thousands_separators_and_a_decimal_comma_in_every_language():
    for language in ("nb", "nn", "en"):
        with translation.override(language):
            assert nok(91200) == f"91{NBSP}200,00{NBSP}kr"
            assert render("{{ amount|nok }}", amount=1234567.5) == f"1{NBSP}234{NBSP}567,50{NBSP}kr"
    assert nok(0) == f"0,00{NBSP}kr" and nok(None) == ""


@pytest.mark.parametrize(
    ("language", "one", "two"),
    [
        ("nb", "1 natt per uke", "2 netter per uke"),
        ("nn", "1 natt per veke", "2 netter per veke"),
        ("en", "1 night per week", "2 nights per week"),
    ],
)
def test_scopes_use_plural_forms(language, one, two):
    with translation.override(language):
        assert render("{{ s|scope }}", s=Scope.of(1, "nights", "week")) == one
        assert render("{{ s|scope }}", s=Scope.of(2, "nights", "week")) == two


def test_dates_are_day_month_year_also_in_english():
    christmas = datetime.date(2026, 12, 20)
    for language in ("nb", "nn", "en"):
        with translation.override(language):
            assert date_format(christmas, "SHORT_DATE_FORMAT") == "20.12.2026"
            assert render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=christmas) == "20.12.2026"
    assert day(christmas, "en") == day(christmas, "nb") == "20.12.2026"  # criteria texts


@pytest.mark.django_db
def test_error_texts_write_dates_the_norwegian_way(caseworker, make_person, service_type, today):
    too_late = add_months(today, 13)
    data = DecisionInput(
        service_type=service_type("support_contact"), outcome="granted", reasons="Ok.",
        quantity=8, scope_period="month", valid_from=today, valid_to=too_late,
        review_date=too_late, justification="Skjønn.",
    )  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        decision_make(actor=caseworker, person=make_person(age_years=12), data=data, today=today)
    latest = latest_review_date(today).strftime("%d.%m.%Y")
    assert latest in refused.value.text("nb") and latest in refused.value.text("en")
    assert latest_review_date(today).isoformat() not in refused.value.text("en")


@pytest.mark.django_db
def test_english_pages_show_norwegian_dates(client_as, caseworker, make_person, service_type,
                                            settings, today):  # fmt: skip
    person = make_person(age_years=12)
    decision_make(actor=caseworker, person=person, today=today, data=DecisionInput(
        service_type=service_type("support_contact"), outcome="granted", reasons="Ok.",
        quantity=1, scope_period="month", valid_from=today, valid_to=add_months(today, 12),
        review_date=add_months(today, 11), justification="Skjønn.",
        service_form="individual"))  # fmt: skip
    client = client_as(caseworker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert add_months(today, 12).strftime("%d.%m.%Y") in body
    assert add_months(today, 12).strftime("%m/%d/%Y") not in body
    assert "1 hour per month" in body
