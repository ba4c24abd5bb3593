"""Case and document numbers ("2026/123-4") and the caseworker's contact details in letters.

A letter's reference lets the reader write back about the right case (fvl § 27: the
decision letter says where and how to appeal, and the appeal names the decision). Case numbers
count per municipality and year; every letter in a case takes the case's next document number,
stored, so a letter printed again keeps it. Issue 7 point 1.11; UX review defect 17.
"""

import datetime

import pytest

from omsorg.cases.deadlines import add_months
from omsorg.cases.letters.render import decision_letter_pdf, preliminary_reply_pdf
from omsorg.cases.models import Document
from omsorg.cases.services.appeals import appeal_forward, appeal_register
from omsorg.cases.services.applications import preliminary_reply_send
from omsorg.cases.services.numbering import case_file_open
from tests import factories
from tests.cases.test_letters import applied, decide, pdf_text

pytestmark = pytest.mark.django_db


def test_case_numbers_count_per_municipality_and_year(municipality, today):
    first = case_file_open(municipality=municipality, opened_on=today)
    second = case_file_open(municipality=municipality, opened_on=today)
    assert (second.year, second.number) == (first.year, first.number + 1)
    last_year = today.replace(year=today.year - 1)
    assert case_file_open(municipality=municipality, opened_on=last_year).number == 1
    neighbour = factories.other_municipality("5027", "Midtre Gauldal")
    assert case_file_open(municipality=neighbour, opened_on=today).number == 1
    assert str(case_file_open(municipality=municipality, opened_on=today)) == (
        f"{today.year}/{first.number + 2}"
    )


def test_each_letter_takes_the_next_document_number_of_its_case(
    caseworker, child, guardians, service_type, today
):
    application = applied(caseworker, child, service_type, today)
    reply = preliminary_reply_send(
        actor=caseworker,
        application=application,
        expected_by=today + datetime.timedelta(days=14),
        reason="Vi venter på opplysninger fra skolen.",
        today=today,
    )
    case = application.case_file
    assert str(case) == f"{today.year}/{case.number}"
    assert f"Vår referanse {case}-1" in pdf_text(preliminary_reply_pdf(reply))
    decision = decide(caseworker, child, service_type, today)
    # decide() registers an application of its own: a new case, whose first letter it is.
    assert decision.case_file != case
    assert f"Vår referanse {decision.case_file}-1" in pdf_text(decision_letter_pdf(decision))
    # Printed again, the letter keeps its number; nothing new is registered.
    assert f"Vår referanse {decision.case_file}-1" in pdf_text(decision_letter_pdf(decision))
    assert decision.case_file.documents.count() == 1


def test_forwarding_an_appeal_numbers_two_letters_in_the_decisions_case(
    caseworker, child, guardians, service_type, today
):
    decision = decide(caseworker, child, service_type, today)
    appeal = appeal_register(
        actor=caseworker,
        decision=decision,
        received_on=today,
        grounds="Vi trenger mer.",
        today=today,
    )
    appeal_forward(
        actor=caseworker,
        appeal=appeal,
        reassessment="Ingen endring.",
        forwarded_on=today,
        today=today,
    )
    kinds = list(decision.case_file.documents.values_list("number", "kind"))
    assert kinds == [
        (1, Document.Kind.DECISION_LETTER),
        (2, Document.Kind.APPEAL_FORWARDING),
        (3, Document.Kind.APPEAL_NOTICE),
    ]


def test_a_renewal_at_review_stays_in_the_case_of_the_decision_it_replaces(
    caseworker, child, guardians, service_type, today
):
    from omsorg.cases.services.decisions import DecisionInput
    from omsorg.cases.services.reviews import review_record

    decision = decide(caseworker, child, service_type, today)
    review = review_record(
        actor=caseworker,
        decision=decision,
        performed_on=today,
        outcome="change",
        notes="Behovet består.",
        today=today,
        new_decision=DecisionInput(
            service_type=decision.service_type,
            outcome="granted",
            reasons="Sofie har fortsatt behov for følge til fotballtreningen.",
            quantity=8,
            valid_from=today,
            review_date=add_months(today, 11),
        ),
    )
    renewal = review.new_decision
    assert renewal.case_file == decision.case_file
    assert f"Vår referanse {decision.case_file}-2" in pdf_text(decision_letter_pdf(renewal))
    assert f"(referanse {decision.case_file}-1)" in pdf_text(decision_letter_pdf(renewal))


def test_letter_gives_the_caseworkers_phone_and_email_and_the_units_postal_address(
    caseworker, child, guardians, service_type, today
):
    caseworker.phone, caseworker.email = "72 41 50 17", "sigrid.haugland@holtalen.example"
    caseworker.save()
    text = pdf_text(decision_letter_pdf(decide(caseworker, child, service_type, today)))
    # In the letterhead's table (labels in one column, values in the next).
    assert "Saksbehandler Telefon E-post" in text
    assert "72 41 50 17" in text and "sigrid.haugland@holtalen.example" in text
    assert (
        "Send klagen skriftlig til Koordinerende enhet for barn og unge, Postboks 24, 7380 Ålen."
        in text
    )
