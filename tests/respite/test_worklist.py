"""The home's worklist: a stay without a report two days after it ended (seed 000: written
feedback after every stay); reports written but not yet reviewed by the shift lead."""

import datetime

import pytest
from django.urls import reverse

from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.models import Role
from omsorg.people.models import Assignment
from omsorg.respite.selectors import home_worklist
from omsorg.respite.services.homes import shift_add
from omsorg.respite.services.reports import ReportInput, may_review, report_review, report_write
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def served(child, assign, care_worker, today):
    placement = child(quantity=12, valid_from=today - datetime.timedelta(days=60))
    assign(placement, care_worker)
    return placement


def test_a_stay_without_report_two_days_after_it_ended_is_on_the_worklist(
    served, past_stay, leader, home, today
):
    due = past_stay(served, ago=2)
    not_yet = past_stay(served, ago=0, nights=1)
    written = past_stay(served, ago=6, report=True)
    worklist = home_worklist(actor=leader, home=home, today=today)
    missing = [stay for stay, _label in worklist["missing_reports"]]
    assert missing == [due]
    assert not_yet not in missing
    assert [r.stay for r, _label in worklist["reports_to_review"]] == [written]


def test_a_care_worker_s_worklist_holds_only_the_children_they_serve(
    served, child, past_stay, assign, care_worker, municipality, department, home, today
):
    """Each role sees its own tasks: a stay of a child the care worker cannot open is not
    theirs to report on (it would link to a refusal)."""
    mine = past_stay(served, ago=3)
    other = child(quantity=12, valid_from=today - datetime.timedelta(days=60))
    past_stay(other, ago=4)
    colleague = factories.user(municipality, Role.CARE_WORKER, unit=department)
    assign(other, colleague)
    report_write(
        actor=colleague,
        stay=past_stay(other, ago=8),
        data=ReportInput(sleep="Sov godt.", food="Spiste alt.", activities="Tegnet."),
        today=today,
    )
    worklist = home_worklist(actor=care_worker, home=home, today=today)
    assert [stay for stay, _label in worklist["missing_reports"]] == [mine]
    assert worklist["reports_to_review"] == []


def test_worklist_is_on_the_home_page(client, served, past_stay, leader, home, today):
    due = past_stay(served, ago=3)
    client.force_login(leader)
    body = client.get(reverse("respite_home", args=[home.pk])).content.decode()
    assert reverse("stay_detail", args=[home.pk, due.pk]) in body


def test_the_writer_does_not_review_their_own_report(served, past_stay, care_worker, today):
    stay = past_stay(served, ago=3)
    report = report_write(
        actor=care_worker,
        stay=stay,
        data=ReportInput(sleep="Urolig natt.", food="Lite.", activities="Lego."),
        today=today,
    )
    with pytest.raises(PermissionDenied):  # not shift lead either
        report_review(actor=care_worker, report=report, expected_version=1, today=today)


def test_a_shift_lead_reviews_and_the_report_needs_its_fields(
    served, past_stay, leader, care_worker, users, home, today
):
    stay = past_stay(served, ago=3)
    with pytest.raises(InvalidInput):
        report_write(actor=care_worker, stay=stay,
                     data=ReportInput(sleep="", food="x", activities="y"), today=today)  # fmt: skip
    report = report_write(actor=care_worker, stay=stay,
                          data=ReportInput(sleep="Sov.", food="Middag.", activities="Sykkel."),
                          today=today)  # fmt: skip
    lead = factories.user(home.unit.municipality, Role.CARE_WORKER, unit=home.unit)
    Assignment.objects.create(person=served.person, staff=lead, kind="care_worker",
                              valid_from=stay.first_night)  # fmt: skip
    shift_add(actor=leader, home=home, date=stay.first_night, staff=lead, is_shift_lead=True)
    reviewed = report_review(actor=lead, report=report, expected_version=1, today=today)
    assert reviewed.status == "reviewed"
    assert reviewed.reviewed_by == lead


def test_mark_as_reviewed_is_offered_only_to_those_who_may_review(
    client_as, served, past_stay, leader, care_worker, home
):
    """Four eyes on stay reports (seed 000: written feedback after every stay, read through
    before the family sees it): the writer's own page offers no "Mark as reviewed"; the home's
    leader's does."""
    stay = past_stay(served, ago=3, report=True)  # written by the care worker
    url = reverse("stay_detail", args=[home.pk, stay.pk])
    writer_page = client_as(care_worker).get(url).content.decode()
    assert 'value="review"' not in writer_page
    assert "Written by" in writer_page or "Skrevet av" in writer_page
    leader_page = client_as(leader).get(url).content.decode()
    assert 'value="review"' in leader_page
    assert may_review(leader, stay.report, today=stay.ends_on)
    assert not may_review(care_worker, stay.report, today=stay.ends_on)
