"""Applications -> assessments -> decisions -> appeals and reviews.

Status life cycles are data: each model's TRANSITIONS table says which moves are allowed,
and the services' `*_set_status` refuse any other (django-oscar's set_status).
"""

import datetime
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omsorg.catalogue.models import ServiceType
from omsorg.core.models import AuditedModel, Municipality, Unit
from omsorg.core.scope import Scope
from omsorg.core.scope_text import ScopePeriodChoices, ScopeUnitChoices
from omsorg.people.models import Person, Relative


class Application(AuditedModel):
    class Channel(models.TextChoices):
        PORTAL = "portal", _("citizen portal")
        PAPER = "paper", _("paper")
        REFERRAL = "referral", _("referral")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        ASSESSING = "assessing", _("being assessed")
        READY = "ready", _("ready for decision")
        DECIDED = "decided", _("decided")
        WITHDRAWN = "withdrawn", _("withdrawn")

    TRANSITIONS = {
        Status.RECEIVED: {Status.ASSESSING, Status.READY, Status.WITHDRAWN},
        Status.ASSESSING: {Status.READY, Status.WITHDRAWN},
        Status.READY: {Status.ASSESSING, Status.DECIDED, Status.WITHDRAWN},
        Status.DECIDED: set(),
        Status.WITHDRAWN: set(),
    }

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="applications")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(_("received on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    consent_given = models.BooleanField(_("consent given with the application"), default=False)
    description = models.TextField(_("the applicant's description of the need"), blank=True)
    caseworker = models.ForeignKey(
        "core.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("caseworker"),
    )
    # Sak: set when the application is registered (CaseFile is defined below).
    case_file = models.OneToOneField(
        "cases.CaseFile",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="application",
    )
    # The urgent track: decided within this many days of receipt, when ready and outside the
    # monthly meeting (e.g. home nursing after a hospital discharge). Empty: the ordinary track.
    urgent_days = models.PositiveSmallIntegerField(
        _("urgent: decide within (days)"), null=True, blank=True
    )
    # Omsorgsstønad (seed 004 §1.8): the carer applies and is the party; `person` is the one
    # cared for, the subject of the case.
    carer = models.ForeignKey(
        Relative,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("carer (the applicant)"),
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            # The worklist's open applications (issue 8 §5): the few not yet decided among
            # ten years of applications.
            models.Index(
                fields=["person"],
                condition=~models.Q(status__in=["decided", "withdrawn"]),
                name="application_open",
            ),
        ]

    @property
    def urgent_deadline(self) -> datetime.date | None:
        """The urgent track's deadline, in calendar days from receipt; it binds the
        municipality, so it is not moved off weekends (see cases.deadlines)."""
        if not self.urgent_days:
            return None
        return self.received_on + datetime.timedelta(days=self.urgent_days)


class RequestedService(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="requested_services"
    )
    service_type = models.ForeignKey(ServiceType, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("quantity applied for"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "service_type"], name="requested_service_once"
            )
        ]


class PreliminaryReply(AuditedModel):
    """Foreløpig svar (fvl §11a): sent when an application is not decided within one month."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="preliminary_replies"
    )
    sent_on = models.DateField(_("sent on"))
    expected_by = models.DateField(_("expected decision by"))
    reason = models.TextField(_("why it takes time"))


class Assessment(AuditedModel):
    class Method(models.TextChoices):
        HOME_VISIT = "home_visit", _("home visit")
        MAPPING_VISIT = "mapping_visit", _("mapping visit")
        RELATIVES = "relatives", _("talks with relatives")
        DOCTOR = "doctor", _("information from doctor or hospital")
        SCHOOL = "school", _("information from school or kindergarten")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        DONE = "done", _("done")

    TRANSITIONS = {Status.PLANNED: {Status.DONE}, Status.DONE: {Status.DONE}}

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="assessment"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    planned_on = models.DateField(_("planned for"), null=True, blank=True)
    performed_on = models.DateField(_("performed on"), null=True, blank=True)
    methods = models.JSONField(_("methods"), default=list)

    class LowerStep(models.TextChoices):
        """Seed 004 §1.0 and §2.1: the least intrusive level first (aktivitets- og
        mestringstrappen)."""

        TRIED = "tried", _("a lower step was tried")
        CONSIDERED = "considered", _("a lower step was considered")
        NONE = "none", _("no lower step was tried or considered")

    # Structured facts, keyed by omsorg.catalogue.assess.FACTS; the criteria read only these.
    facts = models.JSONField(_("facts"), default=dict)
    summary = models.TextField(_("summary"), blank=True)
    lower_step = models.CharField(
        _("lower step on the staircase"), max_length=12, choices=LowerStep.choices, blank=True
    )
    lower_step_note = models.TextField(_("which lower step, and why it is not enough"), blank=True)


# Statuses in which a decision binds (before it is replaced or ended), and outcomes that grant.
STANDING_STATUSES = ("decided", "notified")
GRANTING_OUTCOMES = ("granted", "partly_granted")


class DecisionQuerySet(models.QuerySet):
    def in_force(
        self, first: datetime.date | None = None, last: datetime.date | None = None
    ) -> "DecisionQuerySet":
        """Grants that stand and, given dates, are valid on some day of first..last.

        The one definition of "decisions in force": the access door, the worklist, the respite
        entitlement and the demo all ask here. No dates: every standing grant, whatever its
        period (the worklist follows up expired ones). `last=None` with a first date: valid on
        `first` or any later day (a grant starting next month already gives a service need).
        """
        rows = self.filter(status__in=STANDING_STATUSES, outcome__in=GRANTING_OUTCOMES)
        if first is not None:
            rows = rows.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        if last is not None:
            rows = rows.filter(valid_from__lte=last)
        return rows


class Decision(AuditedModel):
    class Outcome(models.TextChoices):
        GRANTED = "granted", _("granted")
        PARTLY_GRANTED = "partly_granted", _("partly granted")
        REFUSED = "refused", _("refused")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        DECIDED = "decided", _("decided")
        NOTIFIED = "notified", _("received by the applicant")
        REPLACED = "replaced", _("replaced by a new decision")
        ENDED = "ended", _("ended")

    TRANSITIONS = {
        Status.DRAFT: {Status.DECIDED},
        Status.DECIDED: {Status.NOTIFIED, Status.REPLACED, Status.ENDED},
        Status.NOTIFIED: {Status.REPLACED, Status.ENDED},
        Status.REPLACED: set(),
        Status.ENDED: set(),
    }

    # One vocabulary for scopes: core.scope (values) and core.scope_text (labels).
    ScopeUnit = ScopeUnitChoices
    ScopePeriod = ScopePeriodChoices

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="decisions")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    service_type = models.ForeignKey(ServiceType, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("providing unit"),
    )
    # The office that made the decision and receives an appeal against it: it follows the
    # service (catalogue `deciding_office` -> the municipality's unit that decides for it).
    deciding_unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("deciding unit"),
    )
    # Omsorgsstønad (seed 004 §1.8): the carer is the party and receives the letter; the
    # calculation's facts and steps, and the monthly amount in NOK.
    carer = models.ForeignKey(
        Relative,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("carer (the party)"),
    )
    allowance = models.JSONField(_("care allowance calculation"), default=dict, blank=True)
    monthly_amount = models.DecimalField(
        _("amount per month (NOK)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    # Scope: the numbers the system computes with; never in free text.
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    scope_unit = models.CharField(_("unit"), max_length=20, choices=ScopeUnit.choices, blank=True)
    scope_period = models.CharField(
        _("per"), max_length=10, choices=ScopePeriod.choices, blank=True
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    reasons = models.TextField(_("reasons"))
    suggestion = models.CharField(_("system suggestion"), max_length=20, blank=True)
    evaluation = models.JSONField(_("criteria evaluated"), default=dict)
    # Skjønn: a written justification is required when the outcome differs from the suggestion.
    justification = models.TextField(
        _("justification for departing from the suggestion"), blank=True
    )
    # Seed 004 §1.1: the form the service is given in (e.g. an activity group), when the
    # catalogue names forms; a code of the service's `forms`.
    service_form = models.CharField(_("form of the service"), max_length=50, blank=True)
    # Conditions attached to the grant (vilkår, seed 004 §1.5's cooperation contract): a list of
    # {"code", "text": {nb, nn, en}, "fulfilled_on": ISO date or null}, copied from the catalogue.
    conditions = models.JSONField(_("conditions attached to the grant"), default=list, blank=True)
    # The staircase step and whether a lower one was tried (seed 004 §1.0, §2.1), as the
    # assessment found it: {"level": 5, "lower_step": "tried", "note": "..."}.
    staircase = models.JSONField(_("activity and mastery staircase"), default=dict, blank=True)
    # fvl § 25: the facts behind each criterion met by judgement, by criterion code.
    fact_statements = models.JSONField(_("statements of facts"), default=dict, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notified_on = models.DateField(_("notified on"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    case_file = models.ForeignKey(
        "cases.CaseFile", null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-id"]
        indexes = [
            models.Index(fields=["status", "valid_to"]),
            # The worklist's review tasks (issue 8 §5): standing decisions by review date, so
            # the database reads the few due, not every standing decision of the municipality.
            models.Index(fields=["status", "review_date"], name="decision_status_review"),
            # A grant's condition is a task until it is in place: the few decisions with any.
            models.Index(
                fields=["status"],
                condition=~models.Q(conditions=[]),
                name="decision_with_conditions",
            ),
            # "Is this grant followed by a later one of the same service?" per worklist row.
            models.Index(
                fields=["person", "valid_from"],
                condition=models.Q(status__in=STANDING_STATUSES, outcome__in=GRANTING_OUTCOMES),
                name="decision_in_force_person",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="decision_period_ordered",
            ),
            # One standing decision per application and service (issue 8 §2): a double submit
            # cannot make two. A decision replaced by an appeal's or a review's new one is
            # `replaced` first (decision_make), and an ended one is `ended`, so the chain of
            # decisions for the same application and service stays lawful. Decisions without an
            # application (NULL) are not covered: NULLs are distinct in a unique index.
            models.UniqueConstraint(
                fields=["application", "service_type"],
                condition=models.Q(status__in=STANDING_STATUSES),
                name="decision_standing_once_per_application_service",
            ),
        ]

    @property
    def scope(self) -> Scope | None:
        """The granted amount as a value; None for a refusal or a service with no amount."""
        return Scope.of(self.quantity, self.scope_unit, self.scope_period or None)


class Appeal(AuditedModel):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        REASSESSING = "reassessing", _("being reassessed")
        REVERSED = "reversed", _("upheld: decision changed by the municipality")
        FORWARDED = "forwarded", _("not upheld: forwarded to the county governor")
        CLOSED = "closed", _("closed")

    TRANSITIONS = {
        Status.REGISTERED: {Status.REASSESSING, Status.REVERSED, Status.FORWARDED},
        Status.REASSESSING: {Status.REVERSED, Status.FORWARDED},
        Status.REVERSED: {Status.CLOSED},
        Status.FORWARDED: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("the appellant was given right")
        PARTLY = "partly", _("the appellant was partly given right")
        REJECTED = "rejected", _("the appeal was not upheld")
        QUASHED = "quashed", _("the decision was quashed and returned for new processing")

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="appeals")
    received_on = models.DateField(_("received on"))
    late = models.BooleanField(_("received after the deadline"), default=False)
    late_reason = models.TextField(_("why a late appeal is taken up (fvl §31)"), blank=True)
    grounds = models.TextField(_("the appellant's grounds"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REGISTERED)
    reassessment = models.TextField(_("the coordinating unit's reassessment"), blank=True)
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    outcome = models.CharField(
        _("final outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    outcome_on = models.DateField(_("outcome on"), null=True, blank=True)
    new_decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="from_appeal"
    )

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-received_on", "-id"]


class Review(AuditedModel):
    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("continue unchanged")
        CHANGE = "change", _("change (new decision)")
        END = "end", _("end the service")

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="reviews")
    performed_on = models.DateField(_("performed on"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    notes = models.TextField(_("notes"))
    next_review_date = models.DateField(_("next review date"), null=True, blank=True)
    new_decision = models.OneToOneField(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="from_review"
    )

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-performed_on", "-id"]


class CareAllowanceRate(models.Model):
    """The municipality's hourly rate for omsorgsstønad from a date (seed 004 §1.8: "Satsen
    på omsorgsstønad fastsettes av kommunen"): next year's rate is a new row, not code."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="care_allowance_rates"
    )
    valid_from = models.DateField(_("valid from"))
    hourly_rate = models.DecimalField(_("hourly rate (NOK)"), max_digits=8, decimal_places=2)
    # 100 % (seed 004 §1.8) as a full-time month: 37.5 h a week x 52 / 12.
    full_time_hours_per_month = models.DecimalField(
        _("hours in a full-time month"), max_digits=6, decimal_places=2, default=Decimal("162.5")
    )

    class Meta:
        verbose_name = _("care allowance rate")
        verbose_name_plural = _("care allowance rates")
        ordering = ["municipality", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "valid_from"], name="care_allowance_rate_once_per_date"
            ),
            models.CheckConstraint(
                condition=models.Q(hourly_rate__gt=0), name="care_allowance_rate_positive"
            ),
        ]


class CaseNumberSeries(models.Model):
    """The last case number given in a municipality's year: case numbers count from 1 each
    year and are never given twice, even if a case were ever removed."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="case_series_once")
        ]


class CaseFile(models.Model):
    """Sak: an application and everything that follows it (decisions, replies, appeals), with
    a case number per municipality and year ("2026/123"). Each letter in it is a Document."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("case number"))
    opened_on = models.DateField(_("opened on"))
    last_document = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "number"], name="case_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.year}/{self.number}"


class Document(models.Model):
    """A letter in a case, numbered in the case's order ("2026/123-4"); the number is stored
    with the letter, so a letter printed again keeps it, and it is never reused."""

    class Kind(models.TextChoices):
        DECISION_LETTER = "decision_letter", _("decision letter")
        PRELIMINARY_REPLY = "preliminary_reply", _("preliminary reply")
        APPEAL_FORWARDING = "appeal_forwarding", _("forwarding of the appeal")
        APPEAL_NOTICE = "appeal_notice", _("notice that the appeal is forwarded")

    case_file = models.ForeignKey(CaseFile, on_delete=models.PROTECT, related_name="documents")
    number = models.PositiveIntegerField(_("document number"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    dated = models.DateField(_("dated"))
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    appeal = models.ForeignKey(
        Appeal, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    preliminary_reply = models.ForeignKey(
        PreliminaryReply, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["case_file", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case_file", "number"], name="document_number_unique")
        ]

    def __str__(self):
        return f"{self.case_file}-{self.number}"


class JournalNote(AuditedModel):
    """A note in the person's case journal (saksjournal): what was said, done or learnt, dated
    and signed. Written only through cases.services.journal (with a case event)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="journal_notes")
    noted_on = models.DateField(_("date"))
    text = models.TextField(_("note"))

    class Meta:
        verbose_name = _("journal note")
        verbose_name_plural = _("journal notes")
        ordering = ["-noted_on", "-id"]


class StoredLetterPdf(models.Model):
    """A decision letter's PDF as last typeset, served again while the letter is unchanged.

    Typesetting a letter (WeasyPrint) costs about 180 ms of CPU; the letter's HTML costs a
    tenth of that. The key is the digest of the HTML the PDF was made from, so any change
    that shows in the letter (the decision, the person's address, a guardian, the reference)
    gives a new digest and a new PDF: nothing has to remember to invalidate it.
    """

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=2)
    html_digest = models.CharField(max_length=64)
    pdf = models.BinaryField()
    rendered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "language"], name="stored_letter_pdf_one_per_language"
            )
        ]
