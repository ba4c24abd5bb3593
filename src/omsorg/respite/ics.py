"""The family's iCalendar feed of a child's stays and day stays (subscribed to by a secret
link). A day stay (dagopphold, seed 004 §1.4) is an event of its own, named as one, over the
home's day hours."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

from omsorg.core.clock import now
from omsorg.respite.models import Stay
from omsorg.respite.rules import COMPLETED, day_stay_state, stay_state

OSLO = ZoneInfo("Europe/Oslo")
PRODUCT = "-//Omsorg//Avlastning//NO"


def _event(stay, stamp: datetime.datetime, today: datetime.date) -> Event:
    home = stay.home
    event = Event()
    event.add("uid", f"respite-stay-{stay.pk}@omsorg")
    event.add("dtstamp", stamp)
    event.add("dtstart", datetime.datetime.combine(stay.first_night, home.arrival_time, OSLO))
    event.add("dtend", datetime.datetime.combine(stay.ends_on, home.departure_time, OSLO))
    event.add("summary", _("Respite at %(home)s") % {"home": home.unit.name})
    event.add("location", home.unit.name)
    # Planned stays may still move; a confirmed stay is fixed, and so is one that took place.
    fixed = stay_state(stay, today) in (Stay.Status.CONFIRMED, COMPLETED)
    event.add("status", "CONFIRMED" if fixed else "TENTATIVE")
    event.add("sequence", stay.version)
    return event


def _day_event(day, stamp: datetime.datetime, today: datetime.date) -> Event:
    home = day.home
    event = Event()
    event.add("uid", f"respite-day-stay-{day.pk}@omsorg")
    event.add("dtstamp", stamp)
    event.add("dtstart", datetime.datetime.combine(day.date, home.day_start_time, OSLO))
    event.add("dtend", datetime.datetime.combine(day.date, home.day_end_time, OSLO))
    event.add("summary", _("Day stay (respite) at %(home)s") % {"home": home.unit.name})
    event.add("location", home.unit.name)
    event.add("categories", [_("day stay")])
    fixed = day_stay_state(day, today) in (Stay.Status.CONFIRMED, COMPLETED)
    event.add("status", "CONFIRMED" if fixed else "TENTATIVE")
    event.add("sequence", day.version)
    return event


def stays_ical(stays, *, child_name: str, language: str, day_stays=()) -> bytes:
    """An iCalendar of the stays and day stays, in the municipality's written language."""
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODUCT)
        calendar.add("version", "2.0")
        # One line whatever the register holds (a name with a line break broke the feed,
        # issue 8 §3); vText escapes the rest (; , \) as RFC 5545 wants, and folds long lines.
        name = " ".join(child_name.split())
        calendar.add("x-wr-calname", vText(_("Respite: %(name)s") % {"name": name}))
        stamp = now()
        today = stamp.astimezone(OSLO).date()
        for stay in stays:
            calendar.add_component(_event(stay, stamp, today))
        for day in day_stays:
            calendar.add_component(_day_event(day, stamp, today))
        calendar.add_missing_timezones()
        return calendar.to_ical()
