"""Omsorgsstønad in the demo: the municipality's hourly rates, the carer, the facts.

Demo assumptions (seed 004 §1.8 says only that the municipality sets the rate): an hourly rate
per calendar year (NOK 214, 225, 236 for the build's year minus two, minus one and this year)
and a granted hjelpestønad of NOK 1 500 a month. The facts are chosen so that the calculation
gives the hours the demo plan grants.
"""

from datetime import date
from decimal import Decimal

from omsorg.cases import care_allowance as calc
from omsorg.cases.selectors import rate_in_force
from omsorg.cases.services.care_allowance import CareInput, care_allowance_rate_set
from omsorg.core.models import Municipality, User
from omsorg.people.models import Person, Relative
from omsorg.people.services import relative_add

RATES_BY_YEARS_BACK = ((2, Decimal("214.00")), (1, Decimal("225.00")), (0, Decimal("236.00")))
ASSISTANCE_ALLOWANCE = Decimal("1500")
LEVELS = ("heavy", "some", "heavy")  # strain, night work, isolation
# A carer for an adult without relatives in the register: a spouse, named by the family name.
CARER_GIVEN_NAMES = ("Randi", "Odd", "Turid", "Arne", "Solveig", "Helge")


def rates_create(*, actor: User, municipality: Municipality, today: date) -> None:
    for years_back, rate in RATES_BY_YEARS_BACK:
        care_allowance_rate_set(
            actor=actor,
            municipality=municipality,
            valid_from=date(today.year - years_back, 1, 1),
            hourly_rate=rate,
        )


def carer_of(actor: User, person: Person) -> Relative:
    """The person's first relative (a guardian first); a spouse is added when there is none."""
    relative = person.relatives.order_by("-is_guardian", "pk").first()
    if relative is not None:
        return relative
    given = CARER_GIVEN_NAMES[person.pk % len(CARER_GIVEN_NAMES)]
    return relative_add(
        actor=actor, person=person, name=f"{given} {person.family_name}", relation="spouse"
    )


def care_input_for(person: Person, hours: int, on: date) -> CareInput:
    """Facts whose calculation gives `hours` a month at the rate in force on `on`."""
    row = rate_in_force(municipality_id=person.municipality_id, on=on)
    rate = calc.Rate(row.valid_from, row.hourly_rate, row.full_time_hours_per_month)
    birth = person.birth_date
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    care = int(calc.normal_care_hours(age)) + hours
    while True:
        facts = calc.CareFacts(Decimal(care), *map(calc.Level, LEVELS), age, ASSISTANCE_ALLOWANCE)
        if calc.calculate(facts, rate).hours >= hours:
            return CareInput(Decimal(care), *LEVELS, ASSISTANCE_ALLOWANCE)
        care += 1
