"""Building blocks of the plan: a person, a granted, refused or open application."""

import random
from dataclasses import dataclass, replace
from datetime import date

from omsorg.demo import specs, timelines
from omsorg.demo.identities import People
from omsorg.demo.organisation import (
    KONGSVEGEN_RESPITE,
    OUTSIDE_RESPITE_UNIT,
    RESPITE_HOMES,
    SUPPORT_CONTACT_UNIT,
)
from omsorg.demo.specs import DecisionSpec, EpisodeSpec, PersonSpec
from omsorg.demo.timelines import days

STAY_SERVICES = {"respite_outside"}  # scope per stay: valid for the stay's days only
# Flata has 2 of the 7 respite beds (seed 001; see omsorg.demo.organisation); at least three
# children there, so that its care worker serves some of them and its leader sees more.
FLATA_SHARE = 2 / 7
FLATA_MIN_CHILDREN = 3
# A quantity limit in the catalogue (support contact 10 h/month, farm respite 2 weekends) turns
# a larger request into a partial grant; elsewhere this share is granted less than applied for.
PARTLY_SHARE = 0.08
CHANNELS = (("portal", 0.8), ("paper", 0.12), ("referral", 0.08))


@dataclass(frozen=True)
class Grant:
    """One service to grant: the code, the granted quantity, the providing unit, the months."""

    service: str
    quantity: int
    unit: str | None
    months: int | None
    requested: int | None = None  # above `quantity` for a partial grant


class Planner:
    def __init__(self, seed: int, size: str, today: date) -> None:
        self.rng = random.Random(f"{seed}:plan")
        self.people = People(seed, today)
        self.today = today
        self.size = size
        self.count = 0

    def weighted(self, ranges: tuple[tuple[int, int, float], ...]) -> int:
        low, high, _weight = self.rng.choices(ranges, weights=[r[2] for r in ranges])[0]
        return self.rng.randint(low, high)

    def channel(self) -> str:
        return self.rng.choices([c for c, _ in CHANNELS], weights=[w for _, w in CHANNELS])[0]

    def person(self, ages, *, unit: str | None = None, needs_guardian: bool = False):
        """A generated person (no cases yet), aged within one of `ages`' (from, to, weight)."""
        self.count += 1
        gender = self.people.gender()
        given, family = self.people.name(gender)
        low, high, _weight = self.rng.choices(ages, weights=[a[2] for a in ages])[0]
        birth = self.people.birth_date(low, high)
        return self.person_with(
            f"p{self.count:04d}", given, family, gender, birth, unit, needs_guardian
        )

    def person_with(self, key, given, family, gender, birth, unit, needs_guardian=False):
        age = self.people.age(birth)
        if age < 18:
            relatives = self.people.parents(family)
        else:
            relatives = self.people.adult_relatives(age, family, needs_guardian=needs_guardian)
        street, postal_code, city = self.people.address()
        return PersonSpec(
            key=key,
            given_name=given,
            family_name=family,
            gender=gender,
            birth_date=birth,
            identity_number=self.people.identity_number(birth, gender),
            street_address=street,
            postal_code=postal_code,
            city=city,
            unit=unit,
            relatives=relatives,
            fetching_consent=self.rng.random() < 0.7,
        )

    def providing_unit(self, how: str, person_unit: str | None) -> str | None:
        if how == "respite_home":
            return person_unit if person_unit in RESPITE_HOMES else KONGSVEGEN_RESPITE
        return {
            "leirali": SUPPORT_CONTACT_UNIT,
            "kongsvegen": OUTSIDE_RESPITE_UNIT,
            "zone": person_unit,
            "housing": person_unit,
        }.get(how)

    def requested(self, grant: Grant) -> int:
        """What was applied for: usually the grant, sometimes more (a partial grant)."""
        if grant.requested is not None:
            return grant.requested
        if self.rng.random() >= PARTLY_SHARE:
            return grant.quantity
        return grant.quantity + self.rng.randint(1, max(1, grant.quantity // 2))

    def _story(self, grants: list[Grant]) -> str:
        if any(g.service in STAY_SERVICES for g in grants):
            return timelines.CURRENT
        if any(g.months is not None and g.months < 12 for g in grants):
            return timelines.RECENT
        open_ended = all(g.months is None for g in grants)
        return timelines.grant_story(self.rng, open_ended=open_ended)

    def _decided(self, story: str, earliest: date) -> tuple[str, date]:
        decided = timelines.decided_on(self.rng, story, self.today, earliest)
        if decided is None:  # too young for an old story: a recent one instead
            story = timelines.CURRENT
            decided = timelines.decided_on(self.rng, story, self.today, earliest)
        return story, decided

    def granted(self, person: PersonSpec, grants: list[Grant], story: str | None = None):
        """The person with one application granting `grants`, told as `story`."""
        story, decided = self._decided(story or self._story(grants), self.earliest(person))
        steps = timelines.steps_before(
            self.rng,
            decided,
            self.today,
            self.earliest(person),
            notify=story != timelines.UNNOTIFIED,
        )
        decisions = tuple(self._grant_decision(g, steps) for g in grants)
        open_months = None if all(g.months is None for g in grants) else 12
        follow_up, dates = timelines.review_follow_up(
            self.rng, story, decided, self.today, open_months
        )
        stay = any(g.service in STAY_SERVICES for g in grants)
        if stay and decisions[0].valid_to < self.today:
            follow_up, dates = specs.END_AFTER_STAY, (decisions[0].valid_to,)
        episode = self._decided_episode(steps, decisions, follow_up, dates)
        return replace(person, episodes=(*person.episodes, episode))

    def _grant_decision(self, grant: Grant, steps: timelines.Steps) -> DecisionSpec:
        requested = self.requested(grant)
        if grant.service in STAY_SERVICES:
            valid = timelines.stay_validity(
                self.rng, steps.received_on, steps.decided_on, grant.quantity
            )
        else:
            valid = timelines.validity(self.rng, steps.decided_on, grant.months)
        outcome = specs.PARTLY if requested > grant.quantity else specs.GRANTED
        return DecisionSpec(grant.service, outcome, requested, grant.quantity, grant.unit, *valid)

    def _decided_episode(self, steps, decisions, follow_up=specs.NOTHING, dates=()):
        return EpisodeSpec(
            stage=specs.DECIDED,
            received_on=steps.received_on,
            decisions=decisions,
            channel=self.channel(),
            assessed_on=steps.assessed_on,
            reply_on=steps.reply_on,
            decided_on=steps.decided_on,
            notified_on=steps.notified_on,
            follow_up=follow_up,
            follow_dates=dates,
        )

    def refused(self, person: PersonSpec, service: str, requested: int, appeal: str = ""):
        """The person with one application refused, and perhaps appealed."""
        earliest = self.earliest(person)
        if appeal:
            decided, notified, dates = timelines.appeal_dates(self.rng, appeal, self.today)
        else:
            high = min(330, (self.today - earliest).days - timelines.MAX_PROCESSING_DAYS)
            decided, notified, dates = self.today - days(self.rng.randint(2, high)), None, ()
        steps = timelines.steps_before(self.rng, decided, self.today, earliest)
        if notified is not None:
            steps = replace(steps, notified_on=notified)
        decision = DecisionSpec(service, specs.REFUSED, requested, None, None)
        episode = self._decided_episode(steps, (decision,), appeal or specs.NOTHING, dates)
        return replace(person, episodes=(*person.episodes, episode))

    def pending(self, person: PersonSpec, service: str, requested: int, stage: str, old: bool):
        """The person with one open (or withdrawn) application; `old` is past one month."""
        ago = self.rng.randint(31, 45) if old else self.rng.randint(0, 25)
        if stage == specs.WITHDRAWN:
            ago = self.rng.randint(20, 90)
        received = self.today - days(ago)
        assessed = None
        if stage in (specs.ASSESSING, specs.READY):
            assessed = received + days(self.rng.randint(0, min(20, ago)))
        # Half of the old open applications got their preliminary reply in time (fvl §11a).
        reply = None
        if old and stage != specs.WITHDRAWN and self.rng.random() < 0.5:
            reply = received + days(self.rng.randint(20, 29))
        episode = EpisodeSpec(
            stage=stage,
            received_on=received,
            decisions=(DecisionSpec(service, "", requested, None, None),),
            channel=self.channel(),
            assessed_on=assessed,
            reply_on=reply,
        )
        return replace(person, episodes=(*person.episodes, episode))

    def earliest(self, person: PersonSpec) -> date:
        return timelines.earliest_case_date(person.birth_date)
