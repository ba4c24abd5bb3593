"""The work list on the phone (issue 10 §4): the care worker marks her visits started, done or
not done with a reason, and writes a short report. A done visit becomes delivered time."""

import datetime
import math
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core.clock import now
from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.events import event_record, snapshot
from omsorg.core.lifecycle import set_status
from omsorg.core.models import User
from omsorg.homecare.models import Visit
from omsorg.people.access import can_access_person, log_denied
from omsorg.steering.services import registration_record

REPORT_MAX = 2000
REGISTRATION_SOURCE = "homecare"


def _require_own(actor: User, visit: Visit, today: datetime.date, channel: str) -> None:
    """Only the staff member the visit is planned for, on its day, with the person on her route."""
    if visit.staff_id != actor.pk or visit.day_plan.date != today:
        raise PermissionDenied(_("The visit is not on your route today."))
    if not can_access_person(actor, visit.person_id, today):
        log_denied(actor, visit.person_id, what="homecare: visit", channel=channel)
        raise PermissionDenied()


@transaction.atomic
def visit_start(
    *, actor: User, visit: Visit, expected_version: int, today: datetime.date, channel: str = "page"
) -> Visit:
    _require_own(actor, visit, today, channel)
    visit.started_at = now()
    set_status(
        visit,
        Visit.Status.STARTED,
        actor=actor,
        person=visit.person,
        extra_fields=["started_at"],
        expected_version=expected_version,
    )
    return visit


# The measured time is believed between a quarter of the planned duration (at least a minute)
# and twice the planned duration plus an hour (at most 12 hours). Outside it a tap was
# forgotten or made late (started and done tapped together at the door, "done" tapped at the
# end of the shift), and the planned duration is registered instead, with the reason.
SHORTEST_SHARE = 0.25
LONGEST_FACTOR, LONGEST_EXTRA, LONGEST_EVER = 2, 60, 720


def delivered_time(visit: Visit, *, marked_started: bool) -> tuple[int, str]:
    """(minutes, basis) of a done visit: the real time worked, from the minute the staff
    member marked it started to the minute she marked it done, as journal systems register
    it; the planned duration when she did not mark it started or the measure is implausible."""
    if not marked_started or visit.started_at is None or visit.finished_at is None:
        return visit.duration, Visit.Basis.NOT_STARTED
    measured = round((visit.finished_at - visit.started_at).total_seconds() / 60)
    if measured < max(1, math.ceil(visit.duration * SHORTEST_SHARE)):
        return visit.duration, Visit.Basis.TOO_SHORT
    if measured > min(LONGEST_EVER, visit.duration * LONGEST_FACTOR + LONGEST_EXTRA):
        return visit.duration, Visit.Basis.TOO_LONG
    return measured, Visit.Basis.MEASURED


@transaction.atomic
def visit_done(
    *,
    actor: User,
    visit: Visit,
    expected_version: int,
    today: datetime.date,
    report: str = "",
    channel: str = "page",
) -> Visit:
    """The visit is done: its minutes are delivered time (issue 10 §5)."""
    _require_own(actor, visit, today, channel)
    if len(report) > REPORT_MAX:
        raise InvalidInput(_("The report is at most 2000 characters."), field="report")
    marked_started = visit.status == Visit.Status.STARTED
    visit.finished_at, visit.report = now(), report.strip() or visit.report
    if not marked_started:
        visit.started_at = visit.finished_at
    visit.delivered_minutes, visit.delivered_basis = delivered_time(
        visit, marked_started=marked_started
    )
    fields = ["started_at", "finished_at", "report", "delivered_minutes", "delivered_basis"]
    if visit.status == Visit.Status.PLANNED:
        # Marked done straight away: started and done in one step.
        set_status(visit, Visit.Status.STARTED, actor=actor, person=visit.person,
                   extra_fields=fields, expected_version=expected_version)  # fmt: skip
        expected_version = visit.version
    visit.registration = _register(actor, visit)
    set_status(
        visit,
        Visit.Status.DONE,
        actor=actor,
        person=visit.person,
        extra_fields=[*fields, "registration"],
        expected_version=expected_version,
    )
    return visit


def _register(actor: User, visit: Visit):
    """The done visit as delivered time for the steering figures (issue 10 §5): person,
    service, zone, day, hours. A double visit is the person's time once: the second staff
    member's half registers nothing."""
    if visit.partner_id is not None and visit.partner_id < visit.pk:
        return None
    return registration_record(
        actor=actor,
        person=visit.person,
        unit=visit.day_plan.zone,
        service_type=visit.decision.service_type,
        date=visit.day_plan.date,
        hours=Decimal(visit.delivered_minutes) / 60,
        source=REGISTRATION_SOURCE,
    )


@transaction.atomic
def visit_not_done(
    *,
    actor: User,
    visit: Visit,
    reason: str,
    expected_version: int,
    today: datetime.date,
    channel: str = "page",
) -> Visit:
    """The visit could not be done; the reason goes to the leader's list."""
    _require_own(actor, visit, today, channel)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Say why the visit was not done."), field="reason")
    if len(reason) > 300:
        raise InvalidInput(_("The reason is at most 300 characters."), field="reason")
    visit.not_done_reason, visit.finished_at = reason, now()
    set_status(
        visit,
        Visit.Status.NOT_DONE,
        actor=actor,
        person=visit.person,
        extra_fields=["not_done_reason", "finished_at"],
        expected_version=expected_version,
    )
    return visit


@transaction.atomic
def visit_report(
    *,
    actor: User,
    visit: Visit,
    report: str,
    expected_version: int,
    today: datetime.date,
    channel: str = "page",
) -> Visit:
    """A short report of the visit, for the next one and the leader."""
    _require_own(actor, visit, today, channel)
    if len(report) > REPORT_MAX:
        raise InvalidInput(_("The report is at most 2000 characters."), field="report")
    before = snapshot(visit)
    visit.report = report.strip()
    save_versioned(visit, expected_version=expected_version, actor=actor, fields=["report"])
    event_record(
        actor=actor, kind="visit_report", subject=visit, person=visit.person, before=before
    )
    return visit
