"""Carry out a person's plan through the services, acting as the demo caseworker.

Every step names its own `today` (the day it happened in the story), so the services check
the same dates as in real use: no future receipt, review within a year, notification after the
decision, appeal after notification.
"""

from datetime import date

from omsorg.cases.models import Application, Decision
from omsorg.cases.services.applications import (
    application_register,
    application_set_status,
    assessment_plan,
    assessment_record,
    preliminary_reply_send,
)
from omsorg.core.models import Unit, User
from omsorg.demo import facts, followups, specs, texts
from omsorg.demo.specs import EpisodeSpec, PersonSpec
from omsorg.demo.steps import Context, decide, notify
from omsorg.demo.timelines import days
from omsorg.people.models import Assignment, Person, Relative
from omsorg.people.services import assignment_create, consent_record, person_create, relative_add

REPLY_EXPECTED_DAYS = 30  # the preliminary reply promises a decision within a month


def person_build(ctx: Context, spec: PersonSpec) -> Person:
    """The person, their relatives and consents, their applications and care team."""
    person = person_create(
        actor=ctx.actor,
        identity_number=spec.identity_number,
        given_name=spec.given_name,
        family_name=spec.family_name,
        street_address=spec.street_address,
        postal_code=spec.postal_code,
        city=spec.city,
        unit=ctx.units.get(spec.unit) if spec.unit else None,
    )
    guardian = _relatives_add(ctx, person, spec)
    first = min((e.received_on for e in spec.episodes), default=ctx.today)
    _consents_record(ctx, person, spec, guardian, first)
    for episode in spec.episodes:
        episode_build(ctx, person, episode)
    _assignments_create(ctx, person, spec)
    return person


def _relatives_add(ctx: Context, person: Person, spec: PersonSpec) -> Relative | None:
    guardian = None
    for relative in spec.relatives:
        added = relative_add(
            actor=ctx.actor,
            person=person,
            name=relative.name,
            relation=relative.relation,
            is_guardian=relative.is_guardian,
            email=relative.email,
        )
        if relative.is_guardian and guardian is None:
            guardian = added
    return guardian


def _consents_record(ctx, person, spec: PersonSpec, guardian, given_on: date) -> None:
    """Consent with the application (seed 004 §2: electronic consent in the portal); a
    guardian consents for a child or for an adult who cannot consent alone."""
    kinds = ["processing", "sharing"] + (["fetching"] if spec.fetching_consent else [])
    for kind in kinds:
        consent_record(
            actor=ctx.actor, person=person, kind=kind, given_on=given_on, given_by=guardian
        )


def _is_child(person: Person, on: date) -> bool:
    return (on - person.birth_date).days < 18 * 365


def episode_build(ctx: Context, person: Person, episode: EpisodeSpec) -> Application:
    codes = [d.service for d in episode.decisions]
    application = application_register(
        actor=ctx.actor,
        person=person,
        channel=episode.channel,
        received_on=episode.received_on,
        services=[(ctx.service_types[d.service], d.requested) for d in episode.decisions],
        consent_given=True,
        description=texts.description(codes, ctx.municipality.written_language),
        today=episode.received_on,
        urgent_days=episode.urgent_days,
    )
    if episode.stage == specs.WITHDRAWN:
        status = Application.Status.WITHDRAWN
        application_set_status(actor=ctx.actor, application=application, status=status)
        return application
    _assess(ctx, person, application, episode)
    if episode.reply_on is not None:
        preliminary_reply_send(
            actor=ctx.actor,
            application=application,
            expected_by=episode.reply_on + days(REPLY_EXPECTED_DAYS),
            reason=texts.reply_reason(ctx.municipality.written_language),
            today=episode.reply_on,
        )
    if episode.stage == specs.DECIDED:
        decisions = [decide(ctx, person, application, d, episode) for d in episode.decisions]
        for decision in decisions:
            if episode.notified_on is not None:
                notify(ctx, decision, episode.notified_on)
        followups.follow_up(ctx, application, decisions, episode)
    return application


def _assess(ctx: Context, person: Person, application: Application, episode: EpisodeSpec):
    methods = facts.methods_for(episode.decisions, _is_child(person, episode.received_on))
    if episode.stage == specs.ASSESSING:
        assessment_plan(
            actor=ctx.actor,
            application=application,
            planned_on=episode.assessed_on,
            methods=methods,
        )
        return
    if episode.stage not in (specs.READY, specs.DECIDED):
        return
    assessment_record(
        actor=ctx.actor,
        application=application,
        performed_on=episode.assessed_on,
        methods=methods,
        facts=facts.facts_for(episode.decisions),
        summary=texts.summary(
            [d.service for d in episode.decisions],
            episode.assessed_on,
            ctx.municipality.written_language,
        ),
        expected_version=None,
        today=episode.assessed_on,
        # Seed 004 §1.0, §2.1: the least intrusive level first, asked on every assessment.
        lower_step="considered",
        lower_step_note=texts.lower_step_note(ctx.municipality.written_language),
    )


def _next_in_turn(ctx: Context, unit: str, pool: list[User]) -> User:
    """Persons are shared out in turn, so every care worker has a few and none has all."""
    turn = ctx.turns.get(unit, 0)
    ctx.turns[unit] = turn + 1
    return pool[turn % len(pool)]


# Staff serve the person in these units as primary contact; in zones as one of the team.
PRIMARY_CONTACT_KINDS = {Unit.Kind.RESPITE_HOME, Unit.Kind.HOUSING}


def _assignments_create(ctx: Context, person: Person, spec: PersonSpec) -> None:
    """One care worker per unit delivering a grant in force (the care team's service need)."""
    in_force = (
        Decision.objects.in_force()
        .filter(person=person)
        .exclude(unit=None)
        .select_related("unit")
        .order_by("pk")
    )
    seen = set()
    for decision in in_force:
        pool = ctx.care_workers.get(decision.unit.name)
        if not pool or decision.unit_id in seen:
            continue
        seen.add(decision.unit_id)
        staff = ctx.personas.get(spec.care_worker) if spec.care_worker else None
        if staff is None or staff.unit_id != decision.unit_id:
            staff = _next_in_turn(ctx, decision.unit.name, pool)
        kind = Assignment.Kind.CARE_WORKER
        if decision.unit.kind in PRIMARY_CONTACT_KINDS:
            kind = Assignment.Kind.PRIMARY_CONTACT
        assignment_create(
            actor=ctx.actor,
            person=person,
            staff=staff,
            kind=kind,
            valid_from=min(decision.valid_from or ctx.today, ctx.today),
            valid_to=decision.valid_to,
        )
