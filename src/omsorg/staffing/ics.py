"""An employee's own rotation as an iCalendar feed, subscribed to by a signed link."""

from zoneinfo import ZoneInfo

from django.core import signing
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vText

from omsorg.core.clock import now

OSLO = ZoneInfo("Europe/Oslo")
PRODUCT = "-//Omsorg//Turnus//NO"
SALT = "omsorg.staffing.calendar"


def feed_token(employee_id: int) -> str:
    return signing.dumps(employee_id, salt=SALT)


def employee_of_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=SALT))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def shifts_ical(shifts, *, name: str, unit: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", vText(_("Rotation: %(name)s") % {"name": " ".join(name.split())}))
    stamp = now()
    for shift in shifts:
        event = Event()
        event.add(
            "uid", f"shift-{shift.date.isoformat()}-{shift.code}-{name}@omsorg".replace(" ", "")
        )
        event.add("dtstamp", stamp)
        event.add("dtstart", shift.start.replace(tzinfo=OSLO))
        event.add("dtend", shift.end.replace(tzinfo=OSLO))
        event.add("summary", _("Shift %(code)s at %(unit)s") % {"code": shift.code, "unit": unit})
        event.add("location", unit)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
