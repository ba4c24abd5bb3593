"""Named demo users and persons, for people trying the demo and for browser tests.

Like Zulip's example_user("hamlet"): tests and manuals name a persona, never an id, and each
persona is built with a fixed situation relative to the build's `today`, so "Astrid's review is
due in two weeks" holds whatever day the demo is built.
"""

from dataclasses import dataclass

from omsorg.core.models import Municipality, Role, User
from omsorg.demo.organisation import ALLOCATION_OFFICE, FLATA, ZONES
from omsorg.people.models import Person

# Marks every user the demo creates, so --reset removes them and nobody else. example.org is
# reserved (RFC 2606): no mail can reach a real person.
DEMO_EMAIL_DOMAIN = "demo.example.org"


@dataclass(frozen=True)
class PersonaUser:
    username: str
    role: str
    first_name: str
    last_name: str
    unit: str | None
    password: str
    what: str  # shown in the printed list: what to try as this user


def _password(username: str) -> str:
    # Printed on purpose: demo users exist only outside production (the command refuses there).
    return f"omsorg-demo-{username}"


PERSONA_USERS = (
    PersonaUser(
        "saksbehandler",
        Role.CASEWORKER,
        "Sigrid",
        "Haugland",
        ALLOCATION_OFFICE,
        _password("saksbehandler"),
        "arbeidsliste, søknader, vedtak, klager",
    ),
    PersonaUser(
        "tjenesteleder",
        Role.SERVICE_LEADER,
        "Tor",
        "Lunde",
        FLATA,
        _password("tjenesteleder"),
        "ser barna med vedtak på Flata avlastning",
    ),
    PersonaUser(
        "miljoarbeider",
        Role.CARE_WORKER,
        "Mona",
        "Aasen",
        FLATA,
        _password("miljoarbeider"),
        "ser bare barna hun er primærkontakt for",
    ),
    PersonaUser(
        "soneleder",
        Role.SERVICE_LEADER,
        "Nina",
        "Rønning",
        ZONES[0],
        _password("soneleder"),
        "ser brukerne med vedtak i sone Lundhaugen",
    ),
    PersonaUser(
        "sykepleier",
        Role.CARE_WORKER,
        "Nils",
        "Eide",
        ZONES[0],
        _password("sykepleier"),
        "hjemmesykepleier i sone Lundhaugen",
    ),
    PersonaUser(
        "leder", Role.MANAGEMENT, "Hanne", "Bakke", None, _password("leder"), "styringsdata"
    ),
    PersonaUser(
        "admin",
        Role.ADMINISTRATOR,
        "Arne",
        "Dahl",
        None,
        _password("admin"),
        "tjenestekatalog og oppsett",
    ),
    # Personvernombud: follows up the access log (group "personvernombud"); reads no case.
    PersonaUser(
        "personvernombud",
        Role.MANAGEMENT,
        "Eva",
        "Strand",
        None,
        _password("personvernombud"),
        "loggkontroll: uvanlige oppslag å følge opp",
    ),
)


@dataclass(frozen=True)
class PersonaPerson:
    """A named person with a fixed situation; `scenario` is what omsorg.demo.cases builds."""

    key: str
    given_name: str
    family_name: str
    gender: str
    age_years: int
    scenario: str
    unit: str | None = None


PERSONA_PERSONS = (
    # A child at Flata whose respite-home decision is due for review in about two weeks.
    PersonaPerson("astrid", "Astrid", "Fjellheim", "female", 9, "respite_home_review_soon", FLATA),
    # An old woman with home nursing and practical help, review a month overdue.
    PersonaPerson("kari", "Kari", "Nordbø", "female", 84, "home_care_review_overdue", ZONES[0]),
    # A boy whose support-contact application is 40 days old without a preliminary reply.
    PersonaPerson("emil", "Emil", "Sandvær", "male", 12, "application_without_reply"),
    # A small girl whose private respite ends in about three weeks with nothing to follow it.
    PersonaPerson("sofie", "Sofie", "Brennhaug", "female", 3, "respite_expiring"),
    # A young man refused BPA (18 hours a week), who has appealed within the deadline.
    PersonaPerson("jonas", "Jonas", "Kvernmo", "male", 31, "bpa_refused_appealed"),
    # A child whose care allowance was partly granted; the appeal is with Statsforvalteren.
    PersonaPerson("ida", "Ida", "Moldestad", "female", 14, "care_allowance_forwarded"),
    # An old woman discharged from hospital two days ago: home nursing on the urgent track,
    # assessed and due for decision tomorrow (decided by the allocation office, no meeting).
    PersonaPerson("ragnhild", "Ragnhild", "Solbakk", "female", 81, "home_nursing_urgent", ZONES[0]),
)

PERSONA_NAMES = frozenset((p.given_name, p.family_name) for p in PERSONA_PERSONS)


def persona_person(key: str) -> PersonaPerson:
    for persona in PERSONA_PERSONS:
        if persona.key == key:
            return persona
    raise KeyError(f"no demo persona person {key!r}")


def persona_user(username: str) -> PersonaUser:
    for persona in PERSONA_USERS:
        if persona.username == username:
            return persona
    raise KeyError(f"no demo persona user {username!r}")


def example_user(username: str) -> User:
    """The demo user with this persona name, e.g. example_user("saksbehandler")."""
    persona = persona_user(username)
    return User.objects.get(username=persona.username)


def example_person(key: str, municipality: Municipality | None = None) -> Person:
    """The demo person with this persona key, e.g. example_person("astrid").

    Persona names are never given to generated persons, so the name finds exactly one.
    """
    persona = persona_person(key)
    persons = Person.objects.filter(
        given_name=persona.given_name, family_name=persona.family_name, synthetic=True
    )
    if municipality is not None:
        persons = persons.filter(municipality=municipality)
    return persons.get()
