"""The criterion kinds on their own: age arithmetic, limits, tiers, notice, flags, parameters."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from omsorg.catalogue.criteria import KINDS, Outcome, ParamError
from omsorg.catalogue.criteria.age import age_on
from omsorg.catalogue.criteria.notice import months_before

RANK = {Outcome.MET: 0, Outcome.DISCRETION: 1, Outcome.NOT_MET: 2}
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def run(kind: str, params: dict, facts: dict, on_date: date = date(2024, 5, 15)):
    return KINDS[kind].evaluate(KINDS[kind].validate(params), facts, on_date)


def _reference_age(birth: date, on: date) -> int:
    """Count birthdays; one born 29 February has it on 1 March in other years."""

    def birthday(year: int) -> date:
        if (birth.month, birth.day) == (2, 29) and not calendar.isleap(year):
            return date(year, 3, 1)
        return birth.replace(year=year)

    return sum(1 for year in range(birth.year + 1, on.year + 1) if birthday(year) <= on)


@given(dates, dates)
def test_age_matches_counting_birthdays(a, b):
    birth, on = min(a, b), max(a, b)
    assert age_on(birth, on) == _reference_age(birth, on)


def test_age_on_the_birthday_is_the_new_age():
    assert age_on(date(1957, 5, 15), date(2024, 5, 15)) == 67
    assert age_on(date(1957, 5, 16), date(2024, 5, 15)) == 66


def test_born_29_february_turns_a_year_older_on_1_march_in_other_years():
    birth = date(2016, 2, 29)
    assert age_on(birth, date(2023, 2, 28)) == 6
    assert age_on(birth, date(2023, 3, 1)) == 7
    assert age_on(birth, date(2024, 2, 28)) == 7
    assert age_on(birth, date(2024, 2, 29)) == 8


def test_age_before_birth_is_an_error():
    with pytest.raises(ValueError):
        age_on(date(2024, 5, 16), date(2024, 5, 15))


@given(st.integers(0, 30), st.integers(0, 30))
def test_quantity_limit_is_monotone_and_always_reports_the_limit(requested, most):
    params = {"fact": "requested_hours_per_month", "max": most, "unit": "hours", "period": "month"}
    params["binding"] = "law"  # a guideline reports no limit: it caps nothing
    finding = run("quantity_limit", params, {"requested_hours_per_month": requested})
    assert finding.limit == most
    assert (finding.outcome is Outcome.MET) == (requested <= most)


@given(st.floats(0, 80, allow_nan=False), st.floats(0, 80, allow_nan=False))
def test_weekly_hours_right_never_gets_worse_with_more_hours(a, b):
    params = {"right_from": 32, "consider_from": 25, "below": "not_met"}
    low, high = sorted((a, b))
    first = run("weekly_hours_right", params, {"hours_per_week": low}).outcome
    second = run("weekly_hours_right", params, {"hours_per_week": high}).outcome
    assert RANK[second] <= RANK[first]


def test_weekly_hours_right_tiers_at_the_boundaries():
    params = {"right_from": 32, "consider_from": 25}
    outcomes = [
        run("weekly_hours_right", params, {"hours_per_week": h}).outcome
        for h in (32, 31.99, 25, 24.99)
    ]
    assert outcomes == [Outcome.MET, Outcome.DISCRETION, Outcome.DISCRETION, Outcome.DISCRETION]


@given(dates, st.integers(0, 24))
def test_months_before_moves_back_whole_months_clamped_to_month_end(day, months):
    earlier = months_before(day, months)
    assert (day.year * 12 + day.month) - (earlier.year * 12 + earlier.month) == months
    assert earlier.day == min(day.day, calendar.monthrange(earlier.year, earlier.month)[1])


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2090, 1, 1)))
def test_two_months_before_is_59_to_62_days(day):
    assert 59 <= (day - months_before(day, 2)).days <= 62


@given(dates.filter(lambda d: d.year < 2100), st.integers(0, 200), st.integers(0, 200))
def test_advance_notice_never_gets_worse_with_earlier_application(on, a, b):
    params = {"min_months": 2}
    low, high = sorted((a, b))
    first = run("advance_notice", params, {"applied_days_before_departure": low}, on).outcome
    second = run("advance_notice", params, {"applied_days_before_departure": high}, on).outcome
    assert RANK[second] <= RANK[first]


def test_advance_notice_at_the_end_of_a_month():
    """Departure 31 March: 2 months before is 31 January, so applying on 1 February is late."""
    params = {"min_months": 2}
    on = date(2023, 1, 31)
    facts = {"applied_days_before_departure": (date(2023, 3, 31) - on).days}
    assert run("advance_notice", params, facts, on).outcome is Outcome.MET
    on_late = on + timedelta(days=1)
    facts = {"applied_days_before_departure": (date(2023, 3, 31) - on_late).days}
    assert run("advance_notice", params, facts, on_late).outcome is Outcome.NOT_MET


def test_excludes_any_of_with_an_exception():
    params = {
        "any_of": ["needs_two_or_more_staff", "needs_night_service"],
        "unless": "continuous_need",
    }
    clear = {"needs_two_or_more_staff": False, "needs_night_service": False}
    assert run("excludes", params, clear).outcome is Outcome.MET
    night = {**clear, "needs_night_service": True}
    assert run("excludes", params, night).missing_fact == "continuous_need"
    assert run("excludes", params, {**night, "continuous_need": False}).outcome is (Outcome.NOT_MET)
    assert run("excludes", params, {**night, "continuous_need": True}).outcome is Outcome.MET


def test_requires_any_of_waits_for_missing_facts_before_refusing():
    params = {"any_of": ["particularly_heavy_care", "demanding_medical_needs"]}
    finding = run("requires", params, {"particularly_heavy_care": False})
    assert (finding.outcome, finding.missing_fact) == (
        Outcome.DISCRETION,
        "demanding_medical_needs",
    )
    assert run("requires", params, {"demanding_medical_needs": True}).outcome is Outcome.MET


def test_missing_fact_gives_discretion_naming_it_in_every_language():
    finding = run("min_stay_days", {"min_days": 3}, {})
    assert (finding.outcome, finding.missing_fact) == (Outcome.DISCRETION, "stay_days")
    labels = {"nb": "«Oppholdets lengde i dager»", "nn": "«Lengda på opphaldet i dagar»"}
    labels["en"] = "'Length of the stay in days'"
    assert all(labels[lang] in finding.reason[lang] for lang in ("nb", "nn", "en"))
    assert not any("stay_days" in finding.reason[lang] for lang in ("nb", "nn", "en"))


def test_every_kind_gives_reasons_in_bokmal_nynorsk_and_english():
    finding = run("age", {"min_age": 5}, {"birth_date": date(2020, 1, 1)})
    assert set(finding.reason) == {"nb", "nn", "en"}
    assert finding.reason["nb"] != finding.reason["nn"] != finding.reason["en"]


@pytest.mark.parametrize(
    ("kind", "params", "param"),
    [
        ("age", {}, "min_age"),
        ("age", {"max_age": 5, "under_age": 6}, "under_age"),
        ("age", {"min_age": 10, "under_age": 5}, "min_age"),
        ("age", {"min_age": -1}, "min_age"),
        ("age", {"min_age": True}, "min_age"),
        ("age", {"min_age": 5, "outside": "maybe"}, "outside"),
        ("age", {"min_age": 5, "exception_fact": "hours_per_week"}, "exception_fact"),
        ("quantity_limit", {"fact": "nope", "max": 1, "unit": "hours", "period": "month"}, "fact"),
        ("quantity_limit", {"fact": "stay_days", "max": 1, "unit": "hours"}, "period"),
        ("weekly_hours_right", {"right_from": 25, "consider_from": 32}, "consider_from"),
        ("requires", {}, "fact"),
        ("requires", {"fact": "resident", "any_of": ["resident"]}, "fact"),
        ("requires", {"any_of": ["resident", "birth_date"]}, "any_of[1]"),
        ("excludes", {"fact": "resident", "colour": "red"}, "colour"),
    ],
)
def test_wrong_parameters_name_the_parameter(kind, params, param):
    with pytest.raises(ParamError) as error:
        KINDS[kind].validate(params)
    assert error.value.param == param


def test_quantity_limit_binding_law_caps_and_guideline_gives_discretion_hol_3_1():
    """Only a limit set by law caps a grant; a guideline's level leaves it to the assessment."""
    params = {"fact": "requested_hours_per_month", "max": 10, "unit": "hours", "period": "month"}
    law = run("quantity_limit", {**params, "binding": "law"}, {"requested_hours_per_month": 12})
    assert (law.outcome, law.limit) == (Outcome.NOT_MET, 10)
    guideline = run("quantity_limit", params, {"requested_hours_per_month": 12})
    assert (guideline.outcome, guideline.limit) == (Outcome.DISCRETION, None)
    assert "retningslinjens nivå på 10" in guideline.reason["nb"]
