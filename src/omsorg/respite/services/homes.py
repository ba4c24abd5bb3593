"""Setting up a home: beds and staffing, closures, owners' shares, placements, family nights,
children who must not meet, shifts."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.events import event_record, snapshot
from omsorg.core.models import Municipality, Role, Unit, User
from omsorg.people.models import Person, Relative
from omsorg.respite.models import (
    WEEKDAYS,
    Closure,
    FamilyNight,
    Incompatibility,
    Owner,
    Placement,
    RespiteHome,
    Shift,
)
from omsorg.respite.services.common import require_home_staff, require_leader, require_service_need

HOME_SETUP_ROLES = {Role.ADMINISTRATOR, Role.SERVICE_LEADER}


@dataclass(frozen=True)
class HomeInput:
    beds: int
    max_one_to_one_per_night: int | None = None
    staffed_weekdays: tuple[str, ...] = WEEKDAYS
    price_per_night: Decimal | None = None


@transaction.atomic
def home_setup(*, actor: User, unit: Unit, data: HomeInput) -> RespiteHome:
    """Make a unit of kind respite_home plannable: its beds and staffing."""
    if actor.role not in HOME_SETUP_ROLES or actor.municipality_id != unit.municipality_id:
        raise PermissionDenied()
    if actor.role == Role.SERVICE_LEADER and actor.unit_id != unit.pk:
        raise PermissionDenied()
    if unit.kind != Unit.Kind.RESPITE_HOME:
        raise InvalidInput(_("Only a respite home can be planned."), field="unit")
    if data.beds < 1:
        raise InvalidInput(_("A respite home has at least one bed."), field="beds")
    home = RespiteHome.objects.create(
        unit=unit,
        beds=data.beds,
        max_one_to_one_per_night=data.max_one_to_one_per_night,
        staffed_weekdays=[d for d in WEEKDAYS if d in data.staffed_weekdays],
        price_per_night=data.price_per_night,
        created_by=actor,
        updated_by=actor,
    )
    event_record(actor=actor, kind="respite_home_set_up", subject=home)
    return home


@transaction.atomic
def closure_add(
    *, actor: User, home: RespiteHome, first_night, last_night, kind: str, name: str = ""
) -> Closure:
    if actor.role != Role.ADMINISTRATOR:
        require_leader(actor, home)
    if last_night < first_night:
        raise InvalidInput(_("The end date is before the start date."), field="last_night")
    closure = Closure.objects.create(
        home=home, first_night=first_night, last_night=last_night, kind=kind, name=name
    )
    event_record(actor=actor, kind="respite_closure_added", subject=closure)
    return closure


@transaction.atomic
def owner_set(
    *, actor: User, home: RespiteHome, municipality: Municipality, share_percent: Decimal
) -> Owner:
    """An owner municipality and its share of the bed-nights (seed 000: six owners)."""
    if actor.role != Role.ADMINISTRATOR:
        require_leader(actor, home)
    others = home.owners.exclude(municipality=municipality).aggregate(total=Sum("share_percent"))
    if share_percent <= 0 or (others["total"] or 0) + share_percent > 100:
        raise InvalidInput(_("The owners' shares must add up to at most 100 %."), field="share")
    owner, _created = Owner.objects.update_or_create(
        home=home, municipality=municipality, defaults={"share_percent": share_percent}
    )
    event_record(actor=actor, kind="respite_owner_set", subject=owner)
    return owner


@dataclass(frozen=True)
class PlacementInput:
    """What the planner needs beyond the decision: the entitlement is never typed here."""

    municipality: Municipality
    min_nights: int = 1
    max_nights: int = 3
    preferred_weekdays: tuple[str, ...] = field(default_factory=tuple)
    one_to_one: bool = False


def _check_placement(data: PlacementInput) -> dict:
    if data.min_nights < 1:
        raise InvalidInput(_("A stay has at least one night."), field="min_nights")
    if data.max_nights < data.min_nights:
        raise InvalidInput(_("The longest stay is shorter than the shortest."), field="max_nights")
    unknown = set(data.preferred_weekdays) - set(WEEKDAYS)
    if unknown:
        raise InvalidInput(_("Unknown weekday."), field="preferred_weekdays")
    return {
        "municipality": data.municipality,
        "min_nights": data.min_nights,
        "max_nights": data.max_nights,
        "preferred_weekdays": [d for d in WEEKDAYS if d in data.preferred_weekdays],
        "one_to_one": data.one_to_one,
    }


@transaction.atomic
def placement_create(
    *, actor: User, home: RespiteHome, person: Person, data: PlacementInput, today
) -> Placement:
    """Place a child at the home; the leader needs a service need for the child."""
    require_leader(actor, home)
    values = _check_placement(data)
    placement = Placement(home=home, person=person, created_by=actor, updated_by=actor, **values)
    require_service_need(actor, placement, today)
    if Placement.objects.filter(home=home, person=person).exists():
        raise InvalidInput(_("The child is already placed at this home."), field="person")
    placement.save()
    event_record(actor=actor, kind="placement_created", subject=placement, person=person)
    return placement


@transaction.atomic
def placement_update(
    *, actor: User, placement: Placement, data: PlacementInput, expected_version: int
) -> Placement:
    require_leader(actor, placement.home)
    before = snapshot(placement)
    values = _check_placement(data)
    for name, value in values.items():
        setattr(placement, name, value)
    save_versioned(placement, expected_version=expected_version, actor=actor, fields=list(values))
    event_record(
        actor=actor,
        kind="placement_updated",
        subject=placement,
        person=placement.person,
        before=before,
    )
    return placement


def _may_set_family_nights(actor: User, placement: Placement) -> bool:
    """The home's leader, or a guardian of the child with a family login."""
    if actor.role == Role.SERVICE_LEADER:
        return actor.unit_id == placement.home.unit_id
    if actor.role == Role.GUARDIAN:
        return Relative.objects.filter(
            user=actor, person_id=placement.person_id, is_guardian=True
        ).exists()
    return False


@transaction.atomic
def family_night_set(
    *, actor: User, placement: Placement, night: datetime.date, kind: str | None, today
) -> FamilyNight | None:
    """Block or wish a night for the child, or clear it (``kind`` None)."""
    if not _may_set_family_nights(actor, placement):
        raise PermissionDenied()
    if night < today:
        raise InvalidInput(_("The night has passed."), field="night")
    if kind is not None and kind not in FamilyNight.Kind.values:
        raise InvalidInput(_("Unknown kind."), field="kind")
    existing = FamilyNight.objects.filter(placement=placement, night=night).first()
    if existing is not None:
        event_record(
            actor=actor,
            kind="family_night_cleared",
            subject=existing,
            person=placement.person,
            before=snapshot(existing),
        )
        existing.delete()
    if kind is None:
        return None
    row = FamilyNight.objects.create(placement=placement, night=night, kind=kind)
    event_record(actor=actor, kind="family_night_set", subject=row, person=placement.person)
    return row


@transaction.atomic
def incompatibility_add(
    *, actor: User, first: Placement, second: Placement, reason: str = ""
) -> Incompatibility:
    """Two children of the home who must not stay the same night."""
    require_leader(actor, first.home)
    if first.home_id != second.home_id or first.pk == second.pk:
        raise InvalidInput(_("Choose two children of the same home."), field="second")
    row = Incompatibility.objects.create(home=first.home, first=first, second=second, reason=reason)
    event_record(actor=actor, kind="incompatibility_added", subject=row, person=first.person)
    return row


@transaction.atomic
def shift_add(
    *, actor: User, home: RespiteHome, date: datetime.date, staff: User, is_shift_lead: bool
) -> Shift:
    """Put a staff member of the home on a shift (vakt), perhaps as shift lead (ansvarsvakt)."""
    require_leader(actor, home)
    require_home_staff(staff, home)
    shift, _created = Shift.objects.update_or_create(
        home=home, date=date, staff=staff, defaults={"is_shift_lead": is_shift_lead}
    )
    event_record(actor=actor, kind="shift_set", subject=shift)
    return shift
