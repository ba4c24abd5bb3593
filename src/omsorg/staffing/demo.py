"""The staff part of the demo: Flata avlastning's employees with their competences, and the
competences the children there need (issue 11 §1; seed 000: epilepsy, tegn til tale, ASK;
seed 001: the social-educator share against 34 %).

Every row is made through the services, acting as the home's leader. Flata's care workers who
can log in (the persona ``miljoarbeider`` among them) are employees with their own login; the
others exist in the register only.
"""

import contextlib
import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from faker import Faker

from omsorg.cases.models import Decision
from omsorg.core.errors import OmsorgError
from omsorg.core.models import Role, Unit, User
from omsorg.staffing.models import (
    Absence,
    CareNeed,
    Employee,
    Offer,
    Rotation,
    ShiftType,
    Vacancy,
    Wish,
)
from omsorg.staffing.rotations import (
    cover_rule_set,
    rotation_publish,
    rotation_request,
    shift_type_create,
    wish_set,
)
from omsorg.staffing.runs import rotation_execute
from omsorg.staffing.services import (
    EmployeeInput,
    care_need_add,
    certificate_add,
    employee_create,
)
from omsorg.staffing.substitutes import absence_register, candidates, offer_send

FLATA = "Flata avlastning"
# (profession, position %, kind): 16 people, 5 social educators in permanent positions of
# 100+100+60+50+40 = 350 of the 1 040 % in permanent positions = 33.7 %: just under seed 001's
# goal of 34 %, as the report should show. Two in the substitute pool (not counted).
STAFF_PLAN = [
    ("vernepleier", 100, "permanent"), ("vernepleier", 100, "permanent"),
    ("vernepleier", 60, "permanent"), ("vernepleier", 50, "permanent"),
    ("vernepleier", 40, "permanent"), ("helsefagarbeider", 100, "permanent"),
    ("helsefagarbeider", 80, "permanent"), ("helsefagarbeider", 75, "permanent"),
    ("helsefagarbeider", 60, "permanent"), ("barnevernspedagog", 100, "permanent"),
    ("assistent", 100, "permanent"), ("assistent", 75, "permanent"),
    ("assistent", 60, "permanent"), ("assistent", 40, "permanent"),
    ("assistent", 100, "substitute"), ("helsefagarbeider", 100, "substitute"),
]  # fmt: skip
# Courses with their validity in years (None: no expiry), and the share of staff who hold them.
COURSES = {
    "epilepsi": (2, 0.5),
    "legemiddel": (2, 0.6),
    "tegn_til_tale": (None, 0.4),
    "ask": (None, 0.15),
    "forstehjelp": (1, 0.8),
    "tvang_kap9": (None, 0.5),
}
# Needs of Flata's children (seed 000: the children need epilepsy, tegn til tale and ASK).
NEEDS = ["epilepsi", "tegn_til_tale", "epilepsi", "ask", "legemiddel", "tegn_til_tale"]


# Issue 11 §2's shift types, and the cover every day: D 2 of whom 1 social educator, A 2, N 1.
SHIFTS = [("D", "Dagvakt", (7, 30), 480), ("A", "Aftenvakt", (15, 0), 450),
          ("N", "Nattevakt", (22, 15), 570)]  # fmt: skip
COVER = [("D", "", 2), ("D", "vernepleier", 1), ("A", "", 2), ("N", "", 1)]
ROTATION_WEEKS = 6
ROTATION_SECONDS = 20  # the engine's time in the demo build: 15 s covered every day shift with a
# social educator on a loaded 2-core machine (5 s returned only the first phase's roster)


@dataclass
class StaffingDemo:
    employees: list[Employee] = field(default_factory=list)
    rotation: Rotation | None = None


def _hpr(rng: random.Random) -> str:
    return str(rng.randint(1_000_000, 9_999_999))


def _users(unit: Unit) -> list[User]:
    """Flata's care workers who can log in, the persona first."""
    users = User.objects.filter(unit=unit, role=Role.CARE_WORKER, employee__isnull=True)
    return sorted(users, key=lambda u: (u.username != "miljoarbeider", u.username))


def _employees(leader: User, unit: Unit, rng: random.Random, faker: Faker) -> list[Employee]:
    users = _users(unit)
    made = []
    for index, (profession, percent, kind) in enumerate(STAFF_PLAN):
        # The persona is a 60 % health worker: the part-timer offered extra shifts.
        user = users.pop(0) if users and (index == 8 or index > 9) else None
        first = user.first_name if user else faker.first_name()
        last = user.last_name if user else faker.last_name()
        data = EmployeeInput(
            employee_number=f"FL{index + 1:03d}",
            first_name=first,
            last_name=last,
            profession=profession,
            position_percent=Decimal(percent),
            hpr_number="" if profession in ("assistent", "barnevernspedagog") else _hpr(rng),
            kind=kind,
        )
        employee = employee_create(actor=leader, unit=unit, data=data)
        if user:
            Employee.objects.filter(pk=employee.pk).update(user=user)
            employee.user = user
        made.append(employee)
    return made


def _courses(leader: User, employees, rng: random.Random, today: datetime.date) -> None:
    for employee in employees:
        for competence, (years, share) in COURSES.items():
            if rng.random() >= share:
                continue
            completed = today - datetime.timedelta(days=rng.randint(30, 700))
            expires = None
            if years is not None:
                expires = completed + datetime.timedelta(days=365 * years)
                if expires < today - datetime.timedelta(days=200):
                    continue  # long expired: not in the register any more
            certificate_add(actor=leader, employee=employee, competence=competence,
                            completed_on=completed, expires_on=expires, today=today)  # fmt: skip


def _needs(leader: User, unit: Unit, today: datetime.date) -> None:
    children = (
        Decision.objects.filter(
            unit=unit, status__in=(Decision.Status.DECIDED, Decision.Status.NOTIFIED)
        )
        .order_by("person_id")
        .values_list("person_id", flat=True)
        .distinct()
    )
    for person_id, competence in zip(children, NEEDS, strict=False):
        care_need_add(actor=leader, unit=unit, person_id=person_id, competence=competence,
                      today=today)  # fmt: skip


def build_staffing_demo(*, municipality, today: datetime.date, rng: random.Random) -> StaffingDemo:
    unit = Unit.objects.get(municipality=municipality, name=FLATA)
    leader = User.objects.filter(role=Role.SERVICE_LEADER, unit=unit).order_by("pk").first()
    faker = Faker("no_NO")
    faker.seed_instance(rng.randint(0, 2**31))
    employees = _employees(leader, unit, rng, faker)
    _courses(leader, employees, rng, today)
    _needs(leader, unit, today)
    rotation = _rotation(leader, unit, employees, today)
    _sick_day(leader, rotation, employees)
    return StaffingDemo(employees=employees, rotation=rotation)


def _sick_day(leader: User, rotation: Rotation, employees) -> None:
    """A full-time health worker is sick on a shift in the first weeks: the shift is open, with
    offers to the part-timers who can take it; the persona ``miljoarbeider`` (a 60 % part-timer)
    has one to accept on the phone (the first of the sick one's shifts she can take)."""
    sick = next(
        e for e in employees if e.profession == "helsefagarbeider" and e.position_percent == 100
    )
    persona = next((e for e in employees if e.user and e.user.username == "miljoarbeider"), None)
    days = rotation.roster[f"e{sick.pk}"]
    worked = [(d, code) for d, code in enumerate(days) if code]
    day = worked[0][0]
    for index, code in worked:
        trial = Vacancy(rotation=rotation, day=index, shift_code=code,
                        date=rotation.start + datetime.timedelta(days=index))  # fmt: skip
        if persona in [c.employee for c in candidates(rotation, trial)]:
            day = index
            break
    date = rotation.start + datetime.timedelta(days=day)
    absence_register(actor=leader, employee=sick, first_day=date, last_day=date,
                     kind=Absence.Kind.SICK)  # fmt: skip
    vacancy = absence_vacancy(sick, date)
    if persona is not None and vacancy is not None:
        # If she cannot take it after all, the others have their offers.
        with contextlib.suppress(OmsorgError):
            offer_send(actor=leader, vacancy=vacancy, employee=persona)


def _shift_setup(leader: User, unit: Unit) -> dict[str, ShiftType]:
    made = {}
    for code, label, (hour, minute), minutes in SHIFTS:
        start = datetime.time(hour, minute)
        made[code] = shift_type_create(
            actor=leader, unit=unit, code=code, label=label, start=start, minutes=minutes
        )
    for code, competence, required in COVER:
        cover_rule_set(actor=leader, shift_type=made[code], weekdays=list(range(7)),
                       competence=competence, required=required)  # fmt: skip
    return made


def _rotation(leader: User, unit: Unit, employees, today: datetime.date) -> Rotation:
    """A 6-week rotation from next Monday, with a few wishes, made by the engine and
    published. The demo runs the engine itself; the queued task then finds it done."""
    shifts = _shift_setup(leader, unit)
    start = today + datetime.timedelta(days=7 - today.weekday())
    permanent = [e for e in employees if e.kind == Employee.Kind.PERMANENT]
    for offset, employee in enumerate(permanent[:6]):
        wish_set(actor=leader, employee=employee, date=start + datetime.timedelta(days=offset * 3),
                 shift_type=None if offset % 2 else shifts["D"], today=today)  # fmt: skip
    rotation = rotation_request(actor=leader, unit=unit, start=start, weeks=ROTATION_WEEKS,
                                time_limit=ROTATION_SECONDS, today=today)  # fmt: skip
    rotation = rotation_execute(rotation_id=rotation.pk)
    return rotation_publish(actor=leader, rotation=rotation, expected_version=rotation.version)


def staffing_demo_delete(units) -> None:
    """The staff rows of the demo's units (a demo reset removes the units after this)."""
    CareNeed.objects.filter(unit__in=units).delete()
    Offer.objects.filter(vacancy__rotation__unit__in=units).delete()
    Vacancy.objects.filter(rotation__unit__in=units).delete()
    Absence.objects.filter(employee__unit__in=units).delete()
    Wish.objects.filter(employee__unit__in=units).delete()
    Rotation.objects.filter(unit__in=units).delete()
    Employee.objects.filter(unit__in=units).delete()  # their certificates go with them
    ShiftType.objects.filter(unit__in=units).delete()  # their cover rules go with them


def absence_vacancy(employee: Employee, date: datetime.date) -> Vacancy | None:
    return Vacancy.objects.filter(absence__employee=employee, date=date).first()
