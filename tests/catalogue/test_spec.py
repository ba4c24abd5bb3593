"""The catalogue as data: parsing, validation errors that name the field, round trips, citing."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from omsorg.catalogue.spec import (
    CATALOGUE_DIR,
    CatalogueError,
    CatalogueNotFound,
    LegalReference,
    catalogue_to_dict,
    cite_in_force,
    load_catalogue,
    parse_catalogue,
    parse_reference,
    reference_to_dict,
)
from tests.catalogue.personas import catalogue

HOLTALEN_SERVICES = [
    "support_contact",
    "private_respite",
    "bpa",
    "respite_home",
    "respite_in_home",
    "farm_respite",
    "respite_outside",
    "care_allowance",
]
HOME_SERVICES = [
    "practical_help",
    "training_daily_tasks",
    "home_nursing",
    "rehabilitation_at_home",
    "meal_delivery",
    "support_contact",  # seed 002's escort to leisure: the same service (issue 7 point 1.5)
    "personal_assistance",  # BPA as an adult's own service (pbrl § 2-1 d), issue 7 point 1.3
    "day_services",
]


def test_holtalen_has_the_eight_services_of_seed004_1_1_to_1_8():
    spec = catalogue("holtalen")
    assert [s.code for s in spec.services] == HOLTALEN_SERVICES
    assert (spec.municipality_number, spec.written_language) == ("5026", "nb")


def test_home_services_catalogue_has_the_services_of_seed002():
    assert [s.code for s in catalogue("hjemmetjenester").services] == HOME_SERVICES


@pytest.mark.parametrize("name", ["holtalen", "hjemmetjenester"])
def test_round_trip_through_plain_data_and_json(name):
    spec = catalogue(name)
    data = catalogue_to_dict(spec)
    assert parse_catalogue(data) == spec
    assert parse_catalogue(json.loads(json.dumps(data))) == spec
    assert catalogue_to_dict(parse_catalogue(data)) == data


def test_respite_support_contact_and_practical_help_are_not_health_care():
    """No journal duty for them (DOMAIN.md legal facts); home nursing is health care."""
    holtalen, home = catalogue("holtalen"), catalogue("hjemmetjenester")
    assert not any(s.health_care for s in holtalen.services)
    assert not home.service("practical_help").health_care
    assert home.service("home_nursing").health_care


def test_appeal_period_is_data_per_service():
    """4 weeks under pbrl § 7-5 for health and care services; 3 under fvl § 29 otherwise."""
    for service in catalogue("holtalen").services:
        assert service.appeal.period_weeks == 4
        assert (
            service.appeal.legal_basis.cite()
            == "pasient- og brukerrettighetsloven § 7-5 første ledd"
        )
        assert service.appeal.body == "Statsforvalteren i Trøndelag"
    meals = catalogue("hjemmetjenester").service("meal_delivery").appeal
    assert (meals.period_weeks, meals.legal_basis.cite()) == (
        3,
        "forvaltningsloven § 29 første ledd",
    )


def test_every_decision_is_reviewed_within_a_year_seed004_2():
    for name in ("holtalen", "hjemmetjenester"):
        assert all(s.review_months <= 12 for s in catalogue(name).services)


def test_cite_in_bokmal_nynorsk_and_english():
    ref = LegalReference("hol", "3-2", "1", "6", "b", None, None)
    assert ref.cite() == "helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6 bokstav b"
    assert ref.cite("nn") == "helse- og omsorgstenestelova § 3-2 første ledd nr. 6 bokstav b"
    assert ref.cite("en") == (
        "the Municipal Health and Care Services Act section 3-2 first paragraph no. 6 letter b"
    )
    assert LegalReference("pbrl", "2-1 d", None, None, None, None, None).cite() == (
        "pasient- og brukerrettighetsloven § 2-1 d"
    )


def test_only_references_in_force_are_cited():
    old = LegalReference("pbrl", "2-1 a", "2", None, None, date(2012, 1, 1), date(2024, 6, 30))
    new = LegalReference("pbrl", "2-1", "2", None, None, date(2024, 7, 1), None)
    assert cite_in_force((old, new), date(2024, 6, 30)).endswith("§ 2-1 a andre ledd")
    assert cite_in_force((old, new), date(2024, 7, 1)).endswith("§ 2-1 andre ledd")
    assert "§ 2-1 a" in cite_in_force((old,), date(2030, 1, 1))  # none in force: cite all


references = st.builds(
    LegalReference,
    law=st.sampled_from(["hol", "pbrl", "fvl", "sosialtjenesteloven", "ftrl"]),
    section=st.from_regex(r"\A[1-9]-[1-9]( [a-e])?\Z"),
    paragraph=st.one_of(st.none(), st.integers(1, 8).map(str)),
    item=st.one_of(st.none(), st.integers(1, 9).map(str)),
    letter=st.one_of(st.none(), st.sampled_from("abcd")),
    valid_from=st.one_of(st.none(), st.dates(date(2000, 1, 1), date(2020, 1, 1))),
    valid_to=st.one_of(st.none(), st.dates(date(2020, 1, 2), date(2040, 1, 1))),
    note=st.one_of(st.none(), st.text(min_size=1, max_size=20)),
)


@given(references)
def test_legal_reference_round_trip(ref):
    assert parse_reference(reference_to_dict(ref), "ref") == ref
    assert parse_reference(json.loads(json.dumps(reference_to_dict(ref))), "ref") == ref


def _broken(change) -> dict:
    data = copy.deepcopy(catalogue_to_dict(catalogue("holtalen")))
    change(data)
    return data


def _set(path: list, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "field_path"),
    [
        (
            _set(["services", 3, "criteria", 1, "params", "min_age"], "five"),
            "services[3].criteria[1].params.min_age",
        ),
        (_set(["services", 0, "criteria", 0, "kind"], "astrology"), "services[0].criteria[0].kind"),
        (
            _set(["services", 0, "criteria", 4, "params", "max"], 12),
            "services[0].criteria[4].params.max",
        ),
        (
            _set(["services", 0, "criteria", 2, "params", "fact"], "likes_cake"),
            "services[0].criteria[2].params.fact",
        ),
        (_set(["municipality_number"], "502"), "municipality_number"),
        (_set(["written_language"], "sv"), "written_language"),
        (_set(["valid_from"], "yesterday"), "valid_from"),
        (_set(["services", 0, "review_months"], 13), "services[0].review_months"),
        (_set(["services", 0, "staircase_level"], 0), "services[0].staircase_level"),
        (_set(["services", 0, "scope_unit"], "litres"), "services[0].scope_unit"),
        (_set(["services", 0, "names", "en"], KeyError), "services[0].names.en"),
        (_set(["services", 0, "colour"], "blue"), "services[0].colour"),
        (_set(["services", 1, "code"], "support_contact"), "services[1].code"),
        (_set(["services", 0, "criteria", 1, "code"], "residence"), "services[0].criteria[1].code"),
        (_set(["services", 0, "legal_basis", 0, "law"], "lex"), "services[0].legal_basis[0].law"),
        (
            _set(["services", 0, "legal_basis", 0, "section"], "§3-2"),
            "services[0].legal_basis[0].section",
        ),
        (
            _set(["services", 0, "legal_basis", 0, "paragraph"], "9"),
            "services[0].legal_basis[0].paragraph",
        ),
        (
            _set(["services", 2, "legal_basis", 2, "valid_to"], "2001-01-01"),
            "services[2].legal_basis[2].valid_to",
        ),
        (_set(["services", 0, "appeal", "period_weeks"], 0), "services[0].appeal.period_weeks"),
        (_set(["services", 0, "user_payment"], "no"), "services[0].user_payment"),
        (_set(["services"], []), "services"),
    ],
)
def test_validation_errors_name_the_field(change, field_path):
    with pytest.raises(CatalogueError) as error:
        parse_catalogue(_broken(change))
    assert error.value.field_path == field_path
    assert str(error.value).startswith(field_path)


def test_load_by_name_and_by_path_agree():
    assert load_catalogue(CATALOGUE_DIR / "holtalen.yaml") == load_catalogue("holtalen")


def test_unknown_catalogue_is_not_found(tmp_path):
    with pytest.raises(CatalogueNotFound):
        load_catalogue("oslo")
    with pytest.raises(CatalogueNotFound):
        load_catalogue("holtalen", tmp_path)


def test_catalogue_code_must_match_its_file_name(tmp_path):
    (tmp_path / "other.yaml").write_text(
        (CATALOGUE_DIR / "holtalen.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(CatalogueError) as error:
        load_catalogue("other", tmp_path)
    assert error.value.field_path == "code"


def test_invalid_yaml_is_a_catalogue_error(tmp_path):
    (tmp_path / "broken.yaml").write_text("code: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogueError):
        load_catalogue("broken", tmp_path)


def test_unknown_service_is_a_catalogue_error():
    with pytest.raises(CatalogueError) as error:
        catalogue().service("massage")
    assert "support_contact" in str(error.value)


def test_yaml_anchors_are_written_out_in_full():
    raw = yaml.safe_load((CATALOGUE_DIR / "holtalen.yaml").read_text(encoding="utf-8"))
    assert "anchors" in raw
    data = catalogue_to_dict(catalogue())
    assert "anchors" not in data
    assert data["services"][0]["criteria"][0]["code"] == "residence"
