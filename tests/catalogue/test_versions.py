"""Catalogue versions: a changed catalogue is a new version, and a decision keeps its own."""

import copy

import pytest

from omsorg.catalogue.models import CatalogueVersion
from omsorg.catalogue.services import catalogue_version_save, service_type_revise
from omsorg.catalogue.spec import catalogue_to_dict, load_catalogue, parse_catalogue
from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.models import Role

pytestmark = pytest.mark.django_db


def test_loading_the_same_catalogue_twice_makes_one_version(catalogue_version):
    again = catalogue_version_save(spec=load_catalogue("holtalen"))
    assert again.pk == catalogue_version.pk
    assert CatalogueVersion.objects.count() == 1


def test_an_edited_catalogue_becomes_a_new_version_and_old_rows_stay(catalogue_version):
    data = copy.deepcopy(catalogue_to_dict(load_catalogue("holtalen")))
    for service in data["services"]:
        if service["code"] == "farm_respite":
            service["staircase_level"] = service["staircase_level"] + 1
    new = catalogue_version_save(spec=parse_catalogue(data))
    assert new.number == catalogue_version.number + 1
    assert catalogue_version.service_types.count() == new.service_types.count() == 8
    old_farm = catalogue_version.service_types.get(code="farm_respite")
    assert new.service_types.get(code="farm_respite").staircase_level == (
        old_farm.staircase_level + 1
    )


def test_admin_revision_is_validated_and_versioned(users, service_type):
    admin = users[Role.ADMINISTRATOR]
    support = service_type("support_contact")
    level = support.staircase_level + 1
    version = service_type_revise(
        actor=admin, service_type=support, changes={"staircase_level": level}
    )
    assert version.number == support.version.number + 1
    assert version.service_types.get(code="support_contact").staircase_level == level
    with pytest.raises(InvalidInput):
        service_type_revise(actor=admin, service_type=support, changes={"scope_unit": "parsecs"})
    with pytest.raises(PermissionDenied):
        service_type_revise(
            actor=users[Role.CASEWORKER], service_type=support, changes={"staircase_level": 3}
        )


def test_holtalen_has_the_eight_services_of_seed004_1(catalogue_version):
    codes = set(catalogue_version.service_types.values_list("code", flat=True))
    assert codes == {
        "support_contact",
        "private_respite",
        "bpa",
        "respite_home",
        "respite_in_home",
        "farm_respite",
        "respite_outside",
        "care_allowance",
    }
    appeal_weeks = set(catalogue_version.service_types.values_list("appeal_weeks", flat=True))
    assert appeal_weeks == {4}  # pbrl §7-5: four weeks for municipal health and care services
