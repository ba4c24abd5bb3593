"""Stay reports (tilbakemelding etter opphold, seed 000): staff write, the shift lead reviews,
then the guardians can read it."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.events import event_record
from omsorg.core.lifecycle import set_status
from omsorg.core.models import Role, User
from omsorg.people.access import can_access_person
from omsorg.respite.models import Shift, Stay, StayReport
from omsorg.respite.services.common import (
    HOME_STAFF_ROLES,
    require_home_staff,
    require_service_need,
)


@dataclass(frozen=True)
class ReportInput:
    sleep: str
    food: str
    activities: str
    medication: str = ""
    incidents: str = ""
    message: str = ""


REQUIRED = {
    "sleep": _("Write how the child slept."),
    "food": _("Write how the child ate."),
    "activities": _("Write what the child did."),
}


@transaction.atomic
def report_write(*, actor: User, stay: Stay, data: ReportInput, today: datetime.date) -> StayReport:
    """Write the report of a completed stay."""
    require_home_staff(actor, stay.home)
    require_service_need(actor, stay.placement, today)
    if stay.status == Stay.Status.CANCELLED:
        raise InvalidInput(_("A cancelled stay has no report."))
    if today < stay.ends_on:
        raise InvalidInput(_("The report is written when the stay has ended."))
    if StayReport.objects.filter(stay=stay).exists():
        raise InvalidInput(_("The report of this stay is already written."))
    for name, message in REQUIRED.items():
        if not getattr(data, name).strip():
            raise InvalidInput(message, field=name)
    report = StayReport.objects.create(
        stay=stay, created_by=actor, updated_by=actor, **data.__dict__
    )
    event_record(
        actor=actor, kind="stay_report_written", subject=report, person=stay.placement.person
    )
    return report


def _may_review(actor: User, stay: Stay, today: datetime.date) -> bool:
    """The home's leader, or a shift lead at the home during the stay or today."""
    if actor.role not in HOME_STAFF_ROLES or actor.unit_id != stay.home.unit_id:
        return False
    if actor.role == Role.SERVICE_LEADER:
        return actor.unit_id == stay.home.unit_id
    shifts = Shift.objects.filter(home=stay.home, staff=actor, is_shift_lead=True)
    during = shifts.filter(date__gte=stay.first_night, date__lte=stay.ends_on)
    return during.exists() or shifts.filter(date=today).exists()


def may_review(actor: User, report: StayReport, today: datetime.date) -> bool:
    """Four eyes (seed 000: written feedback after every stay, read through before the family
    sees it): the leader or a shift lead, never the writer, and only a report awaiting review.
    The pages offer "Mark as reviewed" only when this holds."""
    return (
        report.status == StayReport.Status.SUBMITTED
        and report.created_by_id != actor.pk
        and _may_review(actor, report.stay, today)
        and can_access_person(actor, report.stay.placement.person_id, today)
    )


@transaction.atomic
def report_review(
    *, actor: User, report: StayReport, expected_version: int, today: datetime.date
) -> StayReport:
    """The shift lead reads the report through; from then on the guardians see it."""
    stay = report.stay
    require_home_staff(actor, stay.home)
    require_service_need(actor, stay.placement, today)
    if not _may_review(actor, stay, today):
        raise PermissionDenied(_("Only the shift lead or the home's leader reviews reports."))
    if report.created_by_id == actor.pk:
        raise InvalidInput(_("Someone other than the writer reviews the report."))
    report.version = expected_version
    report.reviewed_by, report.reviewed_on = actor, today
    set_status(
        report,
        StayReport.Status.REVIEWED,
        actor=actor,
        person=stay.placement.person,
        extra_fields=["reviewed_by", "reviewed_on"],
    )
    return report
