"""Rotations (turnus): shift types and cover, wishes, the engine run in the background, hand
edits re-checked against every rule, publishing (issue 11 §2-3).

One use case per function and one transaction each, except the engine run: its progress must
be visible while it runs, so each state change and progress report is its own short write.
"""

import datetime
from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core.clock import now
from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, InvalidTransition, OmsorgError, PermissionDenied
from omsorg.core.events import event_record, snapshot
from omsorg.core.lifecycle import set_status
from omsorg.core.models import Unit, User
from omsorg.staffing import plan_io
from omsorg.staffing.competences import Competence
from omsorg.staffing.models import CoverRule, Employee, Rotation, ShiftType, Wish
from omsorg.staffing.permissions import require_unit_leader
from omsorg.staffing.rule_words import FLAGGED_ONLY, rule_text
from omsorg.staffing.tasks import rotation_task

TIME_LIMITS = (1, 600)
WEEKS = (1, 12)


class RuleBroken(OmsorgError):
    code = "staffing_rule_broken"
    http_status = 409
    default_message = _("The change breaks a rule: %(rules)s.")


@transaction.atomic
def shift_type_create(
    *, actor: User, unit: Unit, code: str, label: str, start: datetime.time, minutes: int
) -> ShiftType:
    require_unit_leader(actor, unit)
    if not 1 <= minutes <= 24 * 60:
        raise InvalidInput(_("A shift lasts 1 minute to 24 hours."), field="minutes")
    if unit.shift_types.filter(code=code).exists():
        raise InvalidInput(_("The unit already has a shift with this code."), field="code")
    shift = ShiftType.objects.create(
        unit=unit, code=code, label=label, start=start, minutes=minutes
    )
    event_record(actor=actor, kind="shift_type_created", subject=shift)
    return shift


@transaction.atomic
def cover_rule_set(
    *, actor: User, shift_type: ShiftType, weekdays: list[int], competence: str, required: int
) -> list[CoverRule]:
    """Set how many a shift needs on the weekdays (with the competence, if given); 0 removes."""
    require_unit_leader(actor, shift_type.unit)
    if competence and competence not in Competence.values:
        raise InvalidInput(_("Choose a competence from the list."), field="competence")
    if not weekdays or any(not 0 <= d <= 6 for d in weekdays):
        raise InvalidInput(_("Choose at least one weekday."), field="weekdays")
    rules = []
    for weekday in weekdays:
        key = {"shift_type": shift_type, "weekday": weekday, "competence": competence}
        if required == 0:
            CoverRule.objects.filter(**key).delete()
            continue
        rule, _created = CoverRule.objects.update_or_create(
            **key, defaults={"unit": shift_type.unit, "required": required}
        )
        event_record(actor=actor, kind="cover_rule_set", subject=rule)
        rules.append(rule)
    return rules


@transaction.atomic
def wish_set(
    *, actor: User, employee: Employee, date: datetime.date, shift_type: ShiftType | None,
    today: datetime.date,
) -> Wish:  # fmt: skip
    """Ønsketurnus: the employee (or the leader) wishes a shift, or a day off, on a date."""
    if getattr(actor, "employee", None) != employee:
        require_unit_leader(actor, employee.unit)
    if date < today:
        raise InvalidInput(_("Wishes are for days to come."), field="date")
    if shift_type is not None and shift_type.unit_id != employee.unit_id:
        raise PermissionDenied()
    wish, _created = Wish.objects.update_or_create(
        employee=employee, date=date, defaults={"shift_type": shift_type}
    )
    event_record(actor=actor, kind="wish_set", subject=wish)
    return wish


def _enqueue(rotation_id: int) -> None:
    result = rotation_task.enqueue(rotation_id)
    Rotation.objects.filter(pk=rotation_id).update(task_id=str(result.id))


@transaction.atomic
def rotation_request(
    *, actor: User, unit: Unit, start: datetime.date, weeks: int, time_limit: int, today
) -> Rotation:
    """Queue a rotation for the unit; the engine starts once this commits."""
    require_unit_leader(actor, unit)
    if start < today:
        raise InvalidInput(_("A rotation starts today or later."), field="start")
    if start.weekday() != 0:
        raise InvalidInput(_("A rotation starts on a Monday."), field="start")
    if not WEEKS[0] <= weeks <= WEEKS[1]:
        raise InvalidInput(_("A rotation is 1 to 12 weeks."), field="weeks")
    if not TIME_LIMITS[0] <= time_limit <= TIME_LIMITS[1]:
        raise InvalidInput(_("Give the engine between 1 and 600 seconds."), field="time_limit")
    if not unit.shift_types.exists():
        raise InvalidInput(_("Set up the unit's shift types first."))
    busy = (Rotation.Status.QUEUED, Rotation.Status.RUNNING)
    if unit.rotations.filter(status__in=busy).exists():
        raise InvalidInput(_("A rotation is already being made for this unit."))
    rotation = Rotation.objects.create(
        unit=unit, start=start, weeks=weeks, time_limit=time_limit,
        created_by=actor, updated_by=actor,
    )  # fmt: skip
    event_record(actor=actor, kind="rotation_requested", subject=rotation)
    transaction.on_commit(partial(_enqueue, rotation.pk))
    return rotation


def _broken(instance, roster, who: str | None = None) -> set[tuple[str, str]]:
    return {
        (v.rule, v.staff)
        for v in plan_io.violations(instance, roster)
        if who is None or v.staff == who
    }


@transaction.atomic
def rotation_cell_set(
    *, actor: User, rotation: Rotation, staff: str, day: int, code: str, expected_version: int
) -> list[str]:
    """Set one cell by hand. Every rule is checked again: an edit that breaks a hard rule the
    roster did not break before is refused, naming the rule; the hours over the period are
    flagged, not refused. Returns the flagged rules' texts."""
    require_unit_leader(actor, rotation.unit)
    if rotation.status not in (Rotation.Status.PLANNED, Rotation.Status.PUBLISHED):
        raise InvalidTransition(field="status")
    roster = plan_io.roster_of(rotation)
    instance = plan_io.instance_of(rotation)
    if staff not in roster or not 0 <= day < rotation.days:
        raise InvalidInput(_("No such cell in the rotation."))
    if code and code not in {t.id for t in instance.shift_types}:
        raise InvalidInput(_("Unknown shift code %(code)s."), field="code", code=code)
    before = _broken(instance, roster, staff)
    days = list(roster[staff])
    days[day] = code
    changed = {**roster, staff: tuple(days)}
    new = _broken(instance, changed, staff) - before
    refused = sorted({rule for rule, _who in new} - FLAGGED_ONLY)
    if refused:
        raise RuleBroken(rules="; ".join(rule_text(rule) for rule in refused))
    old = snapshot(rotation)
    rotation.roster = {who: list(d) for who, d in changed.items()}
    save_versioned(rotation, expected_version=expected_version, actor=actor, fields=["roster"])
    event_record(actor=actor, kind="rotation_cell_set", subject=rotation, before=old)
    return [rule_text(rule) for rule, _who in sorted(new) if rule in FLAGGED_ONLY]


@transaction.atomic
def rotation_publish(*, actor: User, rotation: Rotation, expected_version: int) -> Rotation:
    """Publish: the employees see it. A roster that breaks a rest, weekend or run rule is
    refused, naming them; hours off the position are allowed (the leader has seen them)."""
    require_unit_leader(actor, rotation.unit)
    instance = plan_io.instance_of(rotation)
    hard = sorted(
        {rule for rule, _who in _broken(instance, plan_io.roster_of(rotation))} - FLAGGED_ONLY
    )
    if hard:
        raise RuleBroken(rules="; ".join(rule_text(rule) for rule in hard))
    rotation.published_at = now()
    set_status(
        rotation, Rotation.Status.PUBLISHED, actor=actor, expected_version=expected_version,
        extra_fields=["published_at"],
    )  # fmt: skip
    return rotation
