"""Decisions (vedtak): made from an assessment, with a structured scope, notified by letter."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.cases.deadlines import latest_review_date
from omsorg.cases.judgement import judged_criteria, statement_field
from omsorg.cases.models import Application, Decision, Document
from omsorg.cases.selectors import case_facts, deciding_unit_for, evaluation_for
from omsorg.cases.services.care_allowance import CareInput, allowance_terms
from omsorg.cases.services.common import require_caseworker
from omsorg.cases.services.numbering import case_file_for_decision, document_register
from omsorg.cases.services.standing import check_not_decided, create_standing
from omsorg.catalogue.models import ServiceType
from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, LocalDate, Localized
from omsorg.core.events import event_record
from omsorg.core.lifecycle import set_status
from omsorg.core.models import Unit, User
from omsorg.core.scope import NO_SCOPE, most_in_period
from omsorg.people.models import Person, Relative

# A catalogue service with no countable scope (e.g. a one-off measure) takes no quantity.
# Sane bounds of a decision's dates (issue 8 §3): a typing error such as 9999-12-31 is refused.
LONGEST_PERIOD = datetime.timedelta(days=3653)


@dataclass(frozen=True)
class DecisionInput:
    """What a caseworker decides; the same shape from the page, the API and a review."""

    service_type: ServiceType
    outcome: str
    reasons: str
    quantity: int | None = None
    scope_period: str = ""
    # Empty: the service's own unit; else one of the catalogue's other units for the service
    # (respite in days or hours beside nights, seed 004 §1.4).
    scope_unit: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    review_date: datetime.date | None = None
    justification: str = ""
    unit: Unit | None = None
    service_form: str = ""  # a code of the service's forms (seed 004 §1.1), when it has any
    carer: Relative | None = None  # omsorgsstønad: the party (seed 004 §1.8)
    care: CareInput | None = None  # omsorgsstønad: the facts the amount is calculated from
    # The facts behind each criterion met by judgement, by criterion code (cases/judgement.py).
    fact_statements: Mapping[str, str] = field(default_factory=dict)


def _check_service_belongs(
    person: Person, application: Application | None, service_type: ServiceType
) -> None:
    """Only a service of the person's municipality, and one applied for when from a case."""
    if service_type.version.catalogue.municipality_id != person.municipality_id:
        raise InvalidInput(
            _("The service is not in the municipality's catalogue."), field="service_type"
        )
    if application is None:
        return
    if application.person_id != person.pk:
        raise InvalidInput(_("The application belongs to another person."), field="application")
    applied = application.requested_services.filter(service_type__code=service_type.code)
    if not applied.exists():
        raise InvalidInput(
            _("The service was not applied for in this application."), field="service_type"
        )


def _check_scope(data: DecisionInput) -> None:
    unscoped = data.service_type.scope_unit == NO_SCOPE
    if data.outcome == Decision.Outcome.REFUSED or unscoped:
        if data.quantity:
            raise InvalidInput(_("This decision has no scope to set."), field="quantity")
        return
    if not data.quantity:
        raise InvalidInput(_("A grant needs a quantity greater than zero."), field="quantity")
    if data.scope_period and data.scope_period not in Decision.ScopePeriod.values:
        raise InvalidInput(_("Unknown period."), field="scope_period")
    if data.scope_unit and data.scope_unit not in service_type_spec(data.service_type).scope_units:
        raise InvalidInput(_("The service is not granted in this unit."), field="scope_unit")
    unit = data.scope_unit or data.service_type.scope_unit
    ceiling = most_in_period(unit, data.scope_period or data.service_type.scope_period)
    if data.quantity > ceiling:
        raise InvalidInput(
            _("The quantity is more than the period can hold: at most %(limit)s."),
            field="quantity",
            limit=ceiling,
        )
    if unit != data.service_type.scope_unit:
        return  # the guideline's levels are in the service's own unit: not comparable
    _check_quantity_levels(data)


# Months per period, to compare "40 hours a year" with a level of "10 hours a month".
MONTHS_PER = {"week": 12 / 52, "month": 1, "year": 12}


def _in_period(quantity: int, period: str, wanted: str) -> float | None:
    if period == wanted:
        return quantity
    if period in MONTHS_PER and wanted in MONTHS_PER:
        return quantity / MONTHS_PER[period] * MONTHS_PER[wanted]
    return None  # per stay against per month: not comparable


def _check_quantity_levels(data: DecisionInput) -> None:
    """A legal limit caps the grant; a guideline's level does not (issue 7 point 1.1).

    A municipal guideline ("inntil 10 timer pr. mnd.") cannot fetter the individual assessment
    the law requires (hol § 3-1, pbrl § 2-1), so a larger grant is lawful when the decision
    says why: the written justification is required, the grant is not refused.
    """
    spec = service_type_spec(data.service_type)
    period = data.scope_period or data.service_type.scope_period
    for criterion in spec.criteria:
        if criterion.kind != "quantity_limit":
            continue
        level, binding = criterion.params["max"], criterion.params.get("binding", "guideline")
        granted = _in_period(data.quantity, period, criterion.params["period"])
        if granted is None or granted <= level:
            continue
        if binding == "law":
            raise InvalidInput(
                _("The quantity is above the legal limit of %(limit)s."),
                field="quantity",
                limit=level,
            )
        if not data.justification.strip():
            raise InvalidInput(
                _(
                    "The quantity is above the guideline's level of %(limit)s. A guideline "
                    "cannot cap the individual assessment (hol § 3-1, pbrl § 2-1): write the "
                    "justification for the larger grant."
                ),
                field="justification",
                limit=level,
            )


def _check_unit(person: Person, unit: Unit | None) -> None:
    """The providing unit is the municipality's own or an intermunicipal company's (seed 000)."""
    if (
        unit is not None
        and not Unit.objects.providing_for(person.municipality_id).filter(pk=unit.pk).exists()
    ):
        raise InvalidInput(
            _("The unit does not provide services for this municipality."), field="unit"
        )


def _check_form(data: DecisionInput, spec, replaces: Decision | None) -> str:
    """The form the grant is given in, when the catalogue names forms (seed 004 §1.1); a
    decision replacing another (appeal, review) keeps the old form unless it names one.

    Required for every caller (page, API, import): the letter must state the form, and the
    service is delivered in it.
    """
    if data.outcome == Decision.Outcome.REFUSED or not spec.forms:
        return ""
    chosen = data.service_form or (replaces.service_form if replaces else "")
    if chosen not in [form.code for form in spec.forms]:
        raise InvalidInput(_("Choose the form the service is given in."), field="service_form")
    return chosen


def _conditions(data: DecisionInput, spec, replaces: Decision | None) -> list[dict]:
    """The catalogue's conditions attached to a grant, each to be followed up (seed 004 §1.5);
    one already in place under the replaced decision stays in place."""
    if data.outcome == Decision.Outcome.REFUSED:
        return []
    done = {c["code"]: c.get("fulfilled_on") for c in (replaces.conditions if replaces else [])}
    return [
        {"code": c.code, "text": dict(c.text), "fulfilled_on": done.get(c.code)}
        for c in spec.conditions
    ]


def _staircase(data: DecisionInput, application: Application | None) -> dict:
    """The step of the service and what the assessment found about lower steps (seed 004
    §1.0, §2.1: the least intrusive level first). A grant above the lowest step without any
    lower step tried or considered needs a written justification."""
    assessment = getattr(application, "assessment", None) if application else None
    level = data.service_type.staircase_level
    lower = assessment.lower_step if assessment else ""
    granted = data.outcome != Decision.Outcome.REFUSED
    if granted and level > 1 and lower == "none" and not data.justification.strip():
        raise InvalidInput(
            _(
                "No lower step on the activity and mastery staircase was tried or considered: "
                "write why this step is needed (the least intrusive help is tried first)."
            ),
            field="justification",
        )
    note = assessment.lower_step_note if assessment else ""
    return {"level": level, "lower_step": lower, "note": note}


def _check_period(data: DecisionInput, today: datetime.date) -> None:
    if data.outcome == Decision.Outcome.REFUSED:
        return
    if data.valid_from is None:
        raise InvalidInput(_("A grant needs a start date."), field="valid_from")
    if data.valid_to is not None and data.valid_to < data.valid_from:
        raise InvalidInput(_("The end date is before the start date."), field="valid_to")
    if abs(data.valid_from - today) > LONGEST_PERIOD:
        raise InvalidInput(
            _("The start date must be within ten years of today."), field="valid_from"
        )
    if data.valid_to is not None and data.valid_to - data.valid_from > LONGEST_PERIOD:
        raise InvalidInput(
            _("A decision is valid for at most ten years; leave the end date empty if it lasts."),
            field="valid_to",
        )
    if data.review_date is None:
        raise InvalidInput(_("A grant needs a review date."), field="review_date")
    if not today <= data.review_date <= latest_review_date(today):
        raise InvalidInput(
            _(
                "The review date must be within one year (the respite services' guideline "
                "§ 2): at the latest %(date)s."
            ),
            field="review_date",
            date=LocalDate(latest_review_date(today)),
        )


def _check_reasons(data: DecisionInput, suggestion: str) -> None:
    if not data.reasons.strip():
        raise InvalidInput(_("The decision must state its reasons (fvl §24–25)."), field="reasons")
    departs = suggestion == "discretion" or suggestion != data.outcome
    if departs and not data.justification.strip():
        raise InvalidInput(
            _(
                "The outcome differs from the criteria's suggestion or needs discretion: "
                "write the justification."
            ),
            field="justification",
        )


def fact_statements_required(
    data: DecisionInput, evaluation, facts: dict, *, replaces: Decision | None
) -> dict[str, str]:
    """The statement of facts for every criterion met by judgement (fvl § 25 second
    paragraph). A decision that replaces another (an appeal's or a review's) keeps the
    earlier statement unless a new one is written: the facts behind it did not go away."""
    earlier = replaces.fact_statements if replaces is not None else {}
    statements = {}
    for criterion in judged_criteria(service_type_spec(data.service_type), evaluation, facts):
        text = (data.fact_statements.get(criterion.code) or "").strip()
        text = text or earlier.get(criterion.code, "")
        if not text:
            raise InvalidInput(
                _(
                    "«%(criterion)s» is met by your judgement: state the facts it rests on "
                    "(fvl § 25)."
                ),
                field=statement_field(criterion.code),
                criterion=Localized(**{lang: criterion.label(lang) for lang in ("nb", "nn", "en")}),
            )
        statements[criterion.code] = text
    return statements


def _recorded(evaluation) -> dict:
    """The evaluation as the decision rests on it, each reason kept in nb, nn and en so a
    letter in any language states exactly the recorded reasons (fvl § 25)."""
    recorded = evaluation.to_dict(lang="nb")
    reasons = {result.code: dict(result.reason) for result in evaluation.criteria}
    for item in recorded["criteria"]:
        item["reason"] = reasons.get(item["code"], item["reason"])
    return recorded


def _scope_fields(data: DecisionInput) -> dict:
    granted = data.outcome != Decision.Outcome.REFUSED
    scoped = granted and data.service_type.scope_unit != NO_SCOPE
    return {
        "quantity": data.quantity if scoped else None,
        "scope_unit": (data.scope_unit or data.service_type.scope_unit) if scoped else "",
        "scope_period": (data.scope_period or data.service_type.scope_period) if scoped else "",
        "valid_from": data.valid_from if granted else None,
        "valid_to": data.valid_to if granted else None,
        "review_date": data.review_date if granted else None,
    }


@transaction.atomic
def decision_make(
    *,
    actor: User,
    person: Person,
    data: DecisionInput,
    today: datetime.date,
    application: Application | None = None,
    replaces: Decision | None = None,
) -> Decision:
    """Decide one service: check scope, period and reasons against the criteria's suggestion."""
    require_caseworker(actor)
    if data.outcome not in Decision.Outcome.values:
        raise InvalidInput(_("Unknown outcome."), field="outcome")
    _check_service_belongs(person, application, data.service_type)
    check_not_decided(application, data.service_type, replaces)
    _check_unit(person, data.unit)
    evaluation = evaluation_for(
        person=person, application=application, service_type=data.service_type, on_date=today
    )
    _check_period(data, today)
    # Omsorgsstønad: the carer is the party, and the hours come from the calculation.
    party_fields, data = allowance_terms(
        person=person, data=data, application=application, replaces=replaces, on=today
    )
    _check_scope(data)
    _check_reasons(data, evaluation.suggestion)
    statements = fact_statements_required(
        data, evaluation, case_facts(person, application), replaces=replaces
    )
    spec = service_type_spec(data.service_type)
    terms = {
        "service_form": _check_form(data, spec, replaces),
        "conditions": _conditions(data, spec, replaces),
        "staircase": _staircase(data, application),
    }
    if replaces is not None:
        # Replaced before the new one is written: the constraint allows one standing decision.
        set_status(replaces, Decision.Status.REPLACED, actor=actor, person=person)
    decision = create_standing(
        person=person,
        application=application,
        service_type=data.service_type,
        unit=data.unit,
        deciding_unit=deciding_unit_for(
            municipality_id=person.municipality_id, service_type=data.service_type
        ),
        status=Decision.Status.DECIDED,
        outcome=data.outcome,
        reasons=data.reasons,
        justification=data.justification,
        fact_statements=statements,
        suggestion=evaluation.suggestion,
        evaluation=_recorded(evaluation),
        decided_on=today,
        decided_by=actor,
        replaces=replaces,
        case_file=case_file_for_decision(
            municipality=person.municipality, application=application, replaces=replaces, on=today
        ),
        created_by=actor,
        updated_by=actor,
        **_scope_fields(data),
        **terms,
        **party_fields,
    )
    document_register(
        case_file=decision.case_file,
        kind=Document.Kind.DECISION_LETTER,
        dated=today,
        decision=decision,
    )
    event_record(actor=actor, kind="decision_made", subject=decision, person=person)
    if application is not None:
        _close_application_when_all_decided(actor, application)
    return decision


def _close_application_when_all_decided(actor: User, application: Application) -> None:
    requested = set(application.requested_services.values_list("service_type_id", flat=True))
    decided = set(application.decisions.values_list("service_type_id", flat=True))
    if requested <= decided and application.status == Application.Status.READY:
        set_status(application, Application.Status.DECIDED, actor=actor, person=application.person)


@transaction.atomic
def decision_notify(
    *,
    actor: User,
    decision: Decision,
    notified_on: datetime.date,
    today: datetime.date,
    expected_version: int | None = None,
) -> Decision:
    """Record that the letter reached the applicant: the appeal period runs from here."""
    require_caseworker(actor)
    if notified_on > today or (decision.decided_on and notified_on < decision.decided_on):
        raise InvalidInput(
            _("The notification date must be between the decision and today."), field="notified_on"
        )
    decision.notified_on = notified_on
    set_status(
        decision,
        Decision.Status.NOTIFIED,
        actor=actor,
        person=decision.person,
        extra_fields=["notified_on"],
        expected_version=expected_version,
    )
    return decision


@transaction.atomic
def decision_end(*, actor: User, decision: Decision, ended_on: datetime.date) -> Decision:
    require_caseworker(actor)
    if decision.valid_from and ended_on < decision.valid_from:
        raise InvalidInput(_("The end date is before the start date."), field="ended_on")
    decision.valid_to = ended_on
    set_status(
        decision,
        Decision.Status.ENDED,
        actor=actor,
        person=decision.person,
        extra_fields=["valid_to"],
    )
    return decision


@transaction.atomic
def decision_condition_fulfil(
    *, actor: User, decision: Decision, code: str, fulfilled_on: datetime.date, today: datetime.date
) -> Decision:
    """Record that a condition of the grant is in place (e.g. the cooperation contract signed
    when the service started, seed 004 §1.5); its task leaves the worklist."""
    require_caseworker(actor)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    condition = next((c for c in decision.conditions if c["code"] == code), None)
    if condition is None:
        raise InvalidInput(_("The decision has no such condition."), field="code")
    if fulfilled_on > today or (decision.decided_on and fulfilled_on < decision.decided_on):
        raise InvalidInput(
            _("The date must be between the decision and today."), field="fulfilled_on"
        )
    condition["fulfilled_on"] = fulfilled_on.isoformat()
    save_versioned(decision, expected_version=decision.version, actor=actor, fields=["conditions"])
    event_record(
        actor=actor, kind="decision_condition_fulfilled", subject=decision, person=decision.person
    )
    return decision
