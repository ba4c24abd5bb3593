"""Holtålen's guidelines for children's respite (seed 004): one test per rule, named by section.

Each test starts from a family that meets every rule (personas.GRANTED_FACTS) and changes the
facts one rule is about.
"""

from __future__ import annotations

from datetime import date

import pytest

from omsorg.catalogue.criteria import Outcome
from omsorg.catalogue.spec import cite_in_force
from tests.catalogue.personas import GRANTED_FACTS, ON_DATE, assess, born, catalogue, result

SERVICES = sorted(GRANTED_FACTS)


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_is_granted_when_every_rule_is_met_seed004_1(service):
    evaluation = assess(service)
    assert evaluation.suggestion == "granted"
    assert all(r.outcome is Outcome.MET for r in evaluation.criteria)


@pytest.mark.parametrize("service", SERVICES)
def test_person_must_stay_in_the_municipality_seed004_2_1(service):
    evaluation = assess(service, resident=False)
    assert evaluation.suggestion == "refused"
    assert "§ 3-1" in result(evaluation, "residence").legal_basis


@pytest.mark.parametrize("service", SERVICES)
def test_no_facts_gives_discretion_naming_the_missing_facts(service):
    evaluation = assess(service, **{key: None for key in GRANTED_FACTS[service]})
    assert evaluation.suggestion == "discretion"
    assert "resident" in evaluation.missing_facts
    assert "birth_date" in evaluation.missing_facts


# --- 1.1 support contact ----------------------------------------------------------------------


def test_support_contact_normally_over_10_seed004_1_1():
    """Over 10, exceptions possible: 10 today meets it, 9 (10 tomorrow) needs discretion."""
    assert result(assess("support_contact", birth_date=born(10)), "age_from_10").outcome is (
        Outcome.MET
    )
    younger = assess("support_contact", birth_date=born(9, birthday_in_days=1))
    assert younger.suggestion == "discretion"
    assert "9 år" in result(younger, "age_from_10").reason["nb"]


def test_support_contact_for_children_and_young_people_under_18_seed004_1_0():
    assert assess("support_contact", birth_date=born(17, birthday_in_days=1)).suggestion == (
        "granted"
    )
    assert assess("support_contact", birth_date=born(18)).suggestion == "discretion"


def test_support_contact_needs_personal_help_for_leisure_seed004_1_1():
    assert assess("support_contact", needs_help_for_leisure=False).suggestion == "refused"


def test_support_contact_needs_an_expressed_wish_for_leisure_seed004_1_1():
    assert assess("support_contact", wants_leisure_activity=False).suggestion == "refused"


def test_support_contact_up_to_10_hours_per_month_is_a_guideline_seed004_1_1_hol_3_1():
    """'Inntil 10 timer pr. mnd.' guides the scope; above it the need is judged, not capped."""
    assert assess("support_contact", requested_hours_per_month=10).suggestion == "granted"
    evaluation = assess("support_contact", requested_hours_per_month=12)
    assert evaluation.suggestion == "discretion"
    assert (evaluation.granted_limit, evaluation.guideline_level) == (None, 10)
    limit = result(evaluation, "hours_per_month_max_10")
    assert (limit.outcome, limit.limit) == (Outcome.DISCRETION, None)
    assert "12" in limit.reason["nb"] and "retningslinjens nivå på 10" in limit.reason["nb"]
    assert "skriftlig begrunnelse" in limit.reason["nb"]


def test_support_contact_not_when_close_family_covers_the_need_seed004_1_1():
    assert assess("support_contact", needs_covered_by_family=True).suggestion == "refused"


def test_support_contact_as_a_rule_not_with_one_to_one_staffing_seed004_1_1():
    evaluation = assess("support_contact", one_to_one_staffing=True)
    assert evaluation.suggestion == "discretion"
    assert result(evaluation, "no_one_to_one_staffing").outcome is Outcome.DISCRETION


def test_support_contact_cites_hol_3_2_first_paragraph_no_6_letter_b_seed004_1_1():
    citation = result(assess("support_contact"), "hours_per_month_max_10").legal_basis
    assert citation == "helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav b"


# --- 1.2 private respite ----------------------------------------------------------------------


def test_private_respite_from_0_to_5_longer_if_suitable_seed004_1_2():
    assert assess("private_respite", birth_date=born(0)).suggestion == "granted"
    assert assess("private_respite", birth_date=born(5, birthday_in_days=1)).suggestion == (
        "granted"
    )
    assert assess("private_respite", birth_date=born(6)).suggestion == "discretion"


def test_private_respite_presupposes_particularly_heavy_care_hol_3_6_seed004_1_2():
    assert assess("private_respite", particularly_heavy_care=False).suggestion == "refused"


# --- 1.3 BPA ----------------------------------------------------------------------------------


def test_bpa_as_respite_is_for_a_child_under_18_seed004_1_3_pbrl_2_1_d():
    """An 18-year-old's BPA is their own service (pbrl § 2-1 d), not respite for parents."""
    assert assess("bpa", birth_date=born(17, birthday_in_days=1)).suggestion == "granted"
    adult = assess("bpa", birth_date=born(18))
    assert adult.suggestion == "refused"
    assert result(adult, "respite_for_a_child").outcome is Outcome.NOT_MET
    assert "2-1 d" in result(adult, "respite_for_a_child").legal_basis


def test_bpa_long_term_need_of_at_least_2_years_else_discretion_seed004_1_3():
    assert assess("bpa", need_duration_months=24).suggestion == "granted"
    shorter = assess("bpa", need_duration_months=23)
    assert shorter.suggestion == "discretion"
    assert result(shorter, "need_at_least_2_years").outcome is Outcome.DISCRETION


def test_bpa_32_hours_a_week_gives_the_right_seed004_1_3():
    assert assess("bpa", hours_per_week=32).suggestion == "granted"


def test_bpa_25_to_32_hours_right_unless_substantially_more_expensive_seed004_1_3():
    for hours in (25, 31.5):
        evaluation = assess("bpa", hours_per_week=hours)
        assert evaluation.suggestion == "discretion"
        assert "vesentlig dyrere" in result(evaluation, "hours_per_week").reason["nb"]


def test_bpa_under_25_hours_may_be_granted_when_more_suitable_seed004_1_3():
    evaluation = assess("bpa", hours_per_week=24.5)
    assert evaluation.suggestion == "discretion"
    assert "24,5" in result(evaluation, "hours_per_week").reason["nb"]


def test_bpa_two_or_more_staff_outside_the_right_gives_discretion_seed004_1_3():
    assert assess("bpa", needs_two_or_more_staff=True).suggestion == "discretion"
    continuous = assess("bpa", needs_two_or_more_staff=True, continuous_need=True)
    assert continuous.suggestion == "granted"


def test_bpa_night_duty_outside_the_right_gives_discretion_seed004_1_3():
    assert assess("bpa", needs_night_service=True).suggestion == "discretion"
    assert assess("bpa", needs_night_service=True, continuous_need=True).suggestion == "granted"


def test_bpa_needs_a_work_leader_seed004_1_3():
    assert assess("bpa", work_leader_available=False).suggestion == "refused"


def test_bpa_traditional_services_assessed_first_seed004_1_3():
    assert assess("bpa", traditional_services_assessed=False).suggestion == "discretion"


def test_bpa_cites_pbrl_2_1_d_and_hol_3_8_seed004_1_3():
    evaluation = assess("bpa")
    assert result(evaluation, "hours_per_week").legal_basis == (
        "pasient- og brukerrettighetsloven § 2-1 d"
    )
    assert result(evaluation, "work_leader_available").legal_basis == (
        "helse- og omsorgstjenesteloven § 3-8"
    )


# --- 1.4 respite home -------------------------------------------------------------------------


def test_respite_home_from_age_5_exceptions_possible_seed004_1_4():
    assert assess("respite_home", birth_date=born(5)).suggestion == "granted"
    assert assess("respite_home", birth_date=born(4, birthday_in_days=1)).suggestion == (
        "discretion"
    )


def test_respite_home_needs_particularly_heavy_care_seed004_1_4():
    assert assess("respite_home", particularly_heavy_care=False).suggestion == "refused"


# --- 1.5 respite in the home ------------------------------------------------------------------


def test_respite_in_home_from_birth_up_to_4_exceptions_possible_seed004_1_5():
    assert assess("respite_in_home", birth_date=born(3, birthday_in_days=1)).suggestion == (
        "granted"
    )
    assert assess("respite_in_home", birth_date=born(4)).suggestion == "discretion"


def test_respite_in_home_needs_heavy_care_medical_needs_or_night_monitoring_seed004_1_5():
    none = dict(particularly_heavy_care=False, demanding_medical_needs=False)
    assert assess("respite_in_home", **none, night_monitoring_needed=False).suggestion == (
        "refused"
    )
    assert assess("respite_in_home", **none, night_monitoring_needed=True).suggestion == ("granted")


# --- 1.6 farm respite -------------------------------------------------------------------------


def test_farm_respite_judged_best_for_the_child_seed004_1_6():
    assert assess("farm_respite", judged_best_for_child=False).suggestion == "refused"


def test_farm_respite_two_weekends_per_month_is_a_guideline_seed004_1_6_hol_3_1():
    assert assess("farm_respite", requested_weekends_per_month=2).suggestion == "granted"
    three = assess("farm_respite", requested_weekends_per_month=3)
    assert (three.suggestion, three.granted_limit, three.guideline_level) == ("discretion", None, 2)


# --- 1.7 respite outside the municipality -----------------------------------------------------


def test_respite_outside_needs_particularly_heavy_care_seed004_1_7():
    assert assess("respite_outside", particularly_heavy_care=False).suggestion == "refused"


def test_respite_outside_recommended_by_the_coordinator_seed004_1_7():
    assert assess("respite_outside", recommended_by_coordinator=False).suggestion == "refused"


def test_respite_outside_stays_of_at_least_3_days_seed004_1_7():
    assert assess("respite_outside", stay_days=3).suggestion == "granted"
    assert assess("respite_outside", stay_days=2).suggestion == "refused"


def test_respite_outside_applied_2_months_before_departure_seed004_1_7():
    """On 15 May, departure 15 July is exactly 2 months ahead (61 days); 14 July is late."""
    assert ON_DATE.isoformat() == "2024-05-15"
    assert assess("respite_outside", applied_days_before_departure=61).suggestion == "granted"
    late = assess("respite_outside", applied_days_before_departure=60)
    assert late.suggestion == "discretion"  # a duty of the applicant, not a refusal criterion
    assert "14.07.2024" in result(late, "applied_2_months_before").reason["nb"]


# --- 1.8 care allowance -----------------------------------------------------------------------


def test_care_allowance_needs_particularly_demanding_care_seed004_1_8():
    assert assess("care_allowance", particularly_demanding_care=False).suggestion == "refused"


def test_care_allowance_needs_assistance_allowance_applied_for_seed004_1_8():
    evaluation = assess("care_allowance", assistance_allowance_applied=False)
    assert evaluation.suggestion == "refused"
    assert "folketrygdloven § 6-4" in result(evaluation, "assistance_allowance_applied").legal_basis


def test_care_allowance_cites_the_pbrl_number_in_force_seed004_1_8():
    """pbrl § 2-1 a became § 2-1 (Prop. 40 L (2022–2023)); each date cites its own number."""
    refs = catalogue().service("care_allowance").legal_basis
    before = cite_in_force(refs, date(2024, 6, 30))
    after = cite_in_force(refs, date(2024, 7, 1))
    assert "§ 2-1 a andre ledd" in before and "§ 2-1 andre ledd" not in before
    assert "§ 2-1 andre ledd" in after and "§ 2-1 a andre" not in after
