"""The decision letter's PDF is typeset once per letter text and served from storage after
(issue 8 §5: the letter PDF was a third of the CPU in the scale benchmark's mix). Every read is
still access-checked and logged (Normen), with `Cache-Control: no-store` (issue 8 §3); any
change that shows in the letter typesets it again."""

import pytest
from django.urls import reverse

from omsorg.cases.letters import render
from omsorg.cases.models import StoredLetterPdf
from omsorg.cases.services.decisions import decision_notify
from omsorg.people.models import AccessLog
from omsorg.people.services import person_update
from tests.cases.test_letters import decide, pdf_text, written

pytestmark = pytest.mark.django_db


@pytest.fixture
def typesettings(monkeypatch):
    """How many times WeasyPrint typesets a letter: the real html_to_pdf, counted."""
    calls = []
    real = render.html_to_pdf

    def counted(html):
        calls.append(html)
        return real(html)

    monkeypatch.setattr(render, "html_to_pdf", counted)
    return calls


def letter(client, person, decision, language=""):
    url = reverse("decision_letter", args=[person.pk, decision.pk])
    response = client.get(url + (f"?sprak={language}" if language else ""))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    return response.content


def letter_reads(person, decision):
    return AccessLog.objects.filter(person=person, what="decision letter", denied=False).count()


def test_second_read_serves_the_stored_pdf_and_is_logged_like_the_first(
    client_as, caseworker, child, guardians, service_type, today, typesettings
):
    decision = decide(caseworker, child, service_type, today)
    client = client_as(caseworker)
    first = letter(client, child, decision)
    second = letter(client, child, decision)
    assert len(typesettings) == 1
    assert second == first
    assert letter_reads(child, decision) == 2
    assert StoredLetterPdf.objects.filter(decision=decision).count() == 1


def test_each_language_is_typeset_once(
    client_as, caseworker, child, guardians, service_type, today, typesettings
):
    decision = decide(caseworker, child, service_type, today)
    client = client_as(caseworker)
    for language in ("", "nn", "nb", "nn", "en", ""):
        letter(client, child, decision, language)
    # The municipality writes bokmål: "" and "nb" are the same letter.
    assert len(typesettings) == 3
    assert "Vedtak" in pdf_text(letter(client, child, decision, "nn"))


def test_notifying_the_decision_typesets_the_letter_again_with_the_deadline(
    client_as, caseworker, child, guardians, service_type, today, typesettings
):
    decision = decide(caseworker, child, service_type, today, notify=False)
    client = client_as(caseworker)
    letter(client, child, decision)
    decision_notify(actor=caseworker, decision=decision, notified_on=today, today=today)
    text = pdf_text(letter(client, child, decision))
    assert len(typesettings) == 2
    assert written(today) in text
    assert letter(client, child, decision) and len(typesettings) == 2


def test_a_new_address_of_the_person_typesets_the_letter_again(
    client_as, caseworker, child, guardians, service_type, today, typesettings
):
    decision = decide(caseworker, child, service_type, today)
    client = client_as(caseworker)
    assert "Gauldalsvegen 1" in pdf_text(letter(client, child, decision))
    person_update(
        actor=caseworker, person=child, expected_version=child.version,
        street_address="Rørosvegen 12",
    )  # fmt: skip
    text = pdf_text(letter(client, child, decision))
    assert len(typesettings) == 2
    assert "Rørosvegen 12" in text and "Gauldalsvegen 1" not in text


def test_a_stored_letter_is_not_served_to_a_reader_without_access(
    client_as, caseworker, child, guardians, service_type, today, users, typesettings
):
    from omsorg.core.models import Role

    decision = decide(caseworker, child, service_type, today)
    letter(client_as(caseworker), child, decision)
    outsider = users[Role.CARE_WORKER]  # no assignment, no service need for the child
    url = reverse("decision_letter", args=[child.pk, decision.pk])
    # Refused as any person the reader has no need for: not found, and the refusal logged.
    assert client_as(outsider).get(url).status_code == 404
    assert AccessLog.objects.filter(actor=outsider, person=child, denied=True).exists()
