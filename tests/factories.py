"""Test data built through the real services where a service exists (no hand-made rows)."""

import datetime
import itertools
import random

from omsorg.catalogue.services import catalogue_load
from omsorg.core.models import Municipality, Role, Unit, User
from omsorg.people.identity import parse_identity_number
from omsorg.people.models import Person
from omsorg.people.selectors import unused_synthetic_number

PASSWORD = "correct-horse-battery-9"

# Assessment facts under which support contact is granted (seed 004 §1.1): a 12-year-old who
# needs help to take part in leisure, wants to, and whose family does not cover the need.
SUPPORT_CONTACT_FACTS = {
    "needs_help_for_leisure": True,
    "wants_leisure_activity": True,
    "needs_covered_by_family": False,
    "one_to_one_staffing": False,
    "requested_hours_per_month": 8,
    # Seed 004 §1.1 "forhold som ikke gir rett": none of them is the case.
    "purpose_escort_offices_doctor": False,
    "purpose_norwegian_tuition": False,
    "purpose_relief_of_parents": False,
    "purpose_health_care": False,
}
_counter = itertools.count(1)


def catalogue_version(name: str = "holtalen"):
    return catalogue_load(name_or_path=name)


def municipality_of(version) -> Municipality:
    return version.catalogue.municipality


def other_municipality(number: str, name: str) -> Municipality:
    """A neighbouring municipality: an owner or buyer of an intermunicipal home's nights."""
    return Municipality.objects.create(number=number, name=name, coordinating_unit="Tildeling")


def unit(municipality: Municipality, name: str, kind: str = Unit.Kind.DEPARTMENT) -> Unit:
    return Unit.objects.get_or_create(
        municipality=municipality, name=name, defaults={"kind": kind}
    )[0]


def user(
    municipality: Municipality,
    role: str,
    *,
    username: str | None = None,
    unit: Unit | None = None,
) -> User:
    username = username or f"{role}{next(_counter)}"
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        municipality=municipality,
        unit=unit,
        first_name=username.capitalize(),
        last_name="Testesen",
    )


def person(
    municipality: Municipality,
    *,
    age_years: int = 8,
    today: datetime.date | None = None,
    unit: Unit | None = None,
    seed: int | None = None,
    **fields,
) -> Person:
    """A synthetic person `age_years` old today (birth date computed, never typed)."""
    today = today or datetime.date.today()
    rng = random.Random(seed if seed is not None else next(_counter))
    birth = today.replace(year=today.year - age_years) - datetime.timedelta(
        days=rng.randint(1, 300)
    )
    number = unused_synthetic_number(birth, rng)
    identity = parse_identity_number(number, allow_synthetic=True, allow_real=False)
    defaults = {"given_name": "Test", "family_name": f"Person{next(_counter)}"}
    defaults.update(fields)
    return Person.objects.create(
        municipality=municipality,
        identity_number=identity.value,
        identity_kind=identity.kind.value,
        synthetic=True,
        birth_date=identity.birth_date,
        gender=identity.gender,
        unit=unit,
        **defaults,
    )


def roles(municipality: Municipality, department: Unit) -> dict[str, User]:
    return {
        Role.CASEWORKER: user(municipality, Role.CASEWORKER),
        Role.SERVICE_LEADER: user(municipality, Role.SERVICE_LEADER, unit=department),
        Role.CARE_WORKER: user(municipality, Role.CARE_WORKER, unit=department),
        Role.MANAGEMENT: user(municipality, Role.MANAGEMENT),
        Role.ADMINISTRATOR: user(municipality, Role.ADMINISTRATOR),
    }
