"""Pure rules (issue 10 §2, §3): competence levels, when a weekly pattern falls due, and the
travel matrix from coordinates (straight line × detour at the zone's speed)."""

import datetime

import pytest

from omsorg.homecare.rules import clock, falls_on, needed_skills, skills_of
from omsorg.homecare.travel import Point, matrices, straight_km


def test_a_nurse_may_do_what_a_health_worker_and_an_assistant_do():
    assert needed_skills("health_worker") <= skills_of("nurse")
    assert needed_skills("assistant") <= skills_of("health_worker")
    assert not needed_skills("nurse") <= skills_of("health_worker")
    with pytest.raises(ValueError):
        skills_of("doctor")


def test_every_other_tuesday_falls_on_alternate_weeks():
    tuesday = datetime.date.today() + datetime.timedelta(
        days=(1 - datetime.date.today().weekday()) % 7
    )
    parity = tuesday.isocalendar().week % 2
    rule = {"weekdays": [1], "every_weeks": 2, "week_parity": parity}
    assert falls_on(tuesday, **rule)
    assert not falls_on(tuesday + datetime.timedelta(days=7), **rule)
    assert falls_on(tuesday + datetime.timedelta(days=14), **rule)
    assert not falls_on(tuesday + datetime.timedelta(days=1), **rule)


def test_the_matrix_is_the_straight_line_times_detour_at_the_zone_speed():
    base, east = Point(62.83, 7.16), Point(62.83, 7.16 + 0.01967 * 10)
    km = straight_km(base, east)
    assert 9.9 < km < 10.1
    travel, distance = matrices([base, east], speed_kmh=30, detour=1.5)
    assert distance[0][1] == pytest.approx(km * 1.5, abs=0.01)
    assert travel[0][1] == pytest.approx(km * 1.5 / 30 * 60, abs=0.02)
    assert travel[0][0] == 0 and travel[0][1] == travel[1][0]
    with pytest.raises(ValueError):
        matrices([base], speed_kmh=0, detour=1.3)


def test_clock_writes_minutes_as_hours():
    assert clock(450) == "07:30"
    assert clock(455.7) == "07:35"
    assert clock(None) == ""
