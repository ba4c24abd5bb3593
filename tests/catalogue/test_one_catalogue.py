"""One catalogue per municipality, each service once (issue 7 point 1.5): a municipality
chooses its catalogues, and a service it offers under its own guideline is not offered a second
time, without that guideline, from another catalogue."""

import pytest

from omsorg.catalogue.selectors import current_service_types, version_spec
from omsorg.catalogue.services import catalogue_adopt
from omsorg.core.errors import InvalidInput
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_spec(db):
    return version_spec(factories.catalogue_version("hjemmetjenester"))


def test_adopting_a_catalogue_that_repeats_a_service_is_refused_seed004_1_1(
    municipality, home_spec
):
    """Seed 002's escort to leisure is support contact: Holtålen has it (seed 004 §1.1)."""
    with pytest.raises(InvalidInput) as error:
        catalogue_adopt(spec=home_spec, municipality=municipality)
    assert "support_contact" in error.value.text("nb")
    assert "holtalen" in error.value.text("nb")


def test_the_municipality_chooses_the_catalogue_without_its_own_services_seed004_1_1(
    municipality, home_spec
):
    version = catalogue_adopt(
        spec=home_spec, municipality=municipality, without=("support_contact",)
    )
    assert version.catalogue.code == "holtalen_hjemmetjenester"
    assert version.catalogue.municipality == municipality
    codes = list(current_service_types(municipality.pk).values_list("code", flat=True))
    assert codes.count("support_contact") == 1
    assert "home_nursing" in codes and "personal_assistance" in codes
    support = current_service_types(municipality.pk).get(code="support_contact")
    assert support.max_quantity == 10 and support.max_quantity_is_guideline
    # Appeals go to the adopting municipality's Statsforvalteren (Trøndelag), not Møre og Romsdal.
    nursing = version_spec(version).service("home_nursing")
    assert nursing.appeal.body == "Statsforvalteren i Trøndelag"
    again = catalogue_adopt(spec=home_spec, municipality=municipality, without=("support_contact",))
    assert again.pk == version.pk  # unchanged: no new version


def test_leaving_out_an_unknown_service_is_an_error(municipality, home_spec):
    with pytest.raises(InvalidInput):
        catalogue_adopt(spec=home_spec, municipality=municipality, without=("massage",))
