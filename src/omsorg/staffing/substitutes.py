"""Absences on a published rotation, and filling the shifts left open (issue 11 §4).

An absence turns the employee's shifts in it into vacancies. For each, the proposal lists who
can take it without breaking a rule of the Working Environment Act or going past full time:
part-timers first, then the substitute pool, each group ranked by competence fit (the
competences the shift now lacks that the person has) and then by the extra shifts the person
already has in the rotation. Offers go to the best ones; the first qualified acceptance fills
the shift and withdraws the others. Every step writes a case event.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.events import event_record
from omsorg.core.lifecycle import set_status
from omsorg.core.models import User
from omsorg.staffing import plan_io
from omsorg.staffing.models import Absence, Employee, Offer, Rotation, Vacancy
from omsorg.staffing.permissions import require_unit_leader
from omsorg.staffing.rotations import RuleBroken
from omsorg.staffing.rule_words import rule_text
from omsorg.staffing.selectors import competences_of

OFFERS_PER_VACANCY = 5
FULL_TIME = Decimal(100)


@dataclass(frozen=True)
class Candidate:
    employee: Employee
    part_timer: bool
    fit: int
    extra_shifts: int

    @property
    def key(self) -> tuple:
        return (not self.part_timer, -self.fit, self.extra_shifts, self.employee.name)


def _days_of(rotation: Rotation, employee: Employee, roster) -> list[str]:
    """The employee's days in the rotation: the roster's row, or (a substitute) only the
    vacancies they have filled."""
    who = plan_io.staff_id(employee.pk)
    if who in roster:
        return list(roster[who])
    days = [""] * rotation.days
    for vacancy in rotation.vacancies.filter(filled_by=employee):
        days[vacancy.day] = vacancy.shift_code
    return days


def _breaks(rotation: Rotation, instance, employee: Employee, days, vacancy: Vacancy) -> list[str]:
    """The rules the employee would break by taking the vacancy (hours up to full time for a
    part-timer, up to their own position size for the substitute pool)."""
    skills = competences_of(employee, vacancy.date)
    percent = FULL_TIME if employee.kind == Employee.Kind.PERMANENT else employee.position_percent
    full = plan_io.position_minutes(percent, rotation.weeks)
    staff = plan_io.extra_shift_staff(rotation, instance, employee, skills, full)
    return plan_io.new_breaks(instance, staff, days, vacancy.day, vacancy.shift_code)


def _lacking(instance, roster, rotation, vacancy: Vacancy) -> set[str]:
    """Competences the shift's cover asks for that the people on it now lack."""
    on_shift = [s for s in instance.staff if roster[s.id][vacancy.day] == vacancy.shift_code]
    lacking = set()
    for cover in instance.cover:
        if cover.day != vacancy.day or cover.shift != vacancy.shift_code or not cover.skill:
            continue
        if sum(1 for s in on_shift if cover.skill in s.skills) < cover.required:
            lacking.add(cover.skill)
    return lacking


def candidates(rotation: Rotation, vacancy: Vacancy) -> list[Candidate]:
    """Who can take the vacancy, best first (the proposal)."""
    instance = plan_io.instance_of(rotation)
    roster = plan_io.roster_of(rotation)
    lacking = _lacking(instance, roster, rotation, vacancy)
    absent = Absence.objects.filter(first_day__lte=vacancy.date, last_day__gte=vacancy.date)
    people = (
        rotation.unit.employees.filter(active=True)
        .exclude(pk__in=absent.values("employee_id"))
        .exclude(kind=Employee.Kind.PERMANENT, position_percent__gte=FULL_TIME)
        .prefetch_related("certificates")
    )
    found = []
    for employee in people:
        days = _days_of(rotation, employee, roster)
        if days[vacancy.day] or _breaks(rotation, instance, employee, days, vacancy):
            continue
        skills = competences_of(employee, vacancy.date)
        found.append(
            Candidate(
                employee=employee,
                part_timer=employee.kind == Employee.Kind.PERMANENT,
                fit=len(lacking & skills),
                extra_shifts=rotation.vacancies.filter(filled_by=employee).count(),
            )
        )
    return sorted(found, key=lambda c: c.key)


def _open_vacancy(actor, rotation: Rotation, absence: Absence, day: int, code: str) -> Vacancy:
    vacancy = Vacancy.objects.create(
        rotation=rotation, absence=absence, day=day, shift_code=code,
        date=rotation.start + datetime.timedelta(days=day), created_by=actor, updated_by=actor,
    )  # fmt: skip
    event_record(actor=actor, kind="vacancy_opened", subject=vacancy)
    for rank, candidate in enumerate(candidates(rotation, vacancy)[:OFFERS_PER_VACANCY], 1):
        offer = Offer.objects.create(vacancy=vacancy, employee=candidate.employee, rank=rank,
                                     created_by=actor, updated_by=actor)  # fmt: skip
        event_record(actor=actor, kind="offer_sent", subject=offer)
    return vacancy


def _take_off(actor, rotation: Rotation, employee: Employee, absence: Absence) -> int:
    who = plan_io.staff_id(employee.pk)
    roster = rotation.roster or {}
    if who not in roster:
        return 0
    days = list(roster[who])
    taken = []
    for day, code in enumerate(days):
        date = rotation.start + datetime.timedelta(days=day)
        if code and absence.first_day <= date <= absence.last_day:
            taken.append((day, code))
            days[day] = ""
    if not taken:
        return 0
    rotation.roster = {**roster, who: days}
    Rotation.objects.filter(pk=rotation.pk).update(roster=rotation.roster, version=F("version") + 1)
    rotation.refresh_from_db()
    for day, code in taken:
        _open_vacancy(actor, rotation, absence, day, code)
    return len(taken)


def _absence_create(actor, employee: Employee, first_day, last_day, kind: str) -> Absence:
    """The absence, logged; its shifts in published rotations become vacancies with offers."""
    if last_day < first_day:
        raise InvalidInput(_("The last day is before the first day."), field="last_day")
    if kind not in Absence.Kind.values:
        raise InvalidInput(_("Choose a kind of absence."), field="kind")
    absence = Absence.objects.create(employee=employee, first_day=first_day, last_day=last_day,
                                     kind=kind, created_by=actor, updated_by=actor)  # fmt: skip
    event_record(actor=actor, kind="absence_registered", subject=absence)
    published = employee.unit.rotations.select_for_update().filter(status=Rotation.Status.PUBLISHED)
    for rotation in published:
        _take_off(actor, rotation, employee, absence)
    return absence


@transaction.atomic
def absence_register(
    *, actor: User, employee: Employee, first_day: datetime.date, last_day: datetime.date,
    kind: str,
) -> Absence:  # fmt: skip
    """The leader registers an absence (sick, leave, course)."""
    require_unit_leader(actor, employee.unit)
    return _absence_create(actor, employee, first_day, last_day, kind)


@transaction.atomic
def own_sickness_report(
    *, actor: User, first_day: datetime.date, last_day: datetime.date, today: datetime.date
) -> Absence:
    """An employee reports themself sick from today or a later day (on the phone): the same
    absence as the leader's, so the shifts go to offers at once. Only sickness, and not for
    days gone by: leave, courses and corrections are the leader's."""
    employee = Employee.objects.filter(user=actor, active=True).select_related("unit").first()
    if employee is None:
        raise PermissionDenied()
    if first_day < today:
        raise InvalidInput(_("Report sickness from today or a later day."), field="first_day")
    return _absence_create(actor, employee, first_day, last_day, Absence.Kind.SICK)


@transaction.atomic
def offer_send(*, actor: User, vacancy: Vacancy, employee: Employee) -> Offer:
    """The leader offers the open shift to one more person from the proposal."""
    require_unit_leader(actor, vacancy.rotation.unit)
    if vacancy.status != Vacancy.Status.OPEN:
        raise InvalidInput(_("The shift is already taken. Thank you for answering."))
    ranked = [c.employee.pk for c in candidates(vacancy.rotation, vacancy)]
    if employee.pk not in ranked:
        raise InvalidInput(_("This person cannot take the shift without breaking a rule."))
    offer, created = Offer.objects.get_or_create(
        vacancy=vacancy, employee=employee,
        defaults={"rank": ranked.index(employee.pk) + 1, "created_by": actor, "updated_by": actor},
    )  # fmt: skip
    if offer.status == Offer.Status.DECLINED:
        raise InvalidInput(_("This person has said no to the shift."))
    if created:
        event_record(actor=actor, kind="offer_sent", subject=offer)
    return offer


@transaction.atomic
def offer_accept(*, actor: User, offer: Offer) -> Offer:
    """The first qualified acceptance fills the shift; the other offers are withdrawn."""
    if offer.employee.user_id != actor.pk:
        raise PermissionDenied()
    vacancy = (
        Vacancy.objects.select_for_update().select_related("rotation").get(pk=offer.vacancy_id)
    )
    offer.refresh_from_db()
    if vacancy.status != Vacancy.Status.OPEN or offer.status != Offer.Status.OPEN:
        raise InvalidInput(_("The shift is already taken. Thank you for answering."))
    rotation = vacancy.rotation
    instance = plan_io.instance_of(rotation)
    employee = offer.employee
    days = _days_of(rotation, employee, plan_io.roster_of(rotation))
    broken = (
        _breaks(rotation, instance, employee, days, vacancy)
        if not days[vacancy.day]
        else ["days_off"]
    )
    if broken:
        raise RuleBroken(rules="; ".join(rule_text(rule) for rule in broken))
    set_status(offer, Offer.Status.ACCEPTED, actor=actor)
    vacancy.filled_by = employee
    set_status(vacancy, Vacancy.Status.FILLED, actor=actor, extra_fields=["filled_by"])
    for other in vacancy.offers.filter(status=Offer.Status.OPEN).exclude(pk=offer.pk):
        set_status(other, Offer.Status.WITHDRAWN, actor=actor)
    who = plan_io.staff_id(employee.pk)
    if who in (rotation.roster or {}):
        roster = dict(rotation.roster)
        row = list(roster[who])
        row[vacancy.day] = vacancy.shift_code
        roster[who] = row
        Rotation.objects.filter(pk=rotation.pk).update(roster=roster, version=F("version") + 1)
    return offer


def _offer_next(actor, vacancy: Vacancy) -> Offer | None:
    """The best one proposed who has had no offer for the shift yet, or None (the shift then
    stays open for the leader, who sees it among the vacancies)."""
    offered = set(vacancy.offers.values_list("employee_id", flat=True))
    following = [c for c in candidates(vacancy.rotation, vacancy) if c.employee.pk not in offered]
    if not following:
        return None
    rank = max(vacancy.offers.values_list("rank", flat=True), default=0) + 1
    offer = Offer.objects.create(vacancy=vacancy, employee=following[0].employee, rank=rank,
                                 created_by=actor, updated_by=actor)  # fmt: skip
    event_record(actor=actor, kind="offer_sent", subject=offer)
    return offer


@transaction.atomic
def offer_decline(*, actor: User, offer: Offer) -> Offer | None:
    """The employee says no to the extra shift (logged); the shift is offered to the next one
    proposed. Returns that new offer, or None when no one else can take it."""
    if offer.employee.user_id != actor.pk:
        raise PermissionDenied()
    vacancy = (
        Vacancy.objects.select_for_update().select_related("rotation").get(pk=offer.vacancy_id)
    )
    offer.refresh_from_db()
    if vacancy.status != Vacancy.Status.OPEN or offer.status != Offer.Status.OPEN:
        raise InvalidInput(_("The shift is already taken. Thank you for answering."))
    set_status(offer, Offer.Status.DECLINED, actor=actor)
    return _offer_next(actor, vacancy)


def open_offers(employee: Employee):
    return (
        employee.offers.filter(status=Offer.Status.OPEN, vacancy__status=Vacancy.Status.OPEN)
        .select_related("vacancy", "vacancy__rotation__unit")
        .order_by("vacancy__date")
    )


def rotation_vacancies(rotation: Rotation) -> list[Vacancy]:
    """The rotation's vacancies; an open one carries `proposal`: who can still be asked (the
    proposal without those already offered it), for the leader to send one more offer."""
    vacancies = list(
        rotation.vacancies.select_related("filled_by", "absence__employee").prefetch_related(
            "offers__employee"
        )
    )
    for vacancy in vacancies:
        vacancy.proposal = []
        if vacancy.status == Vacancy.Status.OPEN:
            asked = {offer.employee_id for offer in vacancy.offers.all()}
            vacancy.proposal = [
                c.employee for c in candidates(rotation, vacancy) if c.employee.pk not in asked
            ]
    return vacancies
