"""A municipality with a coded unit tree for the steering tests (issue 9 §1):

HBT (department) ─┬─ SONE-A (zone) ── SONE-A1 (zone)
                  └─ SONE-B (zone)
TT  (department)
"""

import datetime
import random
from decimal import Decimal

import pytest

from omsorg.cases.models import Decision
from omsorg.core.models import Role, Unit
from omsorg.people.identity import make_synthetic_number
from omsorg.staffing.models import Absence, Employee, Rotation, ShiftType, Vacancy
from omsorg.steering.periods import parse_period
from omsorg.steering.services import import_file, registration_record
from tests import factories

TREE = (
    ("HBT", "Hjemmebaserte tjenester", Unit.Kind.DEPARTMENT, None),
    ("SONE-A", "Sone A", Unit.Kind.ZONE, "HBT"),
    ("SONE-A1", "Sone A1", Unit.Kind.ZONE, "SONE-A"),
    ("SONE-B", "Sone B", Unit.Kind.ZONE, "HBT"),
    ("TT", "Tilrettelagte tjenester", Unit.Kind.DEPARTMENT, None),
)


@pytest.fixture
def units(municipality) -> dict[str, Unit]:
    made: dict[str, Unit] = {}
    for code, name, kind, parent in TREE:
        made[code] = Unit.objects.create(
            municipality=municipality, code=code, name=name, kind=kind,
            parent=made[parent] if parent else None,
        )  # fmt: skip
    return made


@pytest.fixture
def national_ids() -> list[str]:
    """Synthetic identity numbers (never a real person's)."""
    rng = random.Random(9)
    return [make_synthetic_number(datetime.date(1940 + i, 3, 1 + i), rng=rng) for i in range(6)]


@pytest.fixture
def registered(municipality, national_ids) -> list[str]:
    """The identity numbers, registered through a persons import."""
    rows = [f"{number},Test{i},Persen" for i, number in enumerate(national_ids)]
    import_file(
        actor=None,
        municipality=municipality,
        kind="persons",
        content=csv_bytes("national_id,given_name,family_name", *rows),
    )
    return national_ids


@pytest.fixture
def leader(municipality, units):
    return factories.user(municipality, Role.SERVICE_LEADER, unit=units["HBT"])


def csv_bytes(header: str, *rows: str) -> bytes:
    return "\n".join([header, *rows]).encode()


# Decided vs delivered (issue 9 §2): six persons with decisions in SONE-A, a seventh served by
# SONE-B without one (tests/steering/test_delivery_*.py).


@pytest.fixture
def last_month(today):
    """The whole month before this one: a period that is over."""
    first = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return parse_period(first.strftime("%Y-%m"))


def decide(person, service, unit, quantity=7, scope="hours", per="week", **extra):
    values = {
        "person": person, "service_type": service, "unit": unit,
        "status": Decision.Status.NOTIFIED, "outcome": Decision.Outcome.GRANTED,
        "quantity": quantity, "scope_unit": scope, "scope_period": per,
        "valid_from": datetime.date(2000, 1, 1), "valid_to": None, "reasons": "Test.",
    }  # fmt: skip
    values.update(extra)
    return Decision.objects.create(**values)


def _days(period):
    return (period.last - period.first).days + 1


@pytest.fixture
def world(municipality, units, make_person, service_type, last_month):
    """Six persons with 7 h/week of respite in the home in SONE-A, delivered in full to
    four, in half to one, not to one; a seventh person served with no decision."""
    help_ = service_type("respite_in_home")
    names = ("Alfasen", "Bravosen", "Charliesen", "Deltasen", "Ekkosen", "Foxsen", "Golfsen")
    persons = [make_person(family_name=name) for name in names]
    for person in persons[:6]:
        decide(person, help_, units["SONE-A"])
    decided = Decimal(7) * _days(last_month) / 7
    per_day = decided / _days(last_month)
    for i, person in enumerate(persons):
        share = {4: Decimal("0.5"), 5: Decimal(0)}.get(i, Decimal(1))
        if share == 0:
            continue
        day = last_month.first
        while day <= last_month.last:
            unit = units["SONE-B"] if i == 6 else units["SONE-A"]
            registration_record(
                actor=None, person=person, unit=unit, service_type=help_, date=day,
                hours=(per_day * share).quantize(Decimal("0.01")), source="test",
            )  # fmt: skip
            day += datetime.timedelta(days=1)
    return {"persons": persons, "decided": decided}


# Extra shifts worked (issue 11 §4) in the staff figures: rotations with vacancies taken
# through offers, as rows (the offer flow itself is tested in tests/staffing).


def _extra_shift_rows(unit, start, lengths, shifts, open_dates=()):
    """A published two-week rotation of `unit` from `start` with shift types of these lengths;
    `shifts` are (date, code, employee) vacancies taken by the employee, `open_dates` (date,
    code) vacancies no one has taken."""
    for code, minutes in lengths.items():
        ShiftType.objects.create(
            unit=unit, code=code, label=code, start=datetime.time(7, 30), minutes=minutes
        )
    rotation = Rotation.objects.create(unit=unit, start=start, weeks=2, status="published")
    absent = Employee.objects.create(
        unit=unit, employee_number=f"S{unit.pk}", first_name="Syk", last_name="Ansatt",
        profession="assistent", position_percent=100,
    )  # fmt: skip
    absence = Absence.objects.create(
        employee=absent, first_day=start, last_day=start + datetime.timedelta(days=13), kind="sick"
    )
    for date, code, employee, status in [
        *((d, c, e, "filled") for d, c, e in shifts),
        *((d, c, None, "open") for d, c in open_dates),
    ]:
        Vacancy.objects.create(
            rotation=rotation, absence=absence, day=(date - start).days, date=date,
            shift_code=code, status=status, filled_by=employee,
        )  # fmt: skip


@pytest.fixture
def extra_shifts(units):
    """SONE-A1, January 2024 (D 480 min, N 570 min): Kari takes D on the 2nd and the 5th, Ola
    N on the 3rd; D on the 6th stays open. TT, February 2024 (D 420 min): Per takes D on
    the 1st. HBT January: 3 shifts, 480 + 570 + 480 = 1 530 min = 25.5 h, 2 persons."""
    def employee(unit, number, name):
        return Employee.objects.create(
            unit=unit, employee_number=number, first_name=name, last_name="Vikar",
            profession="helsefagarbeider", position_percent=50,
        )  # fmt: skip

    kari, ola = employee(units["SONE-A1"], "K1", "Kari"), employee(units["SONE-A1"], "O1", "Ola")
    per = employee(units["TT"], "P1", "Per")
    jan = datetime.date(2024, 1, 1)
    _extra_shift_rows(
        units["SONE-A1"], jan, {"D": 480, "N": 570},
        [(jan.replace(day=2), "D", kari), (jan.replace(day=3), "N", ola),
         (jan.replace(day=5), "D", kari)],
        open_dates=[(jan.replace(day=6), "D")],
    )  # fmt: skip
    feb = datetime.date(2024, 1, 29)
    _extra_shift_rows(units["TT"], feb, {"D": 420}, [(datetime.date(2024, 2, 1), "D", per)])
    return {"kari": kari, "ola": ola, "per": per}
