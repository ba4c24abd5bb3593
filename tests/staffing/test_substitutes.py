"""Absence and substitutes (issue 11 §4): vacancies from an absence on a published rotation,
proposals (part-timers first, then the pool; never a broken rule or hours past full time),
offers, the first acceptance fills the shift and withdraws the others; all logged."""

import datetime

import pytest

from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.models import CaseEvent, Role
from omsorg.staffing import plan_io
from omsorg.staffing.models import Offer, Vacancy
from omsorg.staffing.rotations import rotation_publish
from omsorg.staffing.substitutes import absence_register, candidates, offer_accept
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(shifts, team, make_rotation, leader):
    rotation = make_rotation()
    rotation_publish(actor=leader, rotation=rotation, expected_version=rotation.version)
    rotation.refresh_from_db()
    return rotation


def _first_shift(rotation, employee):
    days = rotation.roster[plan_io.staff_id(employee.pk)]
    day = next(d for d, code in enumerate(days) if code)
    return day, days[day]


@pytest.fixture
def sick_day(published, team, leader):
    employee = team[0]  # full time
    day, code = _first_shift(published, employee)
    date = published.start + datetime.timedelta(days=day)
    absence_register(actor=leader, employee=employee, first_day=date, last_day=date, kind="sick")
    published.refresh_from_db()
    return published, employee, day, code


def test_absence_opens_the_shift_and_sends_offers(sick_day):
    rotation, employee, day, code = sick_day
    assert rotation.roster[plan_io.staff_id(employee.pk)][day] == ""
    vacancy = Vacancy.objects.get()
    assert (vacancy.day, vacancy.shift_code, vacancy.status) == (day, code, "open")
    assert vacancy.offers.count() >= 1
    assert CaseEvent.objects.filter(kind="absence_registered").exists()
    assert CaseEvent.objects.filter(kind="offer_sent").count() == vacancy.offers.count()


def test_proposal_puts_part_timers_before_the_pool_and_breaks_no_rule(sick_day, hire):
    rotation, _employee, _day, _code = sick_day
    pool = hire("vernepleier", 100, kind="substitute", hpr="7654321")
    vacancy = Vacancy.objects.get()
    ranked = candidates(rotation, vacancy)
    kinds = [c.part_timer for c in ranked]
    assert kinds == sorted(kinds, reverse=True)  # every part-timer before the pool
    assert pool in [c.employee for c in ranked]
    assert all(c.employee.position_percent < 100 or not c.part_timer for c in ranked)
    # Nobody proposed works that day already (one shift a day).
    for c in ranked:
        who = plan_io.staff_id(c.employee.pk)
        assert who not in rotation.roster or rotation.roster[who][vacancy.day] == ""


def test_first_acceptance_fills_the_shift_and_withdraws_the_others(sick_day, municipality):
    rotation, _employee, day, code = sick_day
    vacancy = Vacancy.objects.get()
    offers = list(vacancy.offers.all())
    for offer in offers:  # every offered employee gets a login
        user = factories.user(municipality, Role.CARE_WORKER, unit=rotation.unit)
        offer.employee.user = user
        offer.employee.save(update_fields=["user"])
    first = offers[0]
    offer_accept(actor=first.employee.user, offer=first)
    vacancy.refresh_from_db()
    assert (vacancy.status, vacancy.filled_by) == ("filled", first.employee)
    assert set(vacancy.offers.exclude(pk=first.pk).values_list("status", flat=True)) <= {
        Offer.Status.WITHDRAWN
    }
    rotation.refresh_from_db()
    who = plan_io.staff_id(first.employee.pk)
    if who in rotation.roster:
        assert rotation.roster[who][day] == code
    if len(offers) > 1:
        with pytest.raises(InvalidInput):
            offer_accept(actor=offers[1].employee.user, offer=offers[1])
    assert CaseEvent.objects.filter(kind="offer_accepted").count() == 1


def test_only_the_offered_employee_accepts(sick_day, users):
    offer = Offer.objects.first()
    with pytest.raises(PermissionDenied):
        offer_accept(actor=users[Role.CARE_WORKER], offer=offer)
