"""Issue 7, law and seed fidelity, as `omsorg assess` answers them (the assess function and the
command). Each test names the seed 004 section or the law it checks."""

from __future__ import annotations

import json

import pytest

from omsorg.catalogue.assess import facts_used
from omsorg.catalogue.assess_cli import assess_request
from omsorg.catalogue.criteria import Outcome
from omsorg.catalogue.spec import CatalogueError, catalogue_to_dict, parse_catalogue
from tests.catalogue.personas import ON_DATE, assess, born, catalogue, result
from tests.catalogue.test_assess_cli import request, run


def cli(service: str, catalogue_name: str = "holtalen", **facts) -> dict:
    data = (
        request(service)
        if catalogue_name == "holtalen"
        else {
            "catalogue": catalogue_name,
            "service": service,
            "on_date": ON_DATE.isoformat(),
            "facts": {},
        }
    )
    data["facts"].update(facts)
    return assess_request(data)


# --- 1.1 a local guideline is not a cap (hol § 3-1; pbrl § 2-1) ---------------------------


def test_support_contact_beyond_10_hours_is_discretion_not_partial_grant_seed004_1_1(tmp_path):
    done = run(
        tmp_path, {**request(), "facts": {**request()["facts"], "requested_hours_per_month": 15}}
    )
    answer = json.loads(done.stdout)
    assert answer["suggestion"] == "discretion"
    assert (answer["granted_limit"], answer["guideline_level"]) == (None, 10)
    limit = next(c for c in answer["criteria"] if c["code"] == "hours_per_month_max_10")
    assert limit["result"] == "discretion"
    assert "veiledende" in limit["reason"]


def test_farm_respite_beyond_two_weekends_is_discretion_seed004_1_6():
    answer = cli("farm_respite", requested_weekends_per_month=4)
    assert (answer["suggestion"], answer["granted_limit"]) == ("discretion", None)


# --- 1.2 duties of the applicant are not refusal criteria -----------------------------------


def test_late_application_for_respite_outside_gives_discretion_seed004_1_7_ansvar():
    answer = cli("respite_outside", applied_days_before_departure=20)
    assert answer["suggestion"] == "discretion"
    notice = next(c for c in answer["criteria"] if c["code"] == "applied_2_months_before")
    assert (notice["result"], notice["duty"]) == ("discretion", True)
    assert "ikke et vilkår" in notice["reason"] and "avslag" in notice["reason"]


def test_cooperation_contract_is_a_condition_not_a_criterion_seed004_1_5():
    """The contract is made when the service starts; it cannot refuse before it exists."""
    service = catalogue().service("respite_in_home")
    assert "cooperation_contract" not in [c.code for c in service.criteria]
    assert [c.code for c in service.conditions] == ["cooperation_contract"]
    assert "cooperation_contract" not in facts_used([service])
    assert assess("respite_in_home", cooperation_contract=False).suggestion == "granted"


def test_a_duty_that_could_refuse_is_rejected_by_the_parser_seed004_1_7():
    data = catalogue_to_dict(catalogue())
    outside = next(s for s in data["services"] if s["code"] == "respite_outside")
    notice = next(c for c in outside["criteria"] if c["code"] == "applied_2_months_before")
    notice["params"]["when_not_met"] = "not_met"
    with pytest.raises(CatalogueError) as error:
        parse_catalogue(data)
    assert error.value.field_path.endswith(".duty")


# --- 1.3 BPA -----------------------------------------------------------------------------


def test_bpa_as_respite_for_an_adult_is_refused_pointing_to_own_bpa_pbrl_2_1_d():
    """A 40-year-old is not granted "avlastning gjennom BPA": that is respite for parents."""
    evaluation = assess("bpa", birth_date=born(40))
    assert evaluation.suggestion == "refused"
    reason = result(evaluation, "respite_for_a_child")
    assert "2-1 d" in catalogue().service("bpa").criteria[1].text["nb"]
    assert reason.outcome is Outcome.NOT_MET


@pytest.mark.parametrize(
    "facts",
    [
        {"need_duration_months": 12},  # need under 2 years
        {"needs_night_service": True},  # night duty, not continuous
        {"needs_two_or_more_staff": True},
    ],
)
def test_bpa_outside_the_right_still_considered_seed004_1_3(facts):
    """'Søkere som faller utenfor fastsatte kriterier, har også rett til å få ... vurdert'."""
    assert assess("bpa", **facts).suggestion == "discretion"


def test_adult_bpa_at_67_or_older_gives_discretion_pbrl_2_1_d():
    common = {
        "resident": True,
        "need_duration_months": 60,
        "hours_per_week": 40,
        "work_leader_available": True,
        "needs_two_or_more_staff": False,
        "needs_night_service": False,
    }
    at_67 = cli("personal_assistance", "hjemmetjenester", birth_date=born(67), **common)
    assert at_67["suggestion"] == "discretion"
    age = next(c for c in at_67["criteria"] if c["code"] == "age_under_67")
    assert age["result"] == "discretion"
    kept = cli(
        "personal_assistance",
        "hjemmetjenester",
        birth_date=born(70),
        bpa_granted_before_67=True,
        **common,
    )
    assert kept["suggestion"] == "granted"
    young = cli("personal_assistance", "hjemmetjenester", birth_date=born(40), **common)
    assert young["suggestion"] == "granted"


def test_bpa_school_hours_are_deducted_seed004_1_3():
    """'BPA tildeles ikke for den tid man er på skole': 40 h need with 15 h at school is 25 h."""
    evaluation = assess("bpa", hours_per_week=40, school_hours_per_week=15)
    hours = result(evaluation, "hours_per_week")
    assert hours.outcome is Outcome.DISCRETION  # 25 hours: between 25 and 32
    assert "15 timer på skolen trekkes fra" in hours.reason["nb"]
    assert "25 timer" in hours.reason["nb"]
    assert (
        result(assess("bpa", hours_per_week=50, school_hours_per_week=10), "hours_per_week").outcome
        is Outcome.MET
    )
    missing = assess("bpa", school_hours_per_week=None)
    assert "school_hours_per_week" in missing.missing_facts


# --- 1.4 support contact: the four further "forhold som ikke gir rett" --------------------


@pytest.mark.parametrize(
    ("fact", "code"),
    [
        ("purpose_escort_offices_doctor", "not_for_escort_to_offices"),
        ("purpose_norwegian_tuition", "not_for_norwegian_tuition"),
        ("purpose_relief_of_parents", "not_for_relief_of_relatives"),
        ("purpose_health_care", "not_for_health_care"),
    ],
)
def test_support_contact_not_granted_for_seed004_1_1(fact, code):
    answer = cli("support_contact", **{fact: True})
    assert answer["suggestion"] == "refused"
    item = next(c for c in answer["criteria"] if c["code"] == code)
    assert item["result"] == "not_met"
    assert item["legal_basis"] == "helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav b"


def test_support_contact_asks_for_the_four_purposes_seed004_1_1():
    keys = facts_used([catalogue().service("support_contact")])
    for fact in (
        "purpose_escort_offices_doctor",
        "purpose_norwegian_tuition",
        "purpose_relief_of_parents",
        "purpose_health_care",
    ):
        assert fact in keys
