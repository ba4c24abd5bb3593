"""A zone's base and travel settings, its staff, and the recipients' addresses (issue 10 §1)."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput
from omsorg.core.events import event_record, snapshot
from omsorg.core.models import Role, Unit, User
from omsorg.homecare.geocoding import Geocoder
from omsorg.homecare.models import Address, Level, StaffMember, ZoneBase
from omsorg.homecare.selectors import home_care_decisions, require_zone_leader
from omsorg.homecare.services.common import check_minute
from omsorg.people.access import access_person_by_id
from omsorg.people.models import Person


@dataclass(frozen=True)
class BaseInput:
    address: str
    latitude: float
    longitude: float
    speed_kmh: float = 30.0
    detour_factor: float = 1.3


def _check_coordinates(latitude: float | None, longitude: float | None) -> None:
    if (latitude is None) != (longitude is None):
        raise InvalidInput(_("Give both latitude and longitude, or neither."), field="latitude")
    if latitude is not None and not -90 <= latitude <= 90:
        raise InvalidInput(_("A latitude is between -90 and 90."), field="latitude")
    if longitude is not None and not -180 <= longitude <= 180:
        raise InvalidInput(_("A longitude is between -180 and 180."), field="longitude")


def _check_base(data: BaseInput) -> None:
    _check_coordinates(data.latitude, data.longitude)
    if not 5 <= data.speed_kmh <= 120:
        raise InvalidInput(_("The speed is between 5 and 120 km/h."), field="speed_kmh")
    if not 1 <= data.detour_factor <= 3:
        raise InvalidInput(_("The detour factor is between 1 and 3."), field="detour_factor")


@transaction.atomic
def zone_base_set(
    *, actor: User, zone: Unit, data: BaseInput, expected_version: int | None = None
) -> ZoneBase:
    """Set the zone's base (where routes start and end) and its travel speed and detour."""
    if zone.kind != Unit.Kind.ZONE:
        raise InvalidInput(_("Only a home-care zone has a base."), field="zone")
    if actor.role != Role.ADMINISTRATOR:
        require_zone_leader(actor, zone)
    _check_base(data)
    base = ZoneBase.objects.filter(unit=zone).first()
    values = {
        "address": data.address,
        "latitude": data.latitude,
        "longitude": data.longitude,
        "speed_kmh": data.speed_kmh,
        "detour_factor": data.detour_factor,
    }
    if base is None:
        base = ZoneBase.objects.create(unit=zone, created_by=actor, updated_by=actor, **values)
        event_record(actor=actor, kind="zone_base_set", subject=base)
        return base
    before = snapshot(base)
    for name, value in values.items():
        setattr(base, name, value)
    version = base.version if expected_version is None else expected_version
    save_versioned(base, expected_version=version, actor=actor, fields=list(values))
    event_record(actor=actor, kind="zone_base_set", subject=base, before=before)
    return base


@dataclass(frozen=True)
class AddressInput:
    street: str
    postal_code: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    key_box: str = ""
    pets: str = ""
    entrance: str = ""
    notes: str = ""
    source: str = Address.Source.ENTERED


@transaction.atomic
def address_set(
    *,
    actor: User,
    zone: Unit,
    person: Person,
    data: AddressInput,
    today: datetime.date,
    expected_version: int | None = None,
) -> Address:
    """Enter or change a recipient's address, coordinates and practical notes."""
    require_zone_leader(actor, zone)
    if not home_care_decisions(zone, today).filter(person=person).exists():
        raise InvalidInput(_("The person has no home-care decision in this zone."), field="person")
    access_person_by_id(actor, person.pk, today=today, what="homecare: address", channel="page")
    if not data.street.strip():
        raise InvalidInput(_("Give the street address."), field="street")
    if data.postal_code and not (len(data.postal_code) == 4 and data.postal_code.isdigit()):
        raise InvalidInput(_("A postal code has four digits."), field="postal_code")
    _check_coordinates(data.latitude, data.longitude)
    values = {f: getattr(data, f) for f in AddressInput.__dataclass_fields__}
    values["zone"] = zone
    address = Address.objects.filter(person=person).first()
    if address is None:
        address = Address.objects.create(
            person=person, created_by=actor, updated_by=actor, **values
        )
        event_record(actor=actor, kind="address_set", subject=address, person=person)
        return address
    before = snapshot(address)
    for name, value in values.items():
        setattr(address, name, value)
    version = address.version if expected_version is None else expected_version
    save_versioned(address, expected_version=version, actor=actor, fields=list(values))
    event_record(actor=actor, kind="address_set", subject=address, person=person, before=before)
    return address


@transaction.atomic
def address_geocode(*, actor: User, address: Address, geocoder: Geocoder) -> Address:
    """Ask the address register for the coordinates; unchanged when it does not know them."""
    require_zone_leader(actor, address.zone)
    found = geocoder.locate(
        street=address.street, postal_code=address.postal_code, city=address.city
    )
    if found is None:
        raise InvalidInput(_("The address register does not know this address."), field="street")
    before = snapshot(address)
    address.latitude, address.longitude = found.latitude, found.longitude
    address.source = Address.Source.GEOCODED
    save_versioned(
        address,
        expected_version=address.version,
        actor=actor,
        fields=["latitude", "longitude", "source"],
    )
    event_record(
        actor=actor, kind="address_geocoded", subject=address, person=address.person, before=before
    )
    return address


@transaction.atomic
def staff_member_set(
    *,
    actor: User,
    zone: Unit,
    user: User,
    level: str,
    shift_start: int,
    shift_end: int,
    active: bool = True,
) -> StaffMember:
    """Put a care worker of the zone on its staff list with her competence and usual shift."""
    require_zone_leader(actor, zone)
    if user.role != Role.CARE_WORKER or user.unit_id != zone.pk:
        raise InvalidInput(_("Only the zone's own care workers."), field="user")
    if level not in Level.values:
        raise InvalidInput(_("Choose a competence."), field="level")
    check_minute(shift_start, "shift_start")
    check_minute(shift_end, "shift_end")
    if shift_end <= shift_start:
        raise InvalidInput(_("The shift ends after it starts."), field="shift_end")
    member, created = StaffMember.objects.update_or_create(
        user=user,
        defaults={
            "zone": zone,
            "level": level,
            "shift_start": shift_start,
            "shift_end": shift_end,
            "active": active,
            "updated_by": actor,
        },
        create_defaults={
            "zone": zone,
            "level": level,
            "shift_start": shift_start,
            "shift_end": shift_end,
            "active": active,
            "created_by": actor,
            "updated_by": actor,
        },
    )
    event_record(actor=actor, kind="staff_member_set", subject=member)
    return member
