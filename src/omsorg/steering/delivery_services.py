"""Writes for delivered services outside a file import (issue 9 §2): a done home visit, a
day service attended, recorded as a registration where it happens.

A registration always belongs to an import event (what undo and re-import work on). Recorded
ones go to one event per municipality, source and day (kind `registrations`, the file name
"<source> <date>"), so the history shows a line a day, not one per visit, and undoing that
event takes the day's recorded registrations out. A later file import of the same (month,
unit) replaces them like any other registration: the journal system's export is then the
record of that month.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from omsorg.catalogue.models import ServiceType
from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.models import Role, Unit, User
from omsorg.people.models import Person
from omsorg.steering.models import ImportEvent, Registration

RECORDERS = {Role.SERVICE_LEADER, Role.CARE_WORKER, Role.ADMINISTRATOR, Role.MANAGEMENT}
MAX_HOURS_A_DAY = Decimal(24)


def _hours(value) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        hours = None
    if hours is None or not hours.is_finite() or hours <= 0 or hours > MAX_HOURS_A_DAY:
        raise InvalidInput(_("The hours must be a number above 0 and at most 24."), field="hours")
    return hours.quantize(Decimal("0.01"))


@transaction.atomic
def registration_record(
    *,
    actor: User | None,
    person: Person,
    unit: Unit,
    service_type: ServiceType,
    date: datetime.date,
    hours,
    source: str,
) -> Registration:
    """Record `hours` of `service_type` delivered to `person` by `unit` on `date` (e.g. a done
    visit: source "homecare"). `actor` None is the system itself (a task); a user must be of
    the unit's municipality in a role that delivers or leads. Several records of the same
    day, person and service are kept apart and summed by every figure."""
    if actor is not None and (
        actor.role not in RECORDERS or actor.municipality_id != unit.municipality_id
    ):
        raise PermissionDenied()
    if person.municipality_id != unit.municipality_id:
        raise InvalidInput(_("The person is not registered in the unit's municipality."),
                           field="person")  # fmt: skip
    if not isinstance(date, datetime.date):
        raise InvalidInput(_("The date is not valid."), field="date")
    source = (source or "").strip()[:100]
    if not source:
        raise InvalidInput(_("Name the source of the registration."), field="source")
    amount = _hours(hours)
    label = f"{source} {date.isoformat()}"
    event = (
        ImportEvent.objects.select_for_update()
        .filter(
            municipality_id=unit.municipality_id,
            kind=ImportEvent.Kind.REGISTRATIONS,
            file_name=label,
            actor_label=source,
            undone=False,
        )  # fmt: skip
        .first()
    )
    if event is None:
        event = ImportEvent.objects.create(
            municipality_id=unit.municipality_id,
            kind=ImportEvent.Kind.REGISTRATIONS,
            actor=None,
            actor_label=source,
            file_name=label,
            file_sha256=hashlib.sha256(label.encode()).hexdigest(),
            row_count=0,
            undo_data={"recorded": True},
        )
    registration = Registration.objects.create(
        import_event=event,
        date=date,
        month=date.replace(day=1),
        person=person,
        unit=unit,
        service_type=service_type,
        hours=amount,
    )
    ImportEvent.objects.filter(pk=event.pk).update(
        row_count=F("row_count") + 1, created_count=F("created_count") + 1
    )
    return registration
