"""Synthetic people: names and addresses from Faker no_NO, identity numbers of our own.

Faker's no_NO `ssn()` makes valid fødselsnummer that may be real people's, so it is never
called; identity numbers come only from make_synthetic_number (Tenor convention, month + 80),
which no real person's number can equal. Both generators are seeded, so a seed gives the same
people every time.
"""

import random
from datetime import date

from faker import Faker

from omsorg.cases.deadlines import add_months
from omsorg.demo.personas import PERSONA_NAMES
from omsorg.demo.specs import RelativeSpec
from omsorg.demo.timelines import days
from omsorg.people.identity import IdentityKind, make_synthetic_number

# Share of adults of working age registered with a D-number (persons without a birth number).
D_NUMBER_SHARE = 0.02
# example.org is reserved (RFC 2606): a demo e-mail can never reach a real person. Phone
# numbers are left out for the same reason: no Norwegian range is reserved for fiction.
EMAIL_DOMAIN = "example.org"
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", " ": "", "-": ""})


def _email(given: str, family: str) -> str:
    return f"{given.lower().translate(_ASCII)}.{family.lower().translate(_ASCII)}@{EMAIL_DOMAIN}"


class People:
    """Draws names, birth dates, identity numbers and families in a fixed order."""

    def __init__(self, seed: int, today: date) -> None:
        self.fake = Faker("no_NO")
        self.fake.seed_instance(seed)
        self.rng = random.Random(f"{seed}:people")
        self.today = today
        self.numbers: set[str] = set()

    def gender(self) -> str:
        return self.rng.choice(("female", "male"))

    def given_name(self, gender: str) -> str:
        if gender == "female":
            return self.fake.first_name_female()
        return self.fake.first_name_male()

    def name(self, gender: str) -> tuple[str, str]:
        """A name that is never a persona's, so example_person() finds exactly one."""
        while True:
            name = (self.given_name(gender), self.fake.last_name())
            if name not in PERSONA_NAMES:
                return name

    def birth_date(self, age_from: int, age_to: int) -> date:
        years = self.rng.randint(age_from, age_to)
        return add_months(self.today, -12 * years) - days(self.rng.randint(0, 364))

    def identity_number(self, birth_date: date, gender: str) -> str:
        working_age = 18 <= self.age(birth_date) < 67
        kind = IdentityKind.FODSELSNUMMER
        if working_age and self.rng.random() < D_NUMBER_SHARE:
            kind = IdentityKind.D_NUMBER
        while True:
            number = make_synthetic_number(birth_date, kind=kind, gender=gender, rng=self.rng)
            if number not in self.numbers:
                self.numbers.add(number)
                return number

    def address(self) -> tuple[str, str, str]:
        return self.fake.street_address(), self.fake.postcode(), self.fake.city()

    def relative(self, gender: str, family: str, relation: str, guardian: bool) -> RelativeSpec:
        given = self.given_name(gender)
        return RelativeSpec(f"{given} {family}", relation, guardian, _email(given, family))

    def parents(self, family: str) -> tuple[RelativeSpec, ...]:
        """Foresatte for a child: both parents mostly, one parent, or an appointed guardian."""
        draw = self.rng.random()
        if draw < 0.78:
            other = family if self.rng.random() < 0.6 else self.fake.last_name()
            return (
                self.relative("female", family, "parent", True),
                self.relative("male", other, "parent", True),
            )
        if draw < 0.95:
            return (self.relative(self.gender(), family, "parent", True),)
        return (self.relative(self.gender(), self.fake.last_name(), "guardian", True),)

    def adult_relatives(self, age: int, family: str, *, needs_guardian: bool):
        """Next of kin of an adult; a verge when the person cannot consent alone."""
        if needs_guardian or (age >= 80 and self.rng.random() < 0.08):
            return (self.relative(self.gender(), self.fake.last_name(), "guardian", True),)
        if age >= 67 and self.rng.random() < 0.7:
            return (self.relative(self.gender(), family, "child", False),)
        if self.rng.random() < 0.5:
            return (self.relative(self.gender(), family, "spouse", False),)
        return ()

    def age(self, birth_date: date) -> int:
        years = self.today.year - birth_date.year
        before_birthday = (self.today.month, self.today.day) < (birth_date.month, birth_date.day)
        return years - before_birthday
