"""Reads for the data protection officer to follow up in the demo's log control.

The demo's own reads are ordinary work; so that `personvernombud` has something to look at,
the caseworker is given a home address (as the employer's records would) and is recorded
looking up a neighbour at that address late in the evening.
"""

import datetime
from zoneinfo import ZoneInfo

from omsorg.core.models import Municipality, User
from omsorg.people.models import AccessLog, Person, StaffAddress

OSLO = ZoneInfo("Europe/Oslo")
LATE = datetime.time(23, 12)


def log_control_examples(
    *, municipality: Municipality, personas: dict[str, User], today: datetime.date
) -> None:
    caseworker = personas["saksbehandler"]
    neighbour = (
        Person.objects.filter(municipality=municipality, synthetic=True)
        .exclude(street_address="")
        .order_by("pk")
        .first()
    )
    if neighbour is None:
        return
    StaffAddress.objects.create(
        user=caseworker,
        street_address=neighbour.street_address,
        postal_code=neighbour.postal_code,
    )
    yesterday = datetime.datetime.combine(today - datetime.timedelta(days=1), LATE, OSLO)
    for minutes, what in ((0, "person record"), (2, "case")):
        entry = AccessLog.objects.create(
            actor=caseworker, role=caseworker.role, person=neighbour, what=what, channel="page"
        )
        at = yesterday + datetime.timedelta(minutes=minutes)
        AccessLog.objects.filter(pk=entry.pk).update(at=at)
