"""API shapes of the case chain: applications, assessments, evaluations, decisions, appeals,
reviews, the worklist and the meeting agenda."""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from omsorg.cases.models import Appeal, Application, Assessment, Decision, Review
from omsorg.cases.selectors import appeal_deadline_of
from omsorg.core.schemas import Flag, InSchema, IsoDate, Quantity, RowId, Version, choice, text

LONG_TEXT = 20_000  # reasons, grounds, notes: pages of text, never megabytes

# ---------------------------------------------------------------- applications, assessments


class RequestedServiceIn(InSchema):
    code: text(50, min_length=1)
    quantity: Quantity | None = None


class RequestedServiceOut(Schema):
    service_type_id: int
    code: str = Field(..., alias="service_type.code")
    name: str = Field(..., alias="service_type.name_nb")
    quantity: int | None


class ApplicationIn(InSchema):
    channel: choice(Application.Channel)
    received_on: IsoDate
    consent_given: Flag = False
    description: text(LONG_TEXT) = ""
    services: list[RequestedServiceIn] = Field(..., min_length=1, max_length=20)
    urgent_days: int | None = Field(
        None, description="The urgent track: decide within this many days of receipt (1-30)."
    )


class ApplicationOut(Schema):
    id: int
    person_id: int
    channel: str
    received_on: datetime.date
    status: str
    consent_given: bool
    description: str
    urgent_days: int | None
    urgent_deadline: datetime.date | None
    caseworker_id: int | None
    services: list[RequestedServiceOut]
    version: int

    @staticmethod
    def resolve_services(application: Application):
        return application.requested_services.all()  # prefetched by the selectors


class AssessmentIn(InSchema):
    performed_on: IsoDate
    methods: list[choice(Assessment.Method)] = Field(..., max_length=10)
    facts: dict[str, Any] = Field(default_factory=dict)
    summary: text(LONG_TEXT) = ""
    lower_step: Literal["", "tried", "considered", "none"] = Field(
        "", description="Was a lower step on the staircase tried or considered (seed 004 §2.1)?"
    )
    lower_step_note: text(LONG_TEXT) = ""
    version: Version | None = Field(None, description="Required when changing an assessment.")


class AssessmentOut(Schema):
    id: int
    application_id: int
    status: str
    planned_on: datetime.date | None
    performed_on: datetime.date | None
    methods: list[str]
    facts: dict[str, Any]
    summary: str
    lower_step: str
    lower_step_note: str
    version: int


class CriterionResultOut(Schema):
    code: str
    text: str
    result: str = Field(..., alias="outcome.value")
    reason: str
    reason_en: str
    legal_basis: str
    effect: str
    limit: int | None
    missing_fact: str | None

    @staticmethod
    def resolve_text(result) -> str:
        return result.text.get("nb") or result.code

    @staticmethod
    def resolve_reason(result) -> str:
        return result.reason["nb"]

    @staticmethod
    def resolve_reason_en(result) -> str:
        return result.reason.get("en", result.reason["nb"])


class EvaluationOut(Schema):
    """The criteria's advice for one requested service; the caseworker decides."""

    service: str = Field(..., alias="service_code")
    suggestion: str
    granted_limit: int | None
    guideline_level: int | None
    on_date: datetime.date | None
    missing_facts: list[str]
    criteria: list[CriterionResultOut]


# ---------------------------------------------------------------- decisions


# Omsorgsstønad's factors (seed 004 §1.8), as cases/care_allowance.py weighs them.
Level = Literal["none", "some", "heavy"]
# A month has at most 31 × 24 hours of care; hjelpestønad is far below a million a month.
CareHours = Annotated[Decimal, Field(ge=0, le=744, max_digits=6, decimal_places=2)]
Kroner = Annotated[Decimal, Field(ge=0, le=1_000_000, max_digits=9, decimal_places=2)]


class CareIn(InSchema):
    """The facts a care allowance is calculated from (seed 004 §1.8)."""

    care_hours_per_month: CareHours
    strain: Level
    night_work: Level = "none"
    isolation: Level = "none"
    assistance_allowance_per_month: Kroner = Decimal(0)


class DecisionTermsIn(InSchema):
    """What a caseworker decides for a service, as in the decision form."""

    outcome: choice(Decision.Outcome)
    reasons: text(LONG_TEXT)
    quantity: Quantity | None = None
    scope_period: choice(Decision.ScopePeriod) | None = None
    scope_unit: choice(Decision.ScopeUnit) | None = Field(
        None,
        description="Another unit the catalogue allows for the service (respite: days or "
        "hours beside nights); empty: the service's own unit.",
    )
    valid_from: IsoDate | None = None
    valid_to: IsoDate | None = None
    review_date: IsoDate | None = None
    justification: text(LONG_TEXT) = ""
    unit_id: RowId | None = None
    service_form: text(50) = Field("", description="The form of the service, when it has forms.")
    # fvl § 25: the facts behind each criterion met by judgement, by criterion code.
    fact_statements: dict[str, text(LONG_TEXT)] = Field(default_factory=dict)
    # Omsorgsstønad (seed 004 §1.8): the carer is the party, a relative of the person.
    carer_id: RowId | None = Field(None, description="Care allowance: the relative who cares.")
    care: CareIn | None = Field(None, description="Care allowance: the facts of the calculation.")


class DecisionIn(DecisionTermsIn):
    service_code: text(50, min_length=1)


class NotifyIn(InSchema):
    notified_on: IsoDate
    version: Version


class DecisionOut(Schema):
    id: int
    person_id: int
    application_id: int | None
    service_type_id: int
    service_code: str = Field(..., alias="service_type.code")
    unit_id: int | None
    status: str
    outcome: str
    quantity: int | None
    scope_unit: str
    scope_period: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    review_date: datetime.date | None
    reasons: str
    suggestion: str
    justification: str
    decided_on: datetime.date | None
    decided_by_id: int | None
    notified_on: datetime.date | None
    replaces_id: int | None
    carer_id: int | None
    monthly_amount: Decimal | None
    version: int


# ---------------------------------------------------------------- appeals and reviews


class AppealIn(InSchema):
    received_on: IsoDate
    grounds: text(LONG_TEXT)
    late_reason: text(LONG_TEXT) = ""


class AppealReassessIn(InSchema):
    reassessment: text(LONG_TEXT)
    version: Version


class AppealForwardIn(InSchema):
    reassessment: text(LONG_TEXT)
    forwarded_on: IsoDate
    version: Version


class AppealOutcomeIn(InSchema):
    outcome: choice(Appeal.Outcome)
    outcome_on: IsoDate
    version: Version


class AppealReverseIn(DecisionTermsIn):
    """The new decision that replaces the appealed one; `version` is the appeal's."""

    version: Version


class AppealOut(Schema):
    id: int
    decision_id: int
    received_on: datetime.date
    late: bool
    late_reason: str
    grounds: str
    status: str
    reassessment: str
    forwarded_on: datetime.date | None
    outcome: str
    outcome_on: datetime.date | None
    new_decision_id: int | None
    version: int


class ReviewIn(InSchema):
    """`version` is the reviewed decision's: a review moves, replaces or ends it."""

    performed_on: IsoDate
    outcome: choice(Review.Outcome)
    notes: text(LONG_TEXT)
    next_review_date: IsoDate | None = None
    new_decision: DecisionTermsIn | None = None
    version: Version


class ReviewOut(Schema):
    id: int
    decision_id: int
    performed_on: datetime.date
    outcome: str
    notes: str
    next_review_date: datetime.date | None
    new_decision_id: int | None
    version: int


class DecisionDetailOut(DecisionOut):
    appeal_deadline: datetime.date | None
    evaluation: dict[str, Any]
    appeals: list[AppealOut]
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_appeal_deadline(decision: Decision) -> datetime.date | None:
        return appeal_deadline_of(decision)

    @staticmethod
    def resolve_appeals(decision: Decision):
        return decision.appeals.all()

    @staticmethod
    def resolve_reviews(decision: Decision):
        return decision.reviews.all()


# ---------------------------------------------------------------- worklist and agenda


class PersonBriefOut(Schema):
    id: int
    given_name: str
    family_name: str


class WorkItemOut(Schema):
    kind: str
    person: PersonBriefOut
    due: datetime.date | None
    state: str | None
    application_id: int | None = Field(None, alias="application.pk")
    decision_id: int | None = Field(None, alias="decision.pk")
    appeal_id: int | None = Field(None, alias="appeal.pk")


class WorklistOut(Schema):
    urgent: list[WorkItemOut]  # shown first (the urgent track)
    new: list[WorkItemOut]
    due: list[WorkItemOut]


class AgendaItemOut(ApplicationOut):
    person: PersonBriefOut


class MeetingAgendaOut(Schema):
    meeting_date: datetime.date
    applications: list[AgendaItemOut]
