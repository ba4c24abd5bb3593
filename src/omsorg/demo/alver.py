"""Alver (seed 003): a second demo municipality that writes nynorsk, so its letters, units and
case texts are nynorsk throughout.

Seed 003 describes Alver's organisation (Forvaltningskontoret, Habiliteringstenesta,
Heimetenestene, Sjukeheimstenesta, Psykisk helse og rus) but no service catalogue. As a demo
assumption, Alver adopts the same criteria as the demo's two catalogues (children's respite
after seed 004 and the home-based services after seed 002) under its own name, written
language, offices and appeal body (Statsforvaltaren i Vestland). docs/letters.md records it.
"""

from dataclasses import replace
from datetime import date

from django.contrib.auth.hashers import make_password

from omsorg.cases.deadlines import add_months
from omsorg.catalogue.models import CatalogueVersion
from omsorg.catalogue.selectors import version_spec
from omsorg.catalogue.services import catalogue_version_save
from omsorg.core.models import Municipality, Role, Unit, User
from omsorg.demo import specs
from omsorg.demo.catalogues import service_types_of
from omsorg.demo.execute import person_build
from omsorg.demo.identities import People
from omsorg.demo.organisation import UnitSpec
from omsorg.demo.personas import DEMO_EMAIL_DOMAIN
from omsorg.demo.specs import DecisionSpec, EpisodeSpec, PersonSpec, RelativeSpec
from omsorg.demo.steps import Context
from omsorg.demo.timelines import days
from omsorg.people.models import Person

NUMBER, NAME = "4631", "Alver"
CHILDREN_OFFICE = "Koordinerande eining for barn og unge"
ADULTS_OFFICE = "Forvaltningskontoret"
HABILITATION = "Habiliteringstenesta"
HOME_CARE = "Heimetenestene"
K = Unit.Kind
# Seed 003 §2: the units of health and care that the project names, in nynorsk.
ORGANISATION = (
    UnitSpec(ADULTS_OFFICE, K.OFFICE, decides_for=Unit.Decides.ADULTS, code="FORVALTNING"),
    UnitSpec(CHILDREN_OFFICE, K.OFFICE, decides_for=Unit.Decides.CHILDREN, code="KE-BARN"),
    UnitSpec(HABILITATION, K.DEPARTMENT, code="HAB"),
    UnitSpec("Avlastinga Knarvik", K.DEPARTMENT, HABILITATION, code="HAB-AVL"),
    UnitSpec("Støttekontakttenesta", K.DEPARTMENT, HABILITATION, code="HAB-STK"),
    UnitSpec("Psykisk helse og rus", K.DEPARTMENT, code="PHR"),
    UnitSpec(HOME_CARE, K.DEPARTMENT, code="HEIM"),
    UnitSpec("Heimetenestene Knarvik", K.ZONE, HOME_CARE, code="HEIM-KNARVIK"),
    UnitSpec("Sjukeheimstenesta", K.DEPARTMENT, code="SJH"),
)
CONTACT = {
    "postal_address": "Postboks 4, 5906 Frekhaug",
    "phone": "56 37 50 00",
    "email": "postmottak.alver@demo.example.org",
    "statsforvalter": "Statsforvaltaren i Vestland",
    "coordinating_unit": CHILDREN_OFFICE,
}
LABELS = {
    "holtalen": "Retningslinjer for avlastingstenester til barn og unge",
    "hjemmetjenester": "Retningslinjer for heimebaserte tenester",
}
# The password follows the README's rule for every demo user: omsorg-demo-<username>.
CASEWORKER = ("sakshandsamar_alver", "omsorg-demo-sakshandsamar_alver", "Liv", "Hesjedal")


def _adopted(version: CatalogueVersion) -> CatalogueVersion:
    """One of the demo's catalogues as Alver's own: its name, nynorsk and appeal body."""
    spec = version_spec(version)
    base = spec.code.split("_")[-1] if spec.code not in LABELS else spec.code
    services = tuple(
        replace(s, appeal=replace(s.appeal, body=CONTACT["statsforvalter"]))
        if s.appeal.body.startswith("Statsforvalteren")
        else s
        for s in spec.services
    )
    return catalogue_version_save(
        spec=replace(
            spec,
            code=f"alver_{base}",
            municipality_name=NAME,
            municipality_number=NUMBER,
            written_language="nn",
            coordinating_unit=CHILDREN_OFFICE,
            version_label=LABELS[base],
            services=services,
        )
    )


def _municipality() -> Municipality:
    municipality, _created = Municipality.objects.update_or_create(
        number=NUMBER, defaults={"name": NAME, "written_language": "nn", **CONTACT}
    )
    return municipality


def _units(municipality: Municipality) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for spec in ORGANISATION:
        units[spec.name] = Unit.objects.create(
            municipality=municipality,
            name=spec.name,
            kind=spec.kind,
            parent=units[spec.parent] if spec.parent else None,
            decides_for=spec.decides_for,
            code=spec.code,
        )
    return units


def _caseworker(municipality: Municipality, office: Unit) -> User:
    username, password, given, family = CASEWORKER
    return User.objects.create(
        username=username,
        password=make_password(password),
        email=f"{username}@{DEMO_EMAIL_DOMAIN}",
        phone="56 37 50 21",
        first_name=given,
        last_name=family,
        role=Role.CASEWORKER,
        municipality=municipality,
        unit=office,
    )


def alver_build(*, versions: list[CatalogueVersion], today: date, seed: int) -> Context:
    """Alver with its offices, a caseworker and a few cases in nynorsk; returns its context."""
    municipality = _municipality()
    adopted = [_adopted(version) for version in versions]
    units = _units(municipality)
    ctx = Context(
        actor=_caseworker(municipality, units[CHILDREN_OFFICE]),
        municipality=municipality,
        units=units,
        service_types=service_types_of(adopted),
        care_workers={},
        personas={},
        today=today,
    )
    for spec in alver_persons(today, seed):
        person_build(ctx, spec)
    return ctx


def _child(people: People, key, given, family, age, address, guardians, episodes):
    """A child of Alver with its guardians (foreldre) and its cases."""
    gender = "female" if given in ("Ingrid", "Solveig", "Kari") else "male"
    birth = add_months(people.today, -12 * age) - days(40)
    relatives = tuple(RelativeSpec(f"{name} {family}", "parent", True) for name in guardians)
    street, post, city = address
    return PersonSpec(
        key, given, family, gender, birth, people.identity_number(birth, gender),
        street, post, city, HABILITATION, relatives, True, tuple(episodes),
    )  # fmt: skip


def _decided(
    today, service, outcome, requested, granted, unit, ago, follow=specs.NOTHING, dates=()
):
    """A decision `ago` days before today, notified three days later, with its follow-up."""
    decided = today - days(ago)
    grant = outcome != specs.REFUSED
    decision = DecisionSpec(
        service, outcome, requested, granted if grant else None, unit if grant else None,
        decided if grant else None, add_months(decided, 12) - days(1) if grant else None,
        add_months(decided, 11) if grant else None,
    )  # fmt: skip
    return EpisodeSpec(
        stage=specs.DECIDED,
        received_on=decided - days(30),
        decisions=(decision,),
        assessed_on=decided - days(12),
        decided_on=decided,
        notified_on=decided + days(3),
        follow_up=follow,
        follow_dates=tuple(dates),
    )


def alver_persons(today: date, seed: int) -> list[PersonSpec]:
    """Five children and their cases: a grant to both guardians, an appeal forwarded to
    Statsforvaltaren, an appeal upheld by the office, a case waiting with a preliminary reply,
    and a refusal."""
    people = People(seed + int(NUMBER), today)
    # Never a number the demo municipality's persons already have (identity numbers are unique).
    people.numbers = set(Person.objects.values_list("identity_number", flat=True))
    respite, support, home = "respite_home", "support_contact", "Avlastinga Knarvik"
    forwarded = (specs.APPEAL_FORWARDED, (today - days(40), today - days(30)))
    reversed_ = (specs.APPEAL_REVERSED, (today - days(35), today - days(25)))
    waiting = EpisodeSpec(
        stage=specs.READY,
        received_on=today - days(40),
        decisions=(DecisionSpec(support, specs.GRANTED, 8, 8, None),),
        assessed_on=today - days(20),
        reply_on=today - days(8),
    )
    cases = [
        ("Ingrid", "Hjartholm", 9, ("Kvassnesvegen 12", "5914", "Isdalstø"), ("Marte", "Ola"),
         _decided(today, respite, specs.GRANTED, 4, 4, home, 60)),
        ("Eirik", "Mongstad", 12, ("Mangersvegen 4", "5936", "Manger"), ("Siri",),
         _decided(today, support, specs.GRANTED, 8, 8, "Støttekontakttenesta", 50, *forwarded)),
        ("Solveig", "Fosse", 11, ("Lindåsvegen 30", "5955", "Lindås"), ("Kari", "Nils"),
         _decided(today, respite, specs.PARTLY, 6, 4, home, 45, *reversed_)),
        ("Kari", "Hopland", 10, ("Havnevegen 8", "5918", "Frekhaug"), ("Anne", "Per"), waiting),
        ("Tor", "Seim", 14, ("Seimsvegen 2", "5912", "Seim"), ("Liv", "Arne"),
         _decided(today, support, specs.REFUSED, 8, None, None, 20)),
    ]  # fmt: skip
    return [
        _child(people, f"alver{i}", given, family, age, address, guardians, [episode])
        for i, (given, family, age, address, guardians, episode) in enumerate(cases, 1)
    ]
