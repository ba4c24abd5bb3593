"""Reads of the competence register: the unit's employees, one employee, the care needs
(through the access door), and the gap report (issue 11 §1; seed 001 TT mål 1.2-1.3)."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Subquery, Sum

from omsorg.core.errors import NotFound
from omsorg.core.models import Unit, User
from omsorg.people.access import accessible_persons, log_reads
from omsorg.staffing.competences import AUTHORISED, PROFESSION_COMPETENCES, Competence, Profession
from omsorg.staffing.models import CareNeed, Certificate, Employee, ShiftType, Vacancy
from omsorg.staffing.permissions import is_unit_leader
from omsorg.staffing.rules import (
    VERNEPLEIER_TARGET_PERCENT,
    expires_soon,
    is_valid_on,
    share_percent,
)


def unit_get(*, actor: User, unit_id: int) -> Unit:
    """The unit whose staff the actor leads; absent and forbidden alike are not found."""
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None or not is_unit_leader(actor, unit):
        raise NotFound()
    return unit


def employees_of(unit: Unit):
    certificates = Prefetch("certificates", queryset=Certificate.objects.order_by("competence"))
    return unit.employees.filter(active=True).prefetch_related(certificates)


def employee_get(*, actor: User, unit: Unit, employee_id: int) -> Employee:
    employee = employees_of(unit).filter(pk=employee_id).first()
    if employee is None or not is_unit_leader(actor, unit):
        raise NotFound()
    return employee


def competences_of(employee: Employee, day: datetime.date) -> set[str]:
    """What the employee can cover on `day`: the profession's competence and valid courses."""
    held = {c.competence for c in employee.certificates.all() if is_valid_on(c.expires_on, day)}
    if employee.profession in PROFESSION_COMPETENCES:
        held.add(PROFESSION_COMPETENCES[employee.profession])
    return held


@dataclass
class RegisterRow:
    employee: Employee
    competences: list[str]
    expiring: list[Certificate]
    expired: list[Certificate]
    hpr_missing: bool


def register(unit: Unit, today: datetime.date) -> list[RegisterRow]:
    rows = []
    for employee in employees_of(unit):
        certificates = list(employee.certificates.all())
        rows.append(
            RegisterRow(
                employee=employee,
                competences=sorted(Competence(c).label for c in competences_of(employee, today)),
                expiring=[c for c in certificates if expires_soon(c.expires_on, today)],
                expired=[c for c in certificates if not is_valid_on(c.expires_on, today)],
                hpr_missing=employee.profession in AUTHORISED and not employee.hpr_number,
            )
        )
    return rows


def care_needs(*, actor: User, unit: Unit, today: datetime.date) -> list[CareNeed]:
    """The unit's care needs of the persons the actor may read; each person's read is logged."""
    readable = accessible_persons(actor, today).values("pk")
    needs = list(
        CareNeed.objects.filter(unit=unit, person__in=readable)
        .select_related("person", "decision")
        .order_by("person__family_name", "person__given_name", "competence")
    )
    log_reads(actor, {n.person for n in needs}, what="staffing: care needs", channel="page")
    return needs


def persons_served(*, actor: User, unit: Unit, today: datetime.date) -> list[tuple[int, str]]:
    """(id, name) of the persons the leader has a service need for: the choices of the need
    form. Names only, shown in a list the leader opens; logged as a read."""
    persons = list(accessible_persons(actor, today).order_by("family_name", "given_name"))
    log_reads(actor, persons, what="staffing: persons served (list)", channel="page")
    return [(p.pk, f"{p.given_name} {p.family_name}") for p in persons]


def needed_competences(unit: Unit) -> set[str]:
    return set(CareNeed.objects.filter(unit=unit).values_list("competence", flat=True))


@dataclass
class NeedGap:
    competence: str
    label: str
    persons: int
    holders: list[Employee]
    uncovered_shifts: list = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.holders) and not self.uncovered_shifts


@dataclass
class GapReport:
    needs: list[NeedGap]
    expiring: list[Certificate]
    expired_needed: list[Certificate]
    vernepleier_percent: Decimal | None
    vernepleier_heads: int
    heads: int
    target_percent: Decimal = VERNEPLEIER_TARGET_PERCENT
    hpr_missing: list[Employee] = field(default_factory=list)

    @property
    def share_met(self) -> bool:
        return (
            self.vernepleier_percent is not None and self.vernepleier_percent >= self.target_percent
        )


def _vernepleier_share(employees: list[Employee]):
    permanent = [e for e in employees if e.kind == Employee.Kind.PERMANENT]
    vernepleiere = [e for e in permanent if e.profession == Profession.VERNEPLEIER]
    percent = share_percent(
        (e.position_percent for e in vernepleiere), (e.position_percent for e in permanent)
    )
    return percent, len(vernepleiere), len(permanent)


def gap_report(
    unit: Unit, today: datetime.date, uncovered: dict[str, list] | None = None
) -> GapReport:
    """Needs against competence: for each needed competence, how many persons need it, who in
    the unit holds it today, and (from the published rotation, if any) the shifts where no one
    on duty has it; certificates expiring within 90 days; the social-educator share against
    34 %. Counts only: no person is named, so nothing is read through the door here."""
    employees = list(employees_of(unit))
    needed = Counter(CareNeed.objects.filter(unit=unit).values_list("competence", flat=True))
    holders: dict[str, list[Employee]] = defaultdict(list)
    for employee in employees:
        for competence in competences_of(employee, today):
            holders[competence].append(employee)
    needs = [
        NeedGap(
            competence=c,
            label=Competence(c).label,
            persons=needed[c],
            holders=holders.get(c, []),
            uncovered_shifts=(uncovered or {}).get(c, []),
        )
        for c in sorted(needed, key=lambda c: Competence(c).label)
    ]
    certificates = [c for e in employees for c in e.certificates.all()]
    percent, heads_vp, heads = _vernepleier_share(employees)
    return GapReport(
        needs=needs,
        expiring=sorted(
            (c for c in certificates if expires_soon(c.expires_on, today)),
            key=lambda c: c.expires_on,
        ),
        expired_needed=[
            c
            for c in certificates
            if c.competence in needed and not is_valid_on(c.expires_on, today)
        ],
        vernepleier_percent=percent,
        vernepleier_heads=heads_vp,
        heads=heads,
        hpr_missing=[e for e in employees if e.profession in AUTHORISED and not e.hpr_number],
    )


@dataclass(frozen=True)
class ExtraShiftTotals:
    """Extra shifts worked: shifts left open by an absence and taken through an offer."""

    shifts: int = 0
    minutes: int = 0
    employees: int = 0  # how many persons worked them (for the small-group rule)

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01"))


def extra_shifts_worked(
    unit_ids: list[int], first: datetime.date, last: datetime.date, today: datetime.date
) -> ExtraShiftTotals:
    """The extra shifts worked in the units from `first` to `last` (issue 11 §4, for the
    steering figures of issue 9): filled vacancies whose day has come (a shift taken for a
    day still ahead is not yet worked), with the length of their shift type. One query."""
    minutes = ShiftType.objects.filter(
        unit_id=OuterRef("rotation__unit_id"), code=OuterRef("shift_code")
    ).values("minutes")[:1]
    totals = (
        Vacancy.objects.filter(
            status=Vacancy.Status.FILLED,
            rotation__unit_id__in=unit_ids,
            date__gte=first,
            date__lte=min(last, today),
        )
        .annotate(shift_minutes=Subquery(minutes))
        .aggregate(
            shifts=Count("pk"),
            minutes=Sum("shift_minutes"),
            employees=Count("filled_by", distinct=True),
        )
    )
    return ExtraShiftTotals(totals["shifts"], totals["minutes"] or 0, totals["employees"])
