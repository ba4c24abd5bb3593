"""The letters of an appeal (fvl §§ 27, 33; pbrl § 7-2; seed 004 §2.2).

Upheld by the unit: the new decision's letter refers to the appeal and its date. Not upheld:
the forwarding letter to Statsforvalteren with the appeal, the unit's assessment and the case's
documents, and the notice to the appellant with a copy of that statement (fvl § 33 fourth
paragraph), both PDF letters in the case's language, reachable from the appeal page.
Issue 7 point 1.11; UX review defect 10c.
"""

import datetime

import pytest
from django.urls import reverse

from omsorg.cases.letters.appeals import appeal_letter_pdf
from omsorg.cases.letters.render import decision_letter_pdf
from omsorg.cases.services.appeals import appeal_forward, appeal_register, appeal_reverse
from omsorg.cases.services.decisions import DecisionInput
from tests.cases.test_letters import decide, pdf_text, written

pytestmark = pytest.mark.django_db

GROUNDS = "Vi mener Sofie trenger flere timer, fordi treningene er tre ganger i uka."
REASSESSMENT = "Koordinerende enhet finner at 10 timer dekker behovet for følge til trening."


@pytest.fixture
def appealed(caseworker, child, guardians, service_type, today):
    decision = decide(caseworker, child, service_type, today, quantity=6)
    received = today
    return appeal_register(
        actor=caseworker, decision=decision, received_on=received, grounds=GROUNDS, today=today
    )


@pytest.fixture
def forwarded(caseworker, appealed, today):
    return appeal_forward(
        actor=caseworker,
        appeal=appealed,
        reassessment=REASSESSMENT,
        forwarded_on=today,
        today=today,
    )


def test_letter_after_an_upheld_appeal_refers_to_the_appeal_and_its_date(
    caseworker, appealed, service_type, today
):
    new = appeal_reverse(
        actor=caseworker,
        appeal=appealed,
        data=DecisionInput(
            service_type=service_type("support_contact"),
            outcome="granted",
            reasons="Sofie får følge til alle treningene.",
            quantity=10,
            valid_from=today,
            review_date=today + datetime.timedelta(days=300),
        ),
        partly=False,
        today=today,
    )
    text = pdf_text(decision_letter_pdf(new))
    old = appealed.decision
    assert (
        f"Vi viser til klagen mottatt {written(today)} på vedtaket av {written(today)} om "
        f"støttekontakt (vår referanse {old.case_file}-1)." in text
    )
    assert "har vurdert saken på nytt og tar klagen til følge" in text
    assert "Dette vedtaket erstatter vedtaket det ble klaget på (forvaltningsloven § 33" in text
    assert "Vi viser til søknaden" not in text
    assert f"Vår referanse {old.case_file}-2" in text


def test_forwarding_letter_to_statsforvalteren_carries_the_appeal_and_the_assessment_fvl_33(
    forwarded, today
):
    text = pdf_text(appeal_letter_pdf(forwarded, "forwarding"))
    decision = forwarded.decision
    assert "Statsforvalteren i Trøndelag" in text.split("Unntatt offentlighet")[0]
    assert "Oversendelse av klage: støttekontakt for Sofie Haugen" in text
    assert f"(vår referanse {decision.case_file}-1)" in text
    assert f"Klagen kom inn {written(today)}" in text
    assert GROUNDS in text and REASSESSMENT in text
    assert (
        "Statsforvalteren i Trøndelag avgjør klagen (pasient- og brukerrettighetsloven § 7-2)"
        in text
    )
    assert f"Søknaden, mottatt {written(today)}" in text
    assert f"Vår referanse {decision.case_file}-2" in text
    # The appellants get a copy: both guardians are listed.
    assert "Kopi til" in text and "Kari Haugen" in text.split("Kopi til")[1]


def test_notice_to_the_appellant_says_where_the_appeal_went_fvl_33(forwarded, today):
    text = pdf_text(appeal_letter_pdf(forwarded, "notice"))
    decision = forwarded.decision
    assert "Klagen på støttekontakt er sendt til Statsforvalteren i Trøndelag" in text
    assert "Til foresatte for Sofie Haugen" in text
    assert f"ble derfor sendt {written(today)} til Statsforvalteren i Trøndelag" in text
    assert "Dere får med dette brevet en kopi av vår uttalelse" in text
    assert "forvaltningsloven § 33 fjerde ledd" in text
    assert REASSESSMENT in text
    assert f"Vår referanse {decision.case_file}-3" in text


def test_appeal_letters_are_written_in_the_municipalitys_nynorsk(forwarded, municipality, today):
    municipality.written_language = "nn"
    municipality.save()
    text = pdf_text(appeal_letter_pdf(forwarded, "notice"))
    assert "Klagen på støttekontakt er send til Statsforvalteren i Trøndelag" in text
    assert "forvaltningslova § 33 fjerde ledd" in text
    assert "ikke" not in text.split()


def test_appeal_page_links_both_letters_once_forwarded(client, caseworker, child, forwarded):
    client.force_login(caseworker)
    page = client.get(reverse("appeal_detail", args=[child.pk, forwarded.pk])).content.decode()
    for kind in ("forwarding", "notice"):
        url = reverse("appeal_letter", args=[child.pk, forwarded.pk, kind])
        assert url in page
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_no_letters_before_the_appeal_is_forwarded(client, caseworker, child, appealed):
    client.force_login(caseworker)
    url = reverse("appeal_letter", args=[child.pk, appealed.pk, "notice"])
    assert client.get(url).status_code == 404


def test_person_page_lists_the_appeal_letters_among_the_documents(
    client, caseworker, child, forwarded
):
    client.force_login(caseworker)
    page = client.get(reverse("person_detail", args=[child.pk])).content.decode()
    assert "Klage oversendt til Statsforvalteren" in page
    assert reverse("appeal_letter", args=[child.pk, forwarded.pk, "notice"]) in page
