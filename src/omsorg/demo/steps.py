"""The steps shared by the first decision and what follows it: decide, notify."""

from dataclasses import dataclass, field
from datetime import date

from omsorg.cases.judgement import judged_criteria
from omsorg.cases.models import Application, Decision
from omsorg.cases.selectors import case_facts, evaluation_for
from omsorg.cases.services.care_allowance import carer_is_party
from omsorg.cases.services.decisions import DecisionInput, decision_make, decision_notify
from omsorg.catalogue.models import ServiceType
from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.models import Municipality, Unit, User
from omsorg.demo import specs, texts
from omsorg.demo.care_allowance import care_input_for, carer_of
from omsorg.demo.specs import DecisionSpec, EpisodeSpec
from omsorg.demo.statements import fact_statement
from omsorg.people.models import Person


@dataclass
class Context:
    actor: User  # the demo caseworker: every write is hers
    municipality: Municipality
    units: dict[str, Unit]
    service_types: dict[str, ServiceType]
    care_workers: dict[str, list[User]]  # by unit name
    personas: dict[str, User]  # by username
    today: date
    turns: dict[str, int] = field(default_factory=dict)  # next care worker, by unit name


def decision_input(
    ctx: Context,
    person: Person,
    application: Application,
    spec: DecisionSpec,
    on: date,
    assessed_on: date | None,
) -> DecisionInput:
    """What the caseworker decides; a justification wherever the criteria leave it open."""
    service_type = ctx.service_types[spec.service]
    evaluation = evaluation_for(
        person=person, application=application, service_type=service_type, on_date=on
    )
    suggestion = evaluation.suggestion
    departs = suggestion in ("discretion", "") or suggestion != spec.outcome
    carer = care = None
    if carer_is_party(service_type):  # omsorgsstønad: the carer is the party (seed 004 §1.8)
        carer = carer_of(ctx.actor, person)
        if spec.outcome != specs.REFUSED and spec.quantity:
            care = care_input_for(person, spec.quantity, spec.valid_from or on)
    return DecisionInput(
        service_type=service_type,
        outcome=spec.outcome,
        reasons=texts.reasons(
            service_type,
            spec.outcome,
            spec.quantity,
            assessed_on,
            on,
            name=person.given_name,
            lang=ctx.municipality.written_language,
        ),
        quantity=spec.quantity,
        valid_from=spec.valid_from,
        valid_to=spec.valid_to,
        review_date=spec.review_date,
        justification=texts.justification(
            spec.outcome, suggestion, ctx.municipality.written_language
        )
        if departs
        else "",
        unit=ctx.units.get(spec.unit) if spec.unit else None,
        carer=carer,
        care=care,
        fact_statements=_statements(ctx, person, application, service_type, evaluation),
        service_form=_form(service_type),
    )


def _pick(person: Person) -> int:
    # The individual number (digits 7-9 of the fødselsnummer): stable across builds.
    return int(person.identity_number[6:9])


def _statements(ctx, person, application, service_type, evaluation) -> dict[str, str]:
    """The facts behind each criterion met by judgement, as the caseworker writes them."""
    judged = judged_criteria(
        service_type_spec(service_type), evaluation, case_facts(person, application)
    )
    lang = ctx.municipality.written_language
    return {
        criterion.code: fact_statement(criterion, person.given_name, _pick(person), lang)
        for criterion in judged
    }


def _form(service_type) -> str:
    """Support contact is mostly individual (seed 004 §1.1 names that form first)."""
    forms = service_type_spec(service_type).forms
    return forms[0].code if forms else ""


def decide(ctx, person, application, spec: DecisionSpec, episode: EpisodeSpec) -> Decision:
    data = decision_input(ctx, person, application, spec, episode.decided_on, episode.assessed_on)
    return decision_make(
        actor=ctx.actor,
        person=person,
        data=data,
        today=episode.decided_on,
        application=application,
    )


def notify(ctx: Context, decision: Decision, notified_on: date) -> None:
    decision_notify(actor=ctx.actor, decision=decision, notified_on=notified_on, today=notified_on)
