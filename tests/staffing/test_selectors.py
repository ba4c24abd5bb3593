"""The gap report (issue 11 §1; seed 001 TT mål 1.2-1.3, seed 000's courses)."""

import datetime
from decimal import Decimal

import pytest

from omsorg.staffing.selectors import gap_report
from omsorg.staffing.services import care_need_add

pytestmark = pytest.mark.django_db


def test_share_of_social_educators_against_34_percent(hire, department, today):
    hire("vernepleier", percent=100, hpr="1234567")
    hire("assistent", percent=100)
    hire("helsefagarbeider", percent=100, hpr="7654321")
    hire("vernepleier", percent=100, kind="substitute")  # the pool does not count
    report = gap_report(department, today)
    assert report.vernepleier_percent == Decimal("33.3")
    assert not report.share_met
    hire("vernepleier", percent=10, hpr="2345678")
    assert gap_report(department, today).share_met  # 110 / 310 = 35.5 %


def test_need_without_a_holder_is_a_gap(leader, hire, course, department, served_child, today):
    care_need_add(actor=leader, unit=department, person_id=served_child.pk,
                  competence="epilepsi", today=today)  # fmt: skip
    epilepsy = gap_report(department, today).needs[0]
    assert (epilepsy.persons, epilepsy.holders, epilepsy.covered) == (1, [], False)
    holder = hire()
    course(holder, "epilepsi", expires_in=200)
    assert gap_report(department, today).needs[0].holders == [holder]


def test_expired_course_does_not_cover_and_expiring_is_listed(hire, course, department, today):
    nurse = hire()
    course(nurse, "forstehjelp", expires_in=90)  # the 90th day: listed
    course(nurse, "ask", expires_in=91)  # outside the window
    course(nurse, "epilepsi", completed_days_ago=400, expires_in=-1)
    report = gap_report(department, today)
    assert [c.competence for c in report.expiring] == ["forstehjelp"]
    assert report.expiring[0].expires_on == today + datetime.timedelta(days=90)


def test_authorised_profession_without_hpr_is_listed(hire, department, today):
    nurse = hire("sykepleier")
    assert gap_report(department, today).hpr_missing == [nurse]
