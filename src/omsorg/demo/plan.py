"""The whole demo population as a plan: deterministic in (seed, size, today), no database."""

import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date

from omsorg.demo import specs, volumes
from omsorg.demo.organisation import FLATA, HOUSING, KONGSVEGEN_RESPITE, ORGANISATION, ZONES
from omsorg.demo.persona_plans import persona_specs
from omsorg.demo.planner import FLATA_MIN_CHILDREN, FLATA_SHARE, Grant, Planner
from omsorg.demo.specs import PersonSpec
from omsorg.demo.volumes import (
    CHILDREN_SERVICES,
    HOME_CARE_EXTRAS,
    HOME_NURSING,
    PRACTICAL_HELP,
    ServiceVolume,
    refusals_for,
    scaled,
)

ADULTS = ((20, 60, 1.0),)
# Share of appeals among refusals (DOMAIN.md gives none; a few per hundred refusals).
APPEAL_WITHIN_SHARE = 0.08
APPEAL_FORWARDED_SHARE = 0.02
NOT_APPEALABLE_HERE = {code for code, *_ in HOME_CARE_EXTRAS}  # meal delivery: fvl, not pbrl


@dataclass(frozen=True)
class Plan:
    seed: int
    size: str
    today: date
    persons: tuple[PersonSpec, ...]

    def digest(self) -> str:
        """A fingerprint of everything planned, to compare two builds."""
        data = json.dumps([asdict(p) for p in self.persons], default=str, sort_keys=True)
        return hashlib.sha256(data.encode()).hexdigest()


def _by_code() -> dict[str, ServiceVolume]:
    return {v.code: v for v in (*CHILDREN_SERVICES, HOME_NURSING, PRACTICAL_HELP)}


def _grant(planner: Planner, volume: ServiceVolume, person: PersonSpec) -> Grant:
    quantity = planner.weighted(volume.quantities)
    unit = planner.providing_unit(volume.unit, person.unit)
    return Grant(volume.code, quantity, unit, volume.months, _requested(planner, volume, quantity))


def _requested(planner: Planner, volume: ServiceVolume, quantity: int) -> int | None:
    """Above a catalogue limit now and then, so the criteria suggest a partial grant."""
    limits = {"support_contact": 10, "farm_respite": 2}
    limit = limits.get(volume.code)
    if limit is not None and quantity == limit and planner.rng.random() < 0.3:
        return limit + planner.rng.randint(1, 6 if limit > 2 else 1)
    return None


def _outcomes(persons: list[PersonSpec]) -> tuple[Counter, Counter]:
    """Grants and refusals per service among `persons` (the personas count in the volumes)."""
    granted, refused = Counter(), Counter()
    for person in persons:
        for episode in person.episodes:
            for decision in episode.decisions:
                if decision.outcome in (specs.GRANTED, specs.PARTLY):
                    granted[decision.service] += 1
                elif decision.outcome == specs.REFUSED:
                    refused[decision.service] += 1
    return granted, refused


def _children(planner: Planner, done: Counter) -> list[PersonSpec]:
    """Children's services (seed 004), one application each; some respite-home children
    also have care allowance in the same application."""
    persons = []
    with_allowance = scaled(volumes.CARE_ALLOWANCE_WITH_RESPITE_HOME, planner.size)
    allowance = _by_code()["care_allowance"]
    for volume in CHILDREN_SERVICES:
        for index in range(scaled(volume.recipients, planner.size) - done[volume.code]):
            unit = None
            if volume.unit == "respite_home":
                unit = FLATA if index < _flata_children(planner, done) else KONGSVEGEN_RESPITE
            person = planner.person(volume.ages, unit=unit)
            grants = [_grant(planner, volume, person)]
            if volume.code == "respite_home" and index < with_allowance:
                grants.append(_grant(planner, allowance, person))
            persons.append(planner.granted(person, grants))
    return persons


def _flata_children(planner: Planner, done: Counter) -> int:
    """Generated children at Flata: its share of the respite beds, less the personas there."""
    total = scaled(_by_code()["respite_home"].recipients, planner.size)
    return max(FLATA_MIN_CHILDREN, round(total * FLATA_SHARE)) - done["respite_home"]


def _home_care_grants(planner: Planner, person: PersonSpec, kinds: tuple[str, ...]):
    by_code = _by_code()
    grants = [_grant(planner, by_code[code], person) for code in kinds]
    for code, share, quantities, months in HOME_CARE_EXTRAS:
        if planner.rng.random() < share:
            quantity = planner.weighted(quantities)
            grants.append(Grant(code, quantity, person.unit, months))
    return grants


def _home_care(planner: Planner, done: Counter, in_housing: int) -> list[PersonSpec]:
    """Home nursing only, practical help only, or both (seed 002's seven zones).

    `done` holds the personas' grants (all with both services); residents of the housing
    units (`in_housing`) have practical help too, and count in its volume.
    """
    both = scaled(volumes.HOME_CARE_BOTH, planner.size) - done["home_nursing"]
    nursing_only = scaled(HOME_NURSING.recipients, planner.size) - both - done["home_nursing"]
    practical_only = (
        scaled(PRACTICAL_HELP.recipients, planner.size) - both - done["practical_help"] - in_housing
    )
    mix = (
        [("home_nursing",)] * nursing_only
        + [("practical_help",)] * practical_only
        + [("home_nursing", "practical_help")] * both
    )
    planner.rng.shuffle(mix)
    persons = []
    for kinds in mix:
        person = planner.person(HOME_NURSING.ages, unit=planner.rng.choice(ZONES))
        persons.append(planner.granted(person, _home_care_grants(planner, person, kinds)))
    return persons


def _housing(planner: Planner) -> list[PersonSpec]:
    """Adults with disabilities in the housing of seed 001: extensive help and training."""
    places = {spec.name: spec.places for spec in ORGANISATION if spec.name in HOUSING}
    persons = []
    for name, residents in volumes.housing_residents(places, planner.size).items():
        for _ in range(residents):
            person = planner.person(ADULTS, unit=name, needs_guardian=planner.rng.random() < 0.6)
            grants = [
                Grant(
                    "practical_help", planner.weighted((volumes.EXTENSIVE + (1.0,),)), name, None
                ),
                Grant(
                    "training_daily_tasks", planner.weighted((volumes.MEDIUM + (1.0,),)), name, None
                ),
            ]
            persons.append(planner.granted(person, grants))
    return persons


def _refusal_slots(planner: Planner, done: Counter) -> list[str]:
    """One service code per refusal, so that each service's refusal rate is near its target;
    `done` holds the personas' refusals."""
    slots = []
    for volume in (*CHILDREN_SERVICES, HOME_NURSING, PRACTICAL_HELP):
        granted = scaled(volume.recipients, planner.size)
        if volume.code == "care_allowance":
            granted += scaled(volumes.CARE_ALLOWANCE_WITH_RESPITE_HOME, planner.size)
        count = refusals_for(granted, volume.refusal_rate) - done[volume.code]
        slots += [volume.code] * max(0, count)
    home_care = scaled(HOME_NURSING.recipients + volumes.PRACTICAL_HELP.recipients, planner.size)
    for code, share, *_ in HOME_CARE_EXTRAS:
        slots += [code] * refusals_for(round(share * home_care), volumes.EXTRA_REFUSAL_RATE)
    return slots


def _appeal_kinds(total_refusals: int) -> list[str]:
    within = max(1, round(APPEAL_WITHIN_SHARE * total_refusals))
    forwarded = max(1, round(APPEAL_FORWARDED_SHARE * total_refusals))
    return (
        [specs.APPEAL_WITHIN] * within
        + [specs.APPEAL_LATE]
        + [specs.APPEAL_FORWARDED] * forwarded
        + [specs.APPEAL_CLOSED, specs.APPEAL_REVERSED]
    )


def _refused(planner: Planner, done: Counter) -> list[PersonSpec]:
    by_code = _by_code()
    slots = _refusal_slots(planner, done)
    planner.rng.shuffle(slots)
    appealable = [i for i, code in enumerate(slots) if code not in NOT_APPEALABLE_HERE]
    appeals = dict(zip(appealable, _appeal_kinds(len(slots)), strict=False))
    persons = []
    for index, code in enumerate(slots):
        volume = by_code.get(code, HOME_NURSING)  # extras: home-care persons
        person = planner.person(volume.ages, unit=_zone_if_home_care(planner, volume))
        requested = planner.weighted(volume.quantities) if code in by_code else 2
        if code == "bpa":  # below the 25-hour tier of pbrl §2-1 d, or a short need
            requested = planner.rng.randint(12, 24)
        persons.append(planner.refused(person, code, requested, appeals.get(index, "")))
    return persons


def _zone_if_home_care(planner: Planner, volume: ServiceVolume) -> str | None:
    return planner.rng.choice(ZONES) if volume.unit == "zone" else None


def _open_applications(planner: Planner) -> list[PersonSpec]:
    """Applications not yet decided, in every stage, and some withdrawn."""
    by_code = _by_code()
    codes = list(by_code)
    weights = [scaled(by_code[c].recipients, "full") for c in codes]
    persons = []
    for stage, full in volumes.OPEN_APPLICATIONS_FULL.items():
        count = scaled(full, planner.size, volumes.OPEN_APPLICATIONS_MIN[stage])
        for index in range(count):
            volume = by_code[planner.rng.choices(codes, weights=weights)[0]]
            person = planner.person(volume.ages, unit=_zone_if_home_care(planner, volume))
            old = stage in (specs.ASSESSING, specs.READY) and index % 2 == 0
            requested = planner.weighted(volume.quantities)
            persons.append(planner.pending(person, volume.code, requested, stage, old))
    return persons


def plan_demo(*, seed: int, size: str, today: date) -> Plan:
    if size not in volumes.SIZES:
        raise ValueError(f"size must be one of {', '.join(volumes.SIZES)}")
    planner = Planner(seed, size, today)
    personas = persona_specs(planner)
    granted, refused = _outcomes(personas)
    housing = _housing(planner)
    persons = [
        *personas,
        *_children(planner, granted),
        *_home_care(planner, granted, len(housing)),
        *housing,
        *_refused(planner, refused),
        *_open_applications(planner),
    ]
    return Plan(seed, size, today, tuple(persons))
