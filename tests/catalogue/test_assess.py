"""Evaluation and suggestion: facts checked, rules combined, results serialised."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omsorg.catalogue.assess import (
    FACTS,
    AssessError,
    evaluate_service,
    suggest,
    validate_facts,
)
from omsorg.catalogue.criteria import CriterionResult, Outcome
from tests.catalogue.personas import GRANTED_FACTS, ON_DATE, assess, born, catalogue

SERVICES = sorted(GRANTED_FACTS)


def _result(outcome: Outcome, effect: str = "refuse") -> CriterionResult:
    return CriterionResult("c", outcome, {"nb": "", "nn": "", "en": ""}, "", effect)


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ([(Outcome.MET, "refuse")], "granted"),
        ([(Outcome.MET, "refuse"), (Outcome.NOT_MET, "limit")], "partly_granted"),
        ([(Outcome.DISCRETION, "refuse"), (Outcome.NOT_MET, "limit")], "discretion"),
        ([(Outcome.NOT_MET, "refuse"), (Outcome.DISCRETION, "refuse")], "refused"),
        ([(Outcome.NOT_MET, "limit"), (Outcome.NOT_MET, "refuse")], "refused"),
        ([], "granted"),
    ],
)
def test_suggestion_refusal_beats_discretion_beats_limit(outcomes, expected):
    assert suggest(tuple(_result(o, e) for o, e in outcomes)) == expected


def test_unknown_fact_is_an_error_in_norwegian_and_english():
    with pytest.raises(AssessError) as error:
        assess("support_contact", favourite_colour="blue")
    assert error.value.key == "favourite_colour"
    assert "Ukjent opplysning" in error.value.message_nb
    assert "Unknown fact" in error.value.message_en
    assert "Ukjend opplysning" in error.value.message_nn


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("resident", "yes"),
        ("resident", 1),
        ("hours_per_week", True),
        ("hours_per_week", "32"),
        ("hours_per_week", -1),
        ("hours_per_week", float("nan")),
        ("stay_days", 2.5),
        ("birth_date", "15.05.2014"),
        ("birth_date", "2014-02-30"),
        ("birth_date", 20140515),
    ],
)
def test_wrongly_typed_fact_is_an_error_naming_the_key(key, value):
    with pytest.raises(AssessError) as error:
        validate_facts({key: value})
    assert error.value.key == key
    assert key in error.value.message_nb and key in error.value.message_en


def test_validated_facts_are_json_and_read_back_the_same():
    facts = {**GRANTED_FACTS["bpa"], "stay_days": 3.0, "continuous_need": None}
    clean = validate_facts(facts)
    assert clean["stay_days"] == 3 and "continuous_need" not in clean
    assert validate_facts(json.loads(json.dumps(clean))) == clean


def test_birth_after_the_assessment_date_is_an_error_in_plain_words():
    """Issue 7 §3: Norwegian dates (dd.mm.åååå) in every language, no raw fact key in the text."""
    birth = ON_DATE + timedelta(days=1)
    with pytest.raises(AssessError) as error:
        assess("support_contact", birth_date=birth.isoformat())
    assert error.value.key == "birth_date"
    shown = f"{birth:%d.%m.%Y}"
    assert shown in error.value.message_nb and shown in error.value.message_en
    assert "birth_date" not in error.value.message_nb + error.value.message_en


def test_criterion_without_its_own_legal_basis_cites_the_service():
    evaluation = assess("farm_respite", birth_date=born(18))
    children = next(r for r in evaluation.criteria if r.code == "children_under_18")
    assert children.outcome is Outcome.DISCRETION
    assert "§ 3-2 første ledd nr. 6 bokstav d" in children.legal_basis


def test_to_dict_has_the_command_keys_and_chosen_language():
    data = assess("support_contact", requested_hours_per_month=12).to_dict("en")
    assert data["service"] == "support_contact"
    assert data["suggestion"] == "discretion"
    assert (data["granted_limit"], data["guideline_level"]) == (None, 10)
    item = data["criteria"][4]
    assert {"code", "text", "result", "reason", "legal_basis"} <= set(item)
    assert item["result"] == "discretion" and item["reason"].startswith("Applied for 12 hours")


def test_home_services_check_residence_and_leave_the_need_to_assessment_seed002():
    home = catalogue("hjemmetjenester")
    for service in home.services:
        facts = {"resident": True, "needs_help_for_leisure": True}
        assert evaluate_service(service, facts, ON_DATE).suggestion == "discretion"
        assert evaluate_service(service, {"resident": False}, ON_DATE).suggestion == "refused"


# Every fact with a value of its type; used to draw arbitrary, fully specified cases.
fact_values = {
    "date": st.dates(date(1930, 1, 1), ON_DATE).map(date.isoformat),
    "bool": st.booleans(),
    "int": st.integers(0, 400),
    "number": st.floats(0, 200, allow_nan=False).map(lambda x: round(x, 1)),
}
full_facts = st.fixed_dictionaries({key: fact_values[spec.type] for key, spec in FACTS.items()})


@settings(max_examples=200)
@given(full_facts, st.sampled_from(SERVICES))
def test_every_fact_given_gives_a_definite_suggestion(facts, service):
    """With every key given no rule waits for a fact; the suggestion is one of the four."""
    evaluation = evaluate_service(catalogue().service(service), facts, ON_DATE)
    assert evaluation.missing_facts == ()
    assert evaluation.suggestion in {"granted", "partly_granted", "refused", "discretion"}


@given(
    st.dictionaries(st.sampled_from(sorted(FACTS)), st.none()).flatmap(
        lambda keys: st.fixed_dictionaries({key: fact_values[FACTS[key].type] for key in keys})
    ),
    st.sampled_from(SERVICES),
)
def test_any_subset_of_facts_evaluates_without_error(facts, service):
    evaluation = evaluate_service(catalogue().service(service), facts, ON_DATE)
    if evaluation.missing_facts:
        assert evaluation.suggestion in {"refused", "discretion"}


@given(st.floats(0, 100, allow_nan=False), st.floats(0, 100, allow_nan=False))
def test_support_contact_more_hours_never_improves_the_suggestion(a, b):
    order = ["granted", "discretion"]  # above the guideline: judged, not capped
    low, high = sorted((a, b))
    first = assess("support_contact", requested_hours_per_month=low).suggestion
    second = assess("support_contact", requested_hours_per_month=high).suggestion
    assert order.index(first) <= order.index(second)
    assert (second == "granted") == (high <= 10)
