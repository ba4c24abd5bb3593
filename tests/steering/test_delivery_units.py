"""Decided vs delivered in the scope's own unit (issue 9 §2), from the database: hours per
unit of scope as dated data per service, days compared in days where no hours per day are
set, and a respite home night counted once when a stay and a registration both record it
(the stays are the record). Figures hand-computed in each test."""

import datetime
from decimal import Decimal

import pytest

from omsorg.respite.models import Placement, RespiteHome, Stay
from omsorg.steering.delivery import Status
from omsorg.steering.delivery_selectors import (
    delivery_figures_shown,
    delivery_lines,
    hours_per_unit,
)
from omsorg.steering.models import HoursPerUnit
from omsorg.steering.services import registration_record
from tests.steering.conftest import decide

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _hours(municipality, code, unit, hours, valid_from=datetime.date(2000, 1, 1)):
    return HoursPerUnit.objects.create(
        municipality=municipality, service_code=code, scope_unit=unit,
        hours_per_unit=Decimal(hours), valid_from=valid_from,
    )  # fmt: skip


def _register(person, unit, service, day, hours):
    registration_record(actor=None, person=person, unit=unit, service_type=service, date=day,
                        hours=Decimal(hours), source="test")  # fmt: skip


def test_hours_per_unit_are_dated_the_latest_in_force_counts(municipality):
    _hours(municipality, "respite_home", "nights", 16, datetime.date(2020, 1, 1))
    _hours(municipality, "respite_home", "nights", 12, datetime.date(2024, 1, 1))
    _hours(municipality, "respite_home", "days", 8, datetime.date(2024, 1, 1))
    assert hours_per_unit(municipality, datetime.date(2023, 6, 1)) == {
        ("respite_home", "nights"): 16
    }
    assert hours_per_unit(municipality, datetime.date(2024, 6, 1)) == {
        ("respite_home", "nights"): 12, ("respite_home", "days"): 8,
    }  # fmt: skip


def test_a_respite_night_with_a_stay_and_a_registration_counts_once(
    municipality, units, make_person, service_type, last_month
):
    """Gap 4: 4 nights a month decided at 10 h a night = 40 h. A stay of 3 nights, and
    registrations of 10 h on two of those nights and on one other day: the stay's 3 nights
    plus the one registration outside it = 4 nights, 40 h; not 6 nights, 60 h."""
    person = make_person()
    home = RespiteHome.objects.create(unit=units["SONE-A"], beds=4)
    placement = Placement.objects.create(home=home, person=person, municipality=municipality)
    start = last_month.first + 2 * DAY
    Stay.objects.create(home=home, placement=placement, first_night=start, nights=3,
                        status=Stay.Status.CONFIRMED)  # fmt: skip
    respite = service_type("respite_home")
    decide(person, respite, units["SONE-A"], quantity=4, scope="nights", per="month")
    _hours(municipality, "respite_home", "nights", 10)
    for day in (start, start + DAY, last_month.first + 10 * DAY):
        _register(person, units["SONE-A"], respite, day, 10)
    (line,) = delivery_lines(municipality, None, last_month)
    assert (line.measure, line.decided, line.delivered) == ("nights", 4, 4)
    assert (line.decided_hours, line.delivered_hours) == (40, 40)
    assert line.status == Status.AS_DECIDED


def test_a_cancelled_stay_leaves_the_registration_of_its_night(
    municipality, units, make_person, service_type, last_month
):
    person = make_person()
    home = RespiteHome.objects.create(unit=units["SONE-A"], beds=4)
    placement = Placement.objects.create(home=home, person=person, municipality=municipality)
    night = last_month.first + 3 * DAY
    Stay.objects.create(home=home, placement=placement, first_night=night, nights=1,
                        status=Stay.Status.CANCELLED)  # fmt: skip
    respite = service_type("respite_home")
    decide(person, respite, units["SONE-A"], quantity=1, scope="nights", per="month")
    _register(person, units["SONE-A"], respite, night, 18)
    (line,) = delivery_lines(municipality, None, last_month)
    assert (line.delivered, line.delivered_hours) == (1, 18)  # the default 18 h a night


def test_respite_by_day_without_hours_per_day_is_compared_in_days(
    municipality, units, make_person, service_type, last_month
):
    """2 days a week over the month: 2 × days / 7 decided; 5 registered days (6 h each)."""
    person = make_person()
    respite = service_type("respite_home")
    decide(person, respite, units["SONE-A"], quantity=2, scope="days", per="week")
    for k in range(5):
        _register(person, units["SONE-A"], respite, last_month.first + k * DAY, 6)
    days = (last_month.last - last_month.first).days + 1
    (line,) = delivery_lines(municipality, None, last_month)
    assert (line.measure, line.in_hours) == ("days", False)
    assert line.decided == Decimal(2) * days / 7
    assert (line.delivered, line.delivered_hours) == (5, 30)
    # With 6 hours a day set, the same decision is compared in hours: 2 × days / 7 × 6.
    _hours(municipality, "respite_home", "days", 6)
    (line,) = delivery_lines(municipality, None, last_month)
    assert line.in_hours and line.decided_hours == Decimal(2) * days / 7 * 6
    assert line.delivered_hours == 30


def test_figures_shown_name_the_hours_per_unit_and_the_days_apart(
    municipality, units, make_person, service_type, last_month
):
    """Five persons with 2 days a week of respite by day, 4 days delivered each: the API's
    and the page's figures hold them under `counted_in_own_unit`, not in the hours."""
    respite = service_type("respite_home")
    _hours(municipality, "respite_home", "nights", 10)
    for _ in range(5):
        person = make_person()
        decide(person, respite, units["SONE-A"], quantity=2, scope="days", per="week")
        for k in range(4):
            _register(person, units["SONE-A"], respite, last_month.first + k * DAY, 6)
    days = (last_month.last - last_month.first).days + 1
    shown = delivery_figures_shown(municipality, None, last_month)
    assert shown["suppressed"] is False and shown["decided_hours"] == 0
    (row,) = shown["counted_in_own_unit"]
    assert row["measure"] == "days" and row["lines"] == 5 and row["delivered"] == 20
    assert row["decided"] == pytest.approx(float(Decimal(10) * days / 7))
    assert {"service": "respite_home", "scope_unit": "nights", "hours": 10,
            "configured": True} in shown["hours_per_unit"]  # fmt: skip
    assert shown["hours_per_unit"][-1] == {"service": None, "scope_unit": "nights",
                                           "hours": 18, "configured": False}  # fmt: skip
    # No hours per day set for respite: a day stay counts its home's times, shown as null.
    assert {"service": "respite_home", "scope_unit": "days", "hours": None,
            "configured": False} in shown["hours_per_unit"]  # fmt: skip
    _hours(municipality, "respite_home", "days", 6)
    shown = delivery_figures_shown(municipality, None, last_month)
    days_rows = [r for r in shown["hours_per_unit"] if r["scope_unit"] == "days"]
    assert days_rows == [{"service": "respite_home", "scope_unit": "days", "hours": 6,
                          "configured": True}]  # fmt: skip
    # SONE-B has nobody: an empty group is shown, with nothing counted in days.
    empty = delivery_figures_shown(municipality, "SONE-B", last_month)
    assert empty["suppressed"] is False and empty["counted_in_own_unit"] == []


def test_a_small_group_hides_its_days_too(municipality, units, make_person, service_type,
                                          last_month):  # fmt: skip
    person = make_person()
    decide(person, service_type("respite_home"), units["SONE-A"], quantity=2, scope="days",
           per="week")  # fmt: skip
    shown = delivery_figures_shown(municipality, None, last_month)
    assert shown["suppressed"] is True and shown["counted_in_own_unit"] is None
    assert shown["hours_per_unit"]  # the assumptions are about no one: always shown


def test_the_tertial_report_writes_days_apart_from_the_hours():
    """The report's decided-vs-delivered rows: 3 days a week over February's 28 days = 12
    days decided, 9 delivered (75 %), and the decisions not compared, beside the hours."""
    from django.utils import translation

    from omsorg.steering.delivery import OwnUnitTotals, Totals
    from omsorg.steering.report import TertialReport

    totals = Totals(decided_hours=Decimal(31), delivered_hours=Decimal(31), persons=6,
                    decisions_not_comparable=5)  # fmt: skip
    totals.own_unit["days"] = OwnUnitTotals("days", Decimal(3) * 28 / 7, Decimal(9), 1)
    report = TertialReport(None, None, {}, [], [], [], None, delivery=totals)
    with translation.override("nb"):
        rows = dict(report.delivery_rows)
    assert rows["Vedtatt mot levert i dager (ikke i timer)"] == "9,0 av 12,0 (75,00\u00a0%)"
    assert rows["Vedtak som ikke er sammenlignet (besøk eller helger uten timer per enhet)"] == "5"


# Respite day stays (issue 9 §2; dagopphold, seed 004 §1.4: "på timebasis"): a day stay that is
# not cancelled is a delivered day of the respite home's service, in hours by the service's
# hours per day if configured, else by the home's day-stay times, and delivered once.


def _day_stay(home, placement, day, status=Stay.Status.CONFIRMED):
    from omsorg.respite.models import DayStay

    return DayStay.objects.create(home=home, placement=placement, date=day, status=status)


def test_a_respite_day_stay_counts_in_the_homes_day_stay_hours(
    municipality, units, make_person, service_type, last_month
):
    """4 nights a month at 10 h = 40 h decided. A stay of 3 nights (30 h) and a day stay at a
    home open for day stays 14:00-18:00 (4 h): 34 h delivered, 3.4 nights; under (34 < 36)."""
    person = make_person()
    home = RespiteHome.objects.create(unit=units["SONE-A"], beds=4, day_places=2)
    placement = Placement.objects.create(home=home, person=person, municipality=municipality)
    Stay.objects.create(home=home, placement=placement, first_night=last_month.first + 2 * DAY,
                        nights=3, status=Stay.Status.CONFIRMED)  # fmt: skip
    _day_stay(home, placement, last_month.first + 10 * DAY)
    decide(person, service_type("respite_home"), units["SONE-A"], quantity=4, scope="nights",
           per="month")  # fmt: skip
    _hours(municipality, "respite_home", "nights", 10)
    (line,) = delivery_lines(municipality, None, last_month)
    assert (line.decided_hours, line.delivered_hours) == (40, 34)
    assert (line.measure, line.delivered, line.status) == ("nights", Decimal("3.4"), Status.UNDER)


def test_configured_hours_per_day_count_and_a_day_stay_is_delivered_once(
    municipality, units, make_person, service_type, last_month
):
    """Hours per day of respite configured (6 h) count instead of the home's times; a
    registration of the same service on the day stay's date is the day stay's (not added);
    a cancelled day stay delivers nothing. 2 nights a month at 10 h = 20 h decided; two day
    stays of 6 h delivered = 12 h."""
    person = make_person()
    home = RespiteHome.objects.create(unit=units["SONE-A"], beds=4, day_places=2)
    placement = Placement.objects.create(home=home, person=person, municipality=municipality)
    respite = service_type("respite_home")
    decide(person, respite, units["SONE-A"], quantity=2, scope="nights", per="month")
    _hours(municipality, "respite_home", "nights", 10)
    _hours(municipality, "respite_home", "days", 6)
    first, second = last_month.first + 4 * DAY, last_month.first + 5 * DAY
    _day_stay(home, placement, first)
    _day_stay(home, placement, second)
    _day_stay(home, placement, last_month.first + 6 * DAY, status=Stay.Status.CANCELLED)
    _register(person, units["SONE-A"], respite, first, 6)
    (line,) = delivery_lines(municipality, None, last_month)
    assert (line.decided_hours, line.delivered_hours) == (20, 12)


def test_day_stays_against_a_decision_in_days_are_compared_in_days(
    municipality, units, make_person, service_type, last_month
):
    """Respite by day decided as 3 days a month, no hours per day configured: compared in
    days, two day stays = 2 of 3 days; their hours (home times, 4 h each) are shown too."""
    person = make_person()
    home = RespiteHome.objects.create(unit=units["SONE-A"], beds=4, day_places=2)
    placement = Placement.objects.create(home=home, person=person, municipality=municipality)
    decide(person, service_type("respite_home"), units["SONE-A"], quantity=3, scope="days",
           per="month")  # fmt: skip
    _day_stay(home, placement, last_month.first + DAY)
    _day_stay(home, placement, last_month.first + 2 * DAY)
    (line,) = delivery_lines(municipality, None, last_month)
    assert (line.measure, line.in_hours, line.decided, line.delivered) == ("days", False, 3, 2)
    assert line.delivered_hours == 8
