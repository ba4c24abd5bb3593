"""Zones, addresses and the staff list (issue 10 §1): the zone leader sets the base, enters
addresses with coordinates and practical notes; bad input is refused with the field named."""

import pytest

from omsorg.core.errors import InvalidInput, NotFound, PermissionDenied, StaleVersion
from omsorg.core.models import CaseEvent, Role
from omsorg.homecare.geocoding import Coordinates, NoGeocoder, configured_geocoder
from omsorg.homecare.models import Address
from omsorg.homecare.selectors import zone_get, zone_persons
from omsorg.homecare.services.zones import (
    AddressInput,
    BaseInput,
    address_geocode,
    address_set,
    staff_member_set,
    zone_base_set,
)
from omsorg.people.models import AccessLog
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_leader_sets_the_base_and_a_second_edit_needs_the_version(base, zone_leader, zone):
    assert (base.latitude, base.speed_kmh, base.detour_factor) == (62.83, 30.0, 1.3)
    changed = zone_base_set(actor=zone_leader, zone=zone, expected_version=base.version,
                            data=BaseInput("Ny base", 62.9, 7.2, speed_kmh=40))  # fmt: skip
    assert changed.speed_kmh == 40
    with pytest.raises(StaleVersion):
        zone_base_set(actor=zone_leader, zone=zone, expected_version=base.version,
                      data=BaseInput("Eldre", 62.9, 7.2))  # fmt: skip
    assert CaseEvent.objects.filter(kind="zone_base_set").count() == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (BaseInput("x", 91, 7.0), "latitude"),
        (BaseInput("x", 62, 181), "longitude"),
        (BaseInput("x", 62, 7, speed_kmh=0), "speed_kmh"),
        (BaseInput("x", 62, 7, detour_factor=0.5), "detour_factor"),
    ],
)
def test_a_bad_base_is_refused_naming_the_field(zone_leader, zone, data, field):
    with pytest.raises(InvalidInput) as refused:
        zone_base_set(actor=zone_leader, zone=zone, data=data)
    assert refused.value.field == field


def test_only_the_zones_own_leader_plans_it(hc_municipality, zone, other_zone, base):
    stranger = factories.user(hc_municipality, Role.SERVICE_LEADER, unit=other_zone)
    with pytest.raises(PermissionDenied):
        zone_base_set(actor=stranger, zone=zone, data=BaseInput("x", 62, 7))
    with pytest.raises(NotFound):
        zone_get(actor=stranger, zone_id=zone.pk)


def test_address_with_notes_and_the_zone_list_logs_every_person(recipient, zone_leader, zone,
                                                                today):  # fmt: skip
    person, _ = recipient()
    address = Address.objects.get(person=person)
    assert (address.key_box, address.pets, address.located) == ("Nøkkelboks ved døra", "Katt", True)
    lines = zone_persons(actor=zone_leader, zone=zone, today=today)
    assert [line.person for line in lines] == [person]
    assert AccessLog.objects.filter(actor=zone_leader, person=person,
                                    what="homecare: zone").exists()  # fmt: skip


def test_an_address_needs_both_coordinates_and_a_postal_code_of_four_digits(
    recipient, zone_leader, zone, today
):
    person, _ = recipient()
    with pytest.raises(InvalidInput) as refused:
        address_set(actor=zone_leader, zone=zone, person=person, today=today,
                    data=AddressInput("Vegen 2", latitude=62.0))  # fmt: skip
    assert refused.value.field == "latitude"
    with pytest.raises(InvalidInput) as refused:
        address_set(actor=zone_leader, zone=zone, person=person, today=today,
                    data=AddressInput("Vegen 2", postal_code="64"))  # fmt: skip
    assert refused.value.field == "postal_code"


class FakeRegister:
    """The geocoding seam with a stand-in register (the real one is never called in tests)."""

    def locate(self, *, street, postal_code, city):
        return Coordinates(62.84, 7.18) if street == "Testvegen 1" else None


def test_the_geocoding_seam_fills_coordinates_from_the_register(recipient, zone_leader):
    person, _ = recipient(located=False)
    address = Address.objects.get(person=person)
    assert not address.located
    address = address_geocode(actor=zone_leader, address=address, geocoder=FakeRegister())
    assert (address.latitude, address.source) == (62.84, Address.Source.GEOCODED)
    assert isinstance(configured_geocoder(), NoGeocoder)  # none configured: nothing is called
    with pytest.raises(InvalidInput):
        address_geocode(actor=zone_leader, address=address, geocoder=NoGeocoder())


def test_the_staff_list_takes_only_the_zones_care_workers(zone_leader, zone, other_zone,
                                                          hc_municipality, worker):  # fmt: skip
    nurse = worker("nurse")
    assert nurse.homecare_staff.level == "nurse"
    outsider = factories.user(hc_municipality, Role.CARE_WORKER, unit=other_zone)
    with pytest.raises(InvalidInput):
        staff_member_set(actor=zone_leader, zone=zone, user=outsider, level="nurse",
                         shift_start=420, shift_end=930)  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        staff_member_set(actor=zone_leader, zone=zone, user=nurse, level="nurse",
                         shift_start=930, shift_end=420)  # fmt: skip
    assert refused.value.field == "shift_end"
