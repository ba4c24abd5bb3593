"""Setting up a home: beds and staffing, closures, owners' shares, placements, family nights,
children who must not meet, shifts."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.events import event_record, snapshot
from omsorg.core.models import Municipality, Role, Unit, User
from omsorg.people.models import Person, Relative
from omsorg.respite.models import (
    MAX_STAY_NIGHTS,
    WEEKDAYS,
    Closure,
    FamilyNight,
    Incompatibility,
    Owner,
    Placement,
    RespiteHome,
    Shift,
    Stay,
)
from omsorg.respite.services.common import (
    require_home_setup,
    require_home_staff,
    require_leader,
    require_service_need,
)

HOME_SETUP_ROLES = {Role.ADMINISTRATOR, Role.SERVICE_LEADER}


@dataclass(frozen=True)
class HomeInput:
    beds: int
    max_one_to_one_per_night: int | None = None
    staffed_weekdays: tuple[str, ...] = WEEKDAYS
    price_per_night: Decimal | None = None


class NightsText:
    """A night or a period shown in the active language when an error message is rendered."""

    def __init__(self, first: datetime.date, last: datetime.date):
        self.first, self.last = first, last

    def __str__(self) -> str:
        first = formats.date_format(self.first, "SHORT_DATE_FORMAT")
        if self.first == self.last:
            return first
        return f"{first}–{formats.date_format(self.last, 'SHORT_DATE_FORMAT')}"


def _check_home(data: HomeInput) -> dict:
    """The home's planning facts from the input, or InvalidInput naming the field."""
    if data.beds < 1:
        raise InvalidInput(_("A respite home has at least one bed."), field="beds")
    if data.max_one_to_one_per_night is not None and data.max_one_to_one_per_night < 0:
        raise InvalidInput(_("The number cannot be negative."), field="max_one_to_one_per_night")
    if set(data.staffed_weekdays) - set(WEEKDAYS):
        raise InvalidInput(_("Unknown weekday."), field="staffed_weekdays")
    if not data.staffed_weekdays:
        raise InvalidInput(
            _("The home is staffed at least one night a week."), field="staffed_weekdays"
        )
    if data.price_per_night is not None and data.price_per_night < 0:
        raise InvalidInput(_("The price cannot be negative."), field="price_per_night")
    return {
        "beds": data.beds,
        "max_one_to_one_per_night": data.max_one_to_one_per_night,
        "staffed_weekdays": [d for d in WEEKDAYS if d in data.staffed_weekdays],
        "price_per_night": data.price_per_night,
    }


def _lock(home: RespiteHome) -> None:
    """One change to a home's closures or owners at a time: the check and the write must see
    the same rows (a row lock on the home; SQLite serialises writers anyway)."""
    RespiteHome.objects.select_for_update().filter(pk=home.pk).first()


@transaction.atomic
def home_setup(*, actor: User, unit: Unit, data: HomeInput) -> RespiteHome:
    """Make a unit of kind respite_home plannable: its beds and staffing."""
    if actor.role not in HOME_SETUP_ROLES or actor.municipality_id != unit.municipality_id:
        raise PermissionDenied()
    if actor.role == Role.SERVICE_LEADER and actor.unit_id != unit.pk:
        raise PermissionDenied()
    if unit.kind != Unit.Kind.RESPITE_HOME:
        raise InvalidInput(_("Only a respite home can be planned."), field="unit")
    values = _check_home(data)
    home = RespiteHome.objects.create(unit=unit, created_by=actor, updated_by=actor, **values)
    event_record(actor=actor, kind="respite_home_set_up", subject=home)
    return home


@transaction.atomic
def home_update(
    *,
    actor: User,
    home: RespiteHome,
    data: HomeInput,
    expected_version: int,
    today: datetime.date | None = None,
) -> RespiteHome:
    """Change the home's beds, one-to-one staffing, staffed weekdays and price per night sold.

    Refused with StaleVersion if someone else saved the home after ``expected_version``, and
    with the night named if the stays booked from ``today`` on would break the new beds,
    one-to-one limit or staffed weekdays (hard rules 2-3 of the planner): the leader moves or
    cancels those stays first, so no booked stay is silently left outside the rules.
    """
    require_home_setup(actor, home)
    values = _check_home(data)
    _check_booked_stays(home, values, today or datetime.date.today())
    before = snapshot(home)
    for name, value in values.items():
        setattr(home, name, value)
    save_versioned(home, expected_version=expected_version, actor=actor, fields=list(values))
    event_record(actor=actor, kind="respite_home_updated", subject=home, before=before)
    return home


def _booked_stays(home: RespiteHome, first: datetime.date, last: datetime.date | None = None):
    """Stays not cancelled with a night in [first, last] (last None: no end)."""
    stays = home.stays.exclude(status=Stay.Status.CANCELLED).select_related("placement")
    stays = stays.filter(first_night__gte=first - datetime.timedelta(days=MAX_STAY_NIGHTS))
    if last is not None:
        stays = stays.filter(first_night__lte=last)
    return [stay for stay in stays.order_by("first_night", "pk") if stay.last_night >= first]


def _check_booked_stays(home: RespiteHome, values: dict, today: datetime.date) -> None:
    """The booked stays from ``today`` on fit the new beds, one-to-one limit and weekdays."""
    children: dict[datetime.date, int] = {}
    one_to_one: dict[datetime.date, int] = {}
    for stay in _booked_stays(home, today):
        for offset in range(stay.nights):
            night = stay.first_night + datetime.timedelta(days=offset)
            if night < today:
                continue
            if WEEKDAYS[night.weekday()] not in values["staffed_weekdays"]:
                raise InvalidInput(
                    _(
                        "A planned or confirmed stay includes the night of %(night)s, which "
                        "would no longer be staffed. Move or cancel the stay first."
                    ),
                    field="staffed_weekdays",
                    night=NightsText(night, night),
                )
            children[night] = children.get(night, 0) + 1
            if stay.placement.one_to_one:
                one_to_one[night] = one_to_one.get(night, 0) + 1
    _check_count(children, values["beds"], "beds")
    limit = values["max_one_to_one_per_night"]
    if limit is not None:
        _check_count(one_to_one, limit, "max_one_to_one_per_night")


def _check_count(per_night: dict[datetime.date, int], limit: int, field_name: str) -> None:
    over = sorted(night for night, count in per_night.items() if count > limit)
    if over:
        raise InvalidInput(
            _(
                "%(count)s children have a stay the night of %(night)s, more than the new "
                "number allows. Move or cancel stays first."
            ),
            field=field_name,
            count=per_night[over[0]],
            night=NightsText(over[0], over[0]),
        )


@transaction.atomic
def closure_add(
    *, actor: User, home: RespiteHome, first_night, last_night, kind: str, name: str = ""
) -> Closure:
    """Nights the home is closed; a closure may not overlap another closure of the home."""
    require_home_setup(actor, home)
    if last_night < first_night:
        raise InvalidInput(_("The end date is before the start date."), field="last_night")
    if kind not in Closure.Kind.values:
        raise InvalidInput(_("Unknown kind."), field="kind")
    _lock(home)
    overlapping = (
        home.closures.filter(first_night__lte=last_night, last_night__gte=first_night)
        .order_by("first_night")
        .first()
    )
    if overlapping is not None:
        raise InvalidInput(
            _(
                "The home is already closed %(nights)s (%(name)s). Closures cannot overlap: "
                "choose other nights, or remove that closure first."
            ),
            field="first_night",
            nights=NightsText(overlapping.first_night, overlapping.last_night),
            name=overlapping.name or overlapping.get_kind_display(),
        )
    booked = _booked_stays(home, first_night, last_night)
    if booked:
        raise InvalidInput(
            _(
                "%(count)s planned or confirmed stays fall on these nights, the first "
                "%(nights)s. Move or cancel them first, then close the home."
            ),
            field="first_night",
            count=len(booked),
            nights=NightsText(booked[0].first_night, booked[0].last_night),
        )
    closure = Closure.objects.create(
        home=home, first_night=first_night, last_night=last_night, kind=kind, name=name
    )
    event_record(actor=actor, kind="respite_closure_added", subject=closure)
    return closure


@transaction.atomic
def closure_remove(*, actor: User, closure: Closure) -> None:
    """The home is open again on the closure's nights (if staffed those weekdays)."""
    require_home_setup(actor, closure.home)
    event_record(
        actor=actor, kind="respite_closure_removed", subject=closure, before=snapshot(closure)
    )
    closure.delete()


@transaction.atomic
def owner_set(
    *,
    actor: User,
    home: RespiteHome,
    municipality: Municipality,
    share_percent: Decimal,
    note: str = "",
) -> Owner:
    """An owner municipality and its share of the bed-nights (seed 000: six owners)."""
    require_home_setup(actor, home)
    _lock(home)
    others = home.owners.exclude(municipality=municipality).aggregate(total=Sum("share_percent"))
    if share_percent <= 0:
        raise InvalidInput(_("A share is more than 0 %. Remove the owner instead."), field="share")
    if (others["total"] or 0) + share_percent > 100:
        raise InvalidInput(_("The owners' shares must add up to at most 100 %."), field="share")
    existing = home.owners.filter(municipality=municipality).first()
    before = snapshot(existing)
    owner, _created = Owner.objects.update_or_create(
        home=home,
        municipality=municipality,
        defaults={"share_percent": share_percent, "note": note.strip()[:200]},
    )
    event_record(actor=actor, kind="respite_owner_set", subject=owner, before=before)
    return owner


@transaction.atomic
def owner_remove(*, actor: User, owner: Owner) -> None:
    """The municipality is no longer an owner; its children's nights count as bought."""
    require_home_setup(actor, owner.home)
    event_record(actor=actor, kind="respite_owner_removed", subject=owner, before=snapshot(owner))
    owner.delete()


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


def may_set_family_nights(actor: User, placement: Placement) -> bool:
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
    return family_mark_set(
        actor=actor, placement=placement, model=FamilyNight, field="night", on=night, kind=kind,
        today=today, passed=_("The night has passed."),
    )  # fmt: skip


def family_mark_set(
    *, actor: User, placement: Placement, model, field: str, on, kind, today, passed
):
    """Set or clear (``kind`` None) the family's block or wish on one night or day: the one
    rule for FamilyNight and its day mirror FamilyDay, with the events of both."""
    if not may_set_family_nights(actor, placement):
        raise PermissionDenied()
    if on < today:
        raise InvalidInput(passed, field=field)
    if kind is not None and kind not in FamilyNight.Kind.values:
        raise InvalidInput(_("Unknown kind."), field="kind")
    name = model._meta.model_name.removeprefix("family")  # "night" or "day"
    existing = model.objects.filter(placement=placement, **{field: on}).first()
    if existing is not None:
        event_record(
            actor=actor,
            kind=f"family_{name}_cleared",
            subject=existing,
            person=placement.person,
            before=snapshot(existing),
        )
        existing.delete()
    if kind is None:
        return None
    row = model.objects.create(placement=placement, kind=kind, **{field: on})
    event_record(actor=actor, kind=f"family_{name}_set", subject=row, person=placement.person)
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
