"""The persona persons' situations, fixed relative to `today` (see omsorg.demo.personas)."""

from dataclasses import replace

from omsorg.cases.deadlines import add_months
from omsorg.demo import specs, timelines
from omsorg.demo.organisation import FLATA, OUTSIDE_RESPITE_UNIT
from omsorg.demo.personas import PERSONA_PERSONS, PersonaPerson
from omsorg.demo.planner import Grant, Planner
from omsorg.demo.specs import DecisionSpec, EpisodeSpec, PersonSpec
from omsorg.demo.timelines import days

# Days before `today` each persona's decision was made.
ASTRID_DECIDED = 351  # yearly review in ~2 weeks: inside the 30-day warning
KARI_DECIDED = 395  # review a month overdue
SOFIE_DECIDED = 345  # one-year decision ends in ~3 weeks: inside the 60-day expiry warning
EMIL_RECEIVED = 40  # past the one-month preliminary-reply deadline, no reply sent
RAGNHILD_RECEIVED = 2  # referred at hospital discharge; urgent track of 3 days: due tomorrow
RAGNHILD_URGENT_DAYS = 3


def _base(planner: Planner, persona: PersonaPerson) -> PersonSpec:
    birth = add_months(planner.today, -12 * persona.age_years) - days(100)
    return planner.person_with(
        persona.key,
        persona.given_name,
        persona.family_name,
        persona.gender,
        birth,
        persona.unit,
    )


def _granted_on(planner: Planner, person: PersonSpec, grants: list[Grant], ago: int):
    """A grant decided exactly `ago` days before today, notified, never reviewed."""
    decided = planner.today - days(ago)
    steps = timelines.steps_before(planner.rng, decided, planner.today, planner.earliest(person))
    decisions = []
    for grant in grants:
        valid_to = add_months(decided, grant.months) - days(1) if grant.months else None
        review = add_months(decided, 12)
        decisions.append(
            DecisionSpec(
                grant.service,
                specs.GRANTED,
                grant.quantity,
                grant.quantity,
                grant.unit,
                decided,
                valid_to,
                review,
            )
        )
    episode = EpisodeSpec(
        stage=specs.DECIDED,
        received_on=steps.received_on,
        decisions=tuple(decisions),
        assessed_on=steps.assessed_on,
        reply_on=steps.reply_on,
        decided_on=decided,
        notified_on=steps.notified_on,
    )
    return replace(person, episodes=(episode,))


def _astrid(planner: Planner, persona: PersonaPerson) -> PersonSpec:
    person = _base(planner, persona)
    grant = Grant("respite_home", 8, FLATA, 12)
    person = _granted_on(planner, person, [grant], ASTRID_DECIDED)
    return replace(person, care_worker="miljoarbeider")


def _kari(planner: Planner, persona: PersonaPerson) -> PersonSpec:
    person = _base(planner, persona)
    grants = [
        Grant("home_nursing", 10, persona.unit, None),
        Grant("practical_help", 3, persona.unit, None),
    ]
    person = _granted_on(planner, person, grants, KARI_DECIDED)
    return replace(person, care_worker="sykepleier")


def _emil(planner: Planner, persona: PersonaPerson) -> PersonSpec:
    person = _base(planner, persona)
    received = planner.today - days(EMIL_RECEIVED)
    episode = EpisodeSpec(
        stage=specs.ASSESSING,
        received_on=received,
        decisions=(DecisionSpec("support_contact", "", 8, None, None),),
        assessed_on=planner.today + days(7),
    )
    return replace(person, episodes=(episode,))


def _sofie(planner: Planner, persona: PersonaPerson) -> PersonSpec:
    person = _base(planner, persona)
    grant = Grant("private_respite", 4, OUTSIDE_RESPITE_UNIT, 12)
    return _granted_on(planner, person, [grant], SOFIE_DECIDED)


def _jonas(planner: Planner, persona: PersonaPerson) -> PersonSpec:
    person = _base(planner, persona)
    return planner.refused(person, "bpa", 18, specs.APPEAL_WITHIN)


def _ida(planner: Planner, persona: PersonaPerson) -> PersonSpec:
    """Care allowance: 40 hours a month applied for, 20 granted, appeal forwarded."""
    person = _base(planner, persona)
    person = planner.refused(person, "care_allowance", 40, specs.APPEAL_FORWARDED)
    episode = person.episodes[0]
    valid = timelines.validity(planner.rng, episode.decided_on, 12)
    partly = DecisionSpec("care_allowance", specs.PARTLY, 40, 20, None, *valid)
    return replace(person, episodes=(replace(episode, decisions=(partly,)),))


def _ragnhild(planner: Planner, persona: PersonaPerson) -> PersonSpec:
    """Home nursing after a hospital discharge, on the urgent track (issue 7, 1.8)."""
    person = _base(planner, persona)
    received = planner.today - days(RAGNHILD_RECEIVED)
    episode = EpisodeSpec(
        stage=specs.READY,
        received_on=received,
        decisions=(DecisionSpec("home_nursing", "", 7, None, None),),
        channel="referral",
        assessed_on=received + days(1),
        urgent_days=RAGNHILD_URGENT_DAYS,
    )
    return replace(person, episodes=(episode,))


SCENARIOS = {
    "respite_home_review_soon": _astrid,
    "home_care_review_overdue": _kari,
    "application_without_reply": _emil,
    "respite_expiring": _sofie,
    "bpa_refused_appealed": _jonas,
    "care_allowance_forwarded": _ida,
    "home_nursing_urgent": _ragnhild,
}


def persona_specs(planner: Planner) -> list[PersonSpec]:
    return [SCENARIOS[persona.scenario](planner, persona) for persona in PERSONA_PERSONS]
