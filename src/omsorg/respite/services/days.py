"""Day stays (dagopphold, seed 004 §1.2 and §1.4: respite "på timebasis", afternoons, holidays):
the home's day places and hours, periods with other day places, the family's blocked and wished
days, and a day stay's status and date. Day stays come from accepted plans (services.plans); the
leader moves one by hand, judged by the engine's checker as a moved night stay is."""

import datetime
from collections import Counter

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core.clock import today as clock_today
from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, LocalDate
from omsorg.core.events import event_record, snapshot
from omsorg.core.lifecycle import set_status
from omsorg.core.models import User
from omsorg.respite import plan_io
from omsorg.respite.models import DayPlaces, DayStay, FamilyDay, Placement, RespiteHome
from omsorg.respite.rules import DayRow, day_places_by_date, day_row_of, row_of
from omsorg.respite.selectors import home_day_stays, home_stays
from omsorg.respite.services.common import (
    RuleBroken,
    RuleReasons,
    require_home_setup,
    require_leader,
)
from omsorg.respite.services.homes import family_mark_set
from omsorg.respite.services.stays import check_window

MAX_DAY_PLACES = 100


def _check_places(places: int, field: str) -> None:
    if not 0 <= places <= MAX_DAY_PLACES:
        raise InvalidInput(_("Give from 0 to %(max)s day places."), field=field, max=MAX_DAY_PLACES)


def _check_booked_days(home: RespiteHome, places_on, field: str, today) -> None:
    """Refuse a change that leaves a date from today on with more booked day stays than day
    places (day rule 2): the leader cancels day stays first, so none is silently left over."""
    booked = Counter(
        home.day_stays.exclude(status=DayStay.Status.CANCELLED)
        .filter(date__gte=today or clock_today())
        .values_list("date", flat=True)
    )
    for date, count in sorted(booked.items()):
        if count > places_on(date):
            raise InvalidInput(
                _(
                    "%(count)s day stays are booked on %(date)s, more than the day places. "
                    "Cancel day stays first."
                ),
                field=field,
                count=count,
                date=LocalDate(date),
            )


def _places_on(home: RespiteHome):
    """Day places per date as the home's rows say now (closures and periods applied)."""

    def places(date: datetime.date) -> int:
        return day_places_by_date(home, date, date).get(date, home.day_places)

    return places


@transaction.atomic
def home_days_update(
    *,
    actor: User,
    home: RespiteHome,
    day_places: int,
    day_start_time: datetime.time,
    day_end_time: datetime.time,
    expected_version: int,
    today: datetime.date | None = None,
) -> RespiteHome:
    """The home's day places on an ordinary date and the hours of a day stay; refused with the
    date named if fewer places would leave day stays booked from ``today`` on over the limit."""
    require_home_setup(actor, home)
    _check_places(day_places, "day_places")
    if day_end_time <= day_start_time:
        raise InvalidInput(_("A day stay ends after it begins."), field="day_end_time")
    RespiteHome.objects.select_for_update().filter(pk=home.pk).first()
    before = snapshot(home)
    old = home.day_places
    home.day_places = day_places  # the check reads the new figure
    try:
        _check_booked_days(home, _places_on(home), "day_places", today)
    except InvalidInput:
        home.day_places = old
        raise
    home.day_places, home.day_start_time, home.day_end_time = (
        day_places,
        day_start_time,
        day_end_time,
    )
    fields = ["day_places", "day_start_time", "day_end_time"]
    save_versioned(home, expected_version=expected_version, actor=actor, fields=fields)
    event_record(actor=actor, kind="respite_home_days_updated", subject=home, before=before)
    return home


@transaction.atomic
def day_places_add(
    *,
    actor: User,
    home: RespiteHome,
    first_day,
    last_day,
    places: int,
    name: str = "",
    today: datetime.date | None = None,
) -> DayPlaces:
    """Other day places on the dates of a period (a school holiday, a day the home is shut);
    periods may not overlap."""
    require_home_setup(actor, home)
    if last_day < first_day:
        raise InvalidInput(_("The end date is before the start date."), field="last_day")
    _check_places(places, "places")
    RespiteHome.objects.select_for_update().filter(pk=home.pk).first()
    if home.day_periods.filter(first_day__lte=last_day, last_day__gte=first_day).exists():
        raise InvalidInput(
            _("Another period with its own day places overlaps these dates."), field="first_day"
        )
    now = _places_on(home)
    _check_booked_days(
        home, lambda date: places if first_day <= date <= last_day else now(date), "places", today
    )
    period = DayPlaces.objects.create(
        home=home, first_day=first_day, last_day=last_day, places=places, name=name
    )
    event_record(actor=actor, kind="respite_day_places_added", subject=period)
    return period


@transaction.atomic
def day_places_remove(*, actor: User, period: DayPlaces) -> None:
    require_home_setup(actor, period.home)
    event_record(
        actor=actor, kind="respite_day_places_removed", subject=period, before=snapshot(period)
    )
    period.delete()


@transaction.atomic
def family_day_set(
    *, actor: User, placement: Placement, date: datetime.date, kind: str | None, today
) -> FamilyDay | None:
    """Block or wish a date for a day stay, or clear it (``kind`` None): a family night's
    mirror, by the home's leader or the child's guardian."""
    return family_mark_set(
        actor=actor, placement=placement, model=FamilyDay, field="date", on=date, kind=kind,
        today=today, passed=_("The date has passed."),
    )  # fmt: skip


@transaction.atomic
def day_stay_set_status(
    *, actor: User, day_stay: DayStay, status: str, expected_version: int
) -> DayStay:
    """Confirm a day stay (re-planning keeps it), return it to planned, or cancel it."""
    require_leader(actor, day_stay.home)
    day_stay.version = expected_version
    set_status(day_stay, status, actor=actor, person=day_stay.placement.person)
    return day_stay


def day_stays_check(home: RespiteHome, *, old: DayRow, new: DayRow) -> None:
    """Refuse replacing the day stay ``old`` by ``new`` if it breaks a hard rule: day places,
    the decision's days in each period, a night stay the same date, the family's blocked days."""
    # One change to a home's stays at a time: the check and the write must see the same stays.
    RespiteHome.objects.select_for_update().filter(pk=home.pk).first()
    first, last = check_window(min(old.date, new.date), max(old.date, new.date))
    nights = [row_of(stay) for stay in home_stays(home, first, last)]
    before = [day_row_of(day) for day in home_day_stays(home, first, last)]
    after = [row for row in before if row != old] + [new]
    broken = plan_io.new_violations(
        home, first, last, before=nights, after=nights, days_before=before, days_after=after
    )
    if broken:
        raise RuleBroken(reasons=RuleReasons(broken))


def _check_move(day_stay: DayStay, date: datetime.date, today: datetime.date) -> None:
    if day_stay.status == DayStay.Status.CANCELLED:
        raise InvalidInput(_("A cancelled day stay cannot be moved."))
    if day_stay.date < today:
        raise InvalidInput(_("A day stay that has passed cannot be moved."), field="date")
    if date < today:
        raise InvalidInput(_("A day stay cannot be moved to a date that has passed."), field="date")
    taken = (
        DayStay.objects.filter(placement_id=day_stay.placement_id, date=date)
        .exclude(status=DayStay.Status.CANCELLED)
        .exclude(pk=day_stay.pk)
    )
    if taken.exists():
        raise InvalidInput(
            _("The child already has a day stay on %(date)s."), field="date", date=LocalDate(date)
        )


@transaction.atomic
def day_stay_move(
    *,
    actor: User,
    day_stay: DayStay,
    date: datetime.date,
    expected_version: int,
    today: datetime.date,
) -> DayStay:
    """Move a day stay to another date; refused with the reason if a hard rule breaks."""
    require_leader(actor, day_stay.home)
    _check_move(day_stay, date, today)
    new = DayRow(day_stay.placement_id, date)
    day_stays_check(day_stay.home, old=day_row_of(day_stay), new=new)
    before = snapshot(day_stay)
    day_stay.date = date
    save_versioned(day_stay, expected_version=expected_version, actor=actor, fields=["date"])
    event_record(
        actor=actor,
        kind="day_stay_moved",
        subject=day_stay,
        person=day_stay.placement.person,
        before=before,
    )
    return day_stay
