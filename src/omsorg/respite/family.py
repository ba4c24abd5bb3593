"""Reads for families: a guardian sees their child's stays and the reviewed stay reports,
never the case record. Guardians' reads are logged like staff reads (the child may ask who)."""

import datetime

from django.db.models import QuerySet

from omsorg.core.errors import NotFound, PermissionDenied
from omsorg.core.models import Role, User
from omsorg.people.access import log_denied, log_reads, security_log
from omsorg.people.access_log import person_readers
from omsorg.people.models import AccessLog, Relative
from omsorg.respite.models import CalendarFeed, DayStay, Placement, Stay, StayReport

HISTORY_DAYS = 180  # past stays shown to the family (and in the calendar feed)


def guardian_relative(actor: User) -> Relative:
    """The guardian's relative row: the family login is linked to one child's guardian."""
    relative = None
    if actor.is_authenticated and actor.role == Role.GUARDIAN:
        relative = (
            Relative.objects.filter(user=actor, is_guardian=True).select_related("person").first()
        )
    if relative is None:
        raise PermissionDenied()
    return relative


def child_stays(person_id: int, today: datetime.date):
    """The child's stays (not cancelled) from HISTORY_DAYS ago on, at any home."""
    since = today - datetime.timedelta(days=HISTORY_DAYS)
    return (
        Stay.objects.filter(placement__person_id=person_id, first_night__gte=since)
        .exclude(status=Stay.Status.CANCELLED)
        .select_related("home__unit")
        .order_by("first_night")
    )


def child_day_stays(person_id: int, today: datetime.date):
    """The child's day stays (dagopphold, not cancelled) from HISTORY_DAYS ago on."""
    since = today - datetime.timedelta(days=HISTORY_DAYS)
    return (
        DayStay.objects.filter(placement__person_id=person_id, date__gte=since)
        .exclude(status=Stay.Status.CANCELLED)
        .select_related("home__unit")
        .order_by("date")
    )


def family_overview(*, actor: User, today: datetime.date) -> dict:
    relative = guardian_relative(actor)
    person = relative.person
    log_reads(actor, [person], what="family: stays", channel="page")
    stays = list(child_stays(person.pk, today))
    placements = person.placements.select_related("home__unit")
    reviewed = set(
        StayReport.objects.filter(
            stay__in=[s.pk for s in stays], status=StayReport.Status.REVIEWED
        ).values_list("stay_id", flat=True)
    )
    return {
        "relative": relative,
        "person": person,
        "upcoming": [s for s in stays if s.ends_on > today],
        "past": [(s, s.pk in reviewed) for s in reversed(stays) if s.ends_on <= today],
        "upcoming_days": list(child_day_stays(person.pk, today).filter(date__gte=today)),
        "feed": CalendarFeed.objects.filter(relative=relative, revoked_at__isnull=True).first(),
        "placements": placements,
        # Homes that take children by day: the family may block or wish days there too.
        "day_placements": [p for p in placements if p.home.day_places > 0],
    }


def family_report(*, actor: User, stay_id: int) -> tuple[Stay, StayReport]:
    """A reviewed report of the guardian's own child; anything else is not found."""
    relative = guardian_relative(actor)
    report = (
        StayReport.objects.filter(
            stay_id=stay_id,
            stay__placement__person_id=relative.person_id,
            status=StayReport.Status.REVIEWED,
        )
        .select_related("stay__home__unit", "created_by")
        .first()
    )
    if report is None:
        _log_other_child(actor, Stay.objects.filter(pk=stay_id), "family: stay report")
        raise NotFound()
    log_reads(actor, [relative.person], what="family: stay report", channel="page")
    return report.stay, report


def family_access_log(*, actor: User):
    """Who has read the child's record (Normen: the person, and so the guardian acting for a
    child, may see who accessed): every staff read and refusal, the guardian's own left out.
    This read is logged too."""
    relative = guardian_relative(actor)
    log_reads(actor, [relative.person], what="family: access log", channel="page")
    entries: QuerySet[AccessLog] = person_readers(relative.person, leave_out=actor)
    return relative.person, entries


def family_placement(*, actor: User, placement_id: int):
    relative = guardian_relative(actor)
    placement = relative.person.placements.filter(pk=placement_id).first()
    if placement is None:
        _log_other_child(actor, Placement.objects.filter(pk=placement_id), "family: placement")
        raise NotFound()
    return placement


def _log_other_child(actor: User, rows, what: str) -> None:
    """A guardian asking for another child's stay or placement: a refused read of that child."""
    field = "placement__person_id" if rows.model is Stay else "person_id"
    for person_id in rows.values_list(field, flat=True)[:1]:
        log_denied(actor, person_id, what=what, channel="page")


FEED_READ = "family: calendar feed"


def feed_by_token_hash(token_hash: str) -> CalendarFeed:
    """The feed of a live link, its read logged as its owner's (the guardian): who, which
    child, when (Normen). A revoked link is refused and logged as a denied read; an unknown
    one has no one to log in the access log, so only the security log hears of it."""
    feed = (
        CalendarFeed.objects.filter(token_hash=token_hash)
        .select_related("relative__person__municipality", "relative__user")
        .first()
    )
    if feed is None:
        security_log.warning("calendar feed refused: unknown link")
        raise NotFound()
    owner = feed.relative.user
    if feed.revoked_at is not None or owner is None or not owner.is_active:
        if owner is not None:
            log_denied(owner, feed.relative.person_id, what=FEED_READ, channel="feed")
        raise NotFound()
    log_reads(owner, [feed.relative.person], what=FEED_READ, channel="feed")
    return feed
