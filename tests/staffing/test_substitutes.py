"""Absence and substitutes (issue 11 §4): vacancies from an absence on a published rotation,
proposals (part-timers first, then the pool; never a broken rule or hours past full time),
offers, the first acceptance fills the shift and withdraws the others; all logged."""

import datetime

import pytest

from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.models import CaseEvent, Role
from omsorg.staffing import plan_io
from omsorg.staffing.models import Absence, Offer, Vacancy
from omsorg.staffing.rotations import rotation_publish
from omsorg.staffing.substitutes import (
    absence_register,
    candidates,
    offer_accept,
    offer_decline,
    offer_send,
    own_sickness_report,
)
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
def sick_day(published, team, leader, hire):
    # One in the substitute pool: someone can always be offered the shift, whatever roster
    # the engine made (the part-timers may all be on duty or at their limits that day).
    hire("assistent", 100, kind="substitute", first_name="Pia")
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


def _logins(offers, municipality, unit):
    for offer in offers:
        if offer.employee.user_id is None:
            offer.employee.user = factories.user(municipality, Role.CARE_WORKER, unit=unit)
            offer.employee.save(update_fields=["user"])


def test_a_declined_offer_goes_to_the_next_one_proposed(sick_day, hire, municipality):
    """Issue 11 §4: a no is logged and the shift is offered to the best one proposed who has
    had no offer for it yet (two hired into the pool after the offers went out: there is one)."""
    rotation, _employee, _day, _code = sick_day
    for _ in range(2):
        hire("helsefagarbeider", 100, kind="substitute")
    vacancy = Vacancy.objects.get()
    offered = set(vacancy.offers.values_list("employee_id", flat=True))
    ranked = [c.employee for c in candidates(rotation, vacancy)]
    expected = next(e for e in ranked if e.pk not in offered)
    first = vacancy.offers.order_by("rank").first()
    _logins([first], municipality, rotation.unit)
    following = offer_decline(actor=first.employee.user, offer=first)
    first.refresh_from_db()
    assert first.status == Offer.Status.DECLINED
    assert CaseEvent.objects.filter(kind="offer_declined", subject_id=first.pk).exists()
    assert following.employee == expected and following.status == Offer.Status.OPEN
    assert following.rank == max(o.rank for o in vacancy.offers.exclude(pk=following.pk)) + 1
    assert expected.pk not in offered
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.OPEN and vacancy.filled_by is None
    with pytest.raises(InvalidInput):  # said no already
        offer_decline(actor=first.employee.user, offer=first)
    with pytest.raises(InvalidInput):  # the leader does not ask again
        offer_send(actor=rotation.created_by, vacancy=vacancy, employee=first.employee)


def test_when_everyone_says_no_the_shift_stays_open_for_the_leader(sick_day, municipality):
    rotation, _employee, _day, _code = sick_day
    vacancy = Vacancy.objects.get()
    asked = 0
    while offer := vacancy.offers.filter(status=Offer.Status.OPEN).order_by("rank").first():
        _logins([offer], municipality, rotation.unit)
        offer_decline(actor=offer.employee.user, offer=offer)
        asked += 1
        assert asked <= 50
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.OPEN
    # Everyone who could take it was asked, once each.
    assert {c.employee.pk for c in candidates(rotation, vacancy)} <= set(
        vacancy.offers.values_list("employee_id", flat=True)
    )
    assert vacancy.offers.filter(status=Offer.Status.DECLINED).count() == asked


def test_only_the_offered_employee_declines_and_not_a_taken_shift(sick_day, users, municipality):
    rotation, _employee, _day, _code = sick_day
    offers = list(Offer.objects.order_by("rank"))
    with pytest.raises(PermissionDenied):
        offer_decline(actor=users[Role.CARE_WORKER], offer=offers[0])
    _logins(offers, municipality, rotation.unit)
    offer_accept(actor=offers[0].employee.user, offer=offers[0])
    if len(offers) > 1:
        with pytest.raises(InvalidInput):
            offer_decline(actor=offers[1].employee.user, offer=offers[1])


def test_an_employee_reports_themself_sick_and_the_shifts_go_to_offers(
    published, team, municipality, today, hire
):
    """Issue 11 §4 on the phone: the employee's own sickness report opens the same vacancies
    with offers as the leader's registration (a substitute in the pool can always be asked)."""
    hire("helsefagarbeider", 100, kind="substitute")
    employee = team[1]
    employee.user = factories.user(municipality, Role.CARE_WORKER, unit=published.unit)
    employee.save(update_fields=["user"])
    day, code = _first_shift(published, employee)
    date = published.start + datetime.timedelta(days=day)
    absence = own_sickness_report(actor=employee.user, first_day=date, last_day=date, today=today)
    assert (absence.employee, absence.kind, absence.created_by) == (employee, "sick", employee.user)
    vacancy = Vacancy.objects.get()
    assert (vacancy.absence, vacancy.day, vacancy.shift_code) == (absence, day, code)
    offered = list(vacancy.offers.order_by("rank").values_list("employee_id", flat=True))
    assert offered and employee.pk not in offered
    assert offered == [c.employee.pk for c in candidates(published, vacancy)][: len(offered)]
    published.refresh_from_db()
    assert published.roster[plan_io.staff_id(employee.pk)][day] == ""
    assert CaseEvent.objects.filter(kind="absence_registered", actor=employee.user).exists()


def test_own_sickness_not_for_days_gone_by_and_only_for_employees(published, team, users, today):
    employee = team[1]
    employee.user = users[Role.CARE_WORKER]
    employee.save(update_fields=["user"])
    yesterday = today - datetime.timedelta(days=1)
    with pytest.raises(InvalidInput):
        own_sickness_report(actor=employee.user, first_day=yesterday, last_day=today, today=today)
    with pytest.raises(InvalidInput):
        own_sickness_report(actor=employee.user, first_day=today, last_day=yesterday, today=today)
    with pytest.raises(PermissionDenied):
        own_sickness_report(actor=users[Role.CASEWORKER], first_day=today, last_day=today,
                            today=today)  # fmt: skip
    assert not Absence.objects.exists() and not Vacancy.objects.exists()
