"""Stays by hand: add, move, confirm or cancel. Every change is judged by the engine's checker
on the home's stays around it, so a change that breaks a hard rule is refused with the reason."""

import calendar
import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput
from omsorg.core.events import event_record, snapshot
from omsorg.core.lifecycle import set_status
from omsorg.core.models import User
from omsorg.respite import plan_io
from omsorg.respite.models import MAX_STAY_NIGHTS, Placement, RespiteHome, Stay, StayReport
from omsorg.respite.rules import StayRow, day_row_of, row_of
from omsorg.respite.selectors import home_day_stays, home_stays
from omsorg.respite.services.common import RuleBroken, RuleReasons, require_leader

ONE_DAY = datetime.timedelta(days=1)


def check_window(first: datetime.date, last: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Whole months and whole ISO weeks around [first - 1, last + 1]: every entitlement period
    a changed night falls in is inside, uncut, and so are the neighbouring nights (a night at
    home between two stays)."""
    start = (first - ONE_DAY).replace(day=1)
    start -= datetime.timedelta(days=start.weekday())
    end_month = last + ONE_DAY
    end = end_month.replace(day=calendar.monthrange(end_month.year, end_month.month)[1])
    end += datetime.timedelta(days=6 - end.weekday())
    return start, end


def stays_check(stay_home, *, old: StayRow | None, new: StayRow | None) -> None:
    """Refuse replacing ``old`` by ``new`` (either may be None) if it breaks a hard rule."""
    # One change to a home's stays at a time: the check and the write must see the same stays.
    RespiteHome.objects.select_for_update().filter(pk=stay_home.pk).first()
    rows = [row for row in (old, new) if row is not None]
    first, last = check_window(min(r.first_night for r in rows), max(r.last_night for r in rows))
    before = [row_of(stay) for stay in home_stays(stay_home, first, last)]
    after = list(before)
    if old is not None:
        after.remove(old)
    if new is not None:
        after.append(new)
    days = [day_row_of(day) for day in home_day_stays(stay_home, first, last)]
    broken = plan_io.new_violations(
        stay_home, first, last, before=before, after=after, days_before=days
    )
    if broken:
        raise RuleBroken(reasons=RuleReasons(broken))


def _check_nights(first_night: datetime.date, nights: int, today: datetime.date) -> None:
    if first_night < today:
        raise InvalidInput(_("A stay cannot start in the past."), field="first_night")
    if not 1 <= nights <= MAX_STAY_NIGHTS:
        raise InvalidInput(
            _("A stay has from 1 to %(max)s nights."), field="nights", max=MAX_STAY_NIGHTS
        )


@transaction.atomic
def stay_create(
    *, actor: User, placement: Placement, first_night: datetime.date, nights: int, today
) -> Stay:
    """A stay added by hand (planned); the rules are the plan's."""
    require_leader(actor, placement.home)
    _check_nights(first_night, nights, today)
    stays_check(placement.home, old=None, new=StayRow(placement.pk, first_night, nights))
    stay = Stay.objects.create(
        home=placement.home,
        placement=placement,
        first_night=first_night,
        nights=nights,
        created_by=actor,
        updated_by=actor,
    )
    event_record(actor=actor, kind="stay_created", subject=stay, person=placement.person)
    return stay


@transaction.atomic
def stay_move(
    *,
    actor: User,
    stay: Stay,
    first_night: datetime.date,
    nights: int,
    expected_version: int,
    today: datetime.date,
) -> Stay:
    """Move a stay or change its length; refused with the reason if a hard rule breaks."""
    require_leader(actor, stay.home)
    if stay.status == Stay.Status.CANCELLED:
        raise InvalidInput(_("A cancelled stay cannot be moved."))
    if stay.first_night < today:
        raise InvalidInput(_("A stay that has begun cannot be moved."), field="first_night")
    _check_nights(first_night, nights, today)
    stays_check(stay.home, old=row_of(stay), new=StayRow(stay.placement_id, first_night, nights))
    before = snapshot(stay)
    stay.first_night, stay.nights = first_night, nights
    save_versioned(
        stay, expected_version=expected_version, actor=actor, fields=["first_night", "nights"]
    )
    event_record(
        actor=actor, kind="stay_moved", subject=stay, person=stay.placement.person, before=before
    )
    return stay


@transaction.atomic
def stay_set_status(*, actor: User, stay: Stay, status: str, expected_version: int) -> Stay:
    """Confirm a stay (re-planning keeps it), return it to planned, or cancel it.

    A stay that has begun counts as completed and is invoiced; one that did not take place is
    cancelled, unless a stay report says it did."""
    require_leader(actor, stay.home)
    if status == Stay.Status.CANCELLED and StayReport.objects.filter(stay=stay).exists():
        raise InvalidInput(
            _("The stay has a stay report, so it took place and cannot be cancelled."),
            field="status",
        )
    stay.version = expected_version
    set_status(stay, status, actor=actor, person=stay.placement.person)
    return stay
