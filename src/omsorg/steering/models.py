"""Steering data (issue 9 §1): imported registrations, staff and budget months, KOSTRA
figures, and the import events that loaded them.

Every imported row carries the event that loaded it and, once a later import of the same
(month, unit) or key replaced it, the event that replaced it: current rows are those with no
`replaced_by`. Undoing an import deletes its rows and brings back the rows it replaced.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from omsorg.catalogue.models import ServiceType
from omsorg.core.models import AuditedModel, Municipality, Unit
from omsorg.people.models import Person


class ImportEvent(models.Model):
    class Kind(models.TextChoices):
        UNITS = "units", _("units")
        PERSONS = "persons", _("persons")
        REGISTRATIONS = "registrations", _("registrations")
        STAFF = "staff", _("staff")
        BUDGET = "budget", _("budget")
        KOSTRA = "kostra", _("KOSTRA figures")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="import_events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("imported"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Who ran it from the shell (no user there): the operating system's user name.
    actor_label = models.CharField(max_length=150, blank=True)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    # Where the file's figures come from (KOSTRA: SSB's table and date), and whether they are
    # invented (the demo's): the service analysis shows both beside the figures.
    source = models.CharField(_("source"), max_length=300, blank=True)
    synthetic = models.BooleanField(_("synthetic figures"), default=False)
    file_sha256 = models.CharField(_("file hash (SHA-256)"), max_length=64)
    row_count = models.PositiveIntegerField(_("rows in the file"))
    created_count = models.PositiveIntegerField(_("rows added"), default=0)
    updated_count = models.PositiveIntegerField(_("rows changed"), default=0)
    replaced_count = models.PositiveIntegerField(_("rows replaced"), default=0)
    undone = models.BooleanField(_("undone"), default=False)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # What undo needs beyond the rows that point here: units' earlier state, created persons.
    undo_data = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.kind} #{self.pk}"


class ImportedRow(models.Model):
    import_event = models.ForeignKey(ImportEvent, on_delete=models.PROTECT, related_name="+")
    replaced_by = models.ForeignKey(
        ImportEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class Registration(ImportedRow):
    """A delivered service on one day, as journal systems export it.

    The biggest table (issue 9's benchmark: 2 million rows a year), so it carries only the
    indexes its reads and imports use; each index is paid for by every imported row:
    (unit, date) for the figures and for replacing a re-imported (unit, month); `replaced_by`
    only where set (current rows, the many, are not in it); the person for a person's own
    registrations and the decided-vs-delivered lines. The foreign keys get no index of their
    own, the import event neither: only an undo reads by it, a rare step that scans the table
    (an import's rows are most of what it reads anyway), while the index cost every imported
    row its upkeep (about 1 of 19 server CPU-seconds for 2 million rows, notes.md).

    Nor database constraints: PostgreSQL checks each row of each constraint with a trigger,
    30 of the 50 server CPU-seconds of a 2-million-row import (benchmarks/steering/notes.md).
    What a row points to is checked where rows are written: the import maps the file's codes
    to ids through the live tables and locks them FOR KEY SHARE until it commits
    (`registration_copy`), the other writers take model instances; deleting a person, unit
    or service still refuses while registrations point to it (PROTECT, Django's check)."""

    import_event = models.ForeignKey(
        ImportEvent, on_delete=models.PROTECT, related_name="+", db_index=False,
        db_constraint=False,
    )  # fmt: skip
    replaced_by = models.ForeignKey(
        ImportEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        db_index=False, db_constraint=False,
    )  # fmt: skip
    date = models.DateField(_("date"))
    month = models.DateField()  # first day of the date's month: what a re-import replaces
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="registrations", db_constraint=False
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="registrations", db_index=False,
        db_constraint=False,
    )  # fmt: skip
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.PROTECT, related_name="+", db_index=False,
        db_constraint=False,
    )  # fmt: skip
    hours = models.DecimalField(_("hours"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            models.Index(fields=["unit", "date"]),
            models.Index(
                fields=["replaced_by"],
                condition=models.Q(replaced_by__isnull=False),
                name="registration_replaced",
            ),
        ]


class StaffMonth(ImportedRow):
    """One employee's month in a unit: position, profession, hours and sick leave."""

    month = models.DateField(_("month"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="staff_months")
    employee_id = models.CharField(_("employee id"), max_length=50)
    position_pct = models.DecimalField(_("position %"), max_digits=7, decimal_places=2)
    profession = models.CharField(_("profession"), max_length=100)
    relevant_education = models.BooleanField(_("relevant education"))
    contracted_hours = models.DecimalField(_("contracted hours"), max_digits=10, decimal_places=2)
    sick_leave_hours = models.DecimalField(_("sick leave hours"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("staff month")
        verbose_name_plural = _("staff months")
        indexes = [
            models.Index(fields=["unit", "month"]),
            models.Index(fields=["import_event"]),
            models.Index(fields=["replaced_by"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "unit", "employee_id"],
                condition=models.Q(replaced_by__isnull=True),
                name="staff_month_current_unique",
            )
        ]


class BudgetMonth(ImportedRow):
    month = models.DateField(_("month"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="budget_months")
    budget_nok = models.DecimalField(_("budget (NOK)"), max_digits=16, decimal_places=2)
    accounts_nok = models.DecimalField(_("accounts (NOK)"), max_digits=16, decimal_places=2)

    class Meta:
        verbose_name = _("budget month")
        verbose_name_plural = _("budget months")
        indexes = [
            models.Index(fields=["import_event"]),
            models.Index(fields=["replaced_by"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "unit"],
                condition=models.Q(replaced_by__isnull=True),
                name="budget_month_current_unique",
            )
        ]


class KostraFigure(ImportedRow):
    """A published comparison figure; may name a municipality that is not in the database."""

    municipality = models.ForeignKey(  # the municipality that imported it
        Municipality, on_delete=models.PROTECT, related_name="kostra_figures"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    municipality_number = models.CharField(_("municipality number"), max_length=4)
    indicator = models.CharField(_("indicator"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = _("KOSTRA figure")
        verbose_name_plural = _("KOSTRA figures")
        indexes = [
            models.Index(fields=["import_event"]),
            models.Index(fields=["replaced_by"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "municipality_number", "indicator"],
                condition=models.Q(replaced_by__isnull=True),
                name="kostra_figure_current_unique",
            )
        ]


class PendingImport(models.Model):
    """An uploaded file between its preview and the leader's confirmation (web import)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ImportEvent.Kind.choices)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)


class HoursPerUnit(models.Model):
    """Staffed hours one unit of a service's scope counts as (issue 9 §2: decided and delivered
    compared in hours): per respite night, per home-nursing visit, per meal. Dated: the row in
    force on a day is the latest `valid_from` on or before it. With none, a respite night
    counts steering.delivery's default (18 h), days and meals are compared in days and meals,
    and visits and weekends are not compared."""

    class ScopeUnit(models.TextChoices):
        NIGHTS = "nights", _("nights")
        VISITS = "visits", _("visits")
        MEALS = "meals", _("meals")
        DAYS = "days", _("days")
        WEEKENDS = "weekends", _("weekends")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    service_code = models.SlugField(_("service code"), max_length=50)
    scope_unit = models.CharField(
        _("unit of scope"), max_length=20, choices=ScopeUnit.choices, default=ScopeUnit.NIGHTS
    )
    hours_per_unit = models.DecimalField(_("hours per unit"), max_digits=5, decimal_places=2)
    valid_from = models.DateField(_("valid from"))
    version = models.PositiveIntegerField(default=1)  # optimistic locking (steering/settings)

    class Meta:
        verbose_name = _("hours per unit of scope")
        verbose_name_plural = _("hours per unit of scope")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "service_code", "scope_unit", "valid_from"],
                name="hours_per_unit_unique",
            ),
            # At most a weekend's 72 hours (Friday afternoon to Monday).
            models.CheckConstraint(
                condition=models.Q(hours_per_unit__gt=0) & models.Q(hours_per_unit__lte=72),
                name="hours_per_unit_positive",
            ),
        ]

    def __str__(self):
        return f"{self.service_code}: {self.hours_per_unit} h / {self.scope_unit}"


class CostAssumption(AuditedModel):
    """The cost model's assumptions (issue 9 §3) for a unit, or the whole municipality when
    no unit is named, dated: the row in force on a day is the latest `valid_from` on or before
    it, the unit's own before its parents' before the municipality's. Read by the tertial
    report's "what the delivered hours cost"; with none, steering.report's built-in ones."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("unit"),
    )  # fmt: skip
    valid_from = models.DateField(_("valid from"))
    staffing_factor = models.DecimalField(
        _("staff hours per delivered hour"), max_digits=5, decimal_places=2
    )
    annual_hours_per_fte = models.DecimalField(
        _("annual hours per FTE"), max_digits=6, decimal_places=1
    )
    cost_per_fte = models.DecimalField(_("cost per FTE and year (NOK)"), max_digits=12,
                                       decimal_places=0)  # fmt: skip

    class Meta:
        verbose_name = _("cost assumption")
        verbose_name_plural = _("cost assumptions")
        ordering = ["unit_id", "-valid_from", "-id"]
        indexes = [models.Index(fields=["municipality", "valid_from"])]


# --- Scorecard (issue 9 §4): targets, survey scores and the leaders' explanations -------------


class Kpi(models.TextChoices):
    """The scorecard's KPIs; the codes are the JSON names of `omsorg report kpi` and the rules
    (direction, default margin) are in steering/scorecard.py."""

    USER_SURVEY = "user_survey_score", _("User survey (score)")
    AVG_POSITION = "avg_position_pct", _("Average position size (%)")
    RELEVANT_EDUCATION = "relevant_education_pct", _("Staff with relevant education (%)")
    VERNEPLEIER = "vernepleier_pct", _("Social educators, vernepleiere (%)")
    SICK_LEAVE = "sick_leave_pct", _("Sick leave (%)")
    STAFF_SURVEY = "staff_survey_score", _("Staff survey (score)")
    BUDGET_DEVIATION = "budget_deviation_pct", _("Budget deviation (percentage of budget)")
    DELIVERED_VS_DECIDED = "delivered_vs_decided_pct", _("Delivered hours of decided hours (%)")
    DAYS_TO_DECISION = "median_days_to_decision", _("Median days from application to decision")
    PRELIMINARY_REPLY = (
        "preliminary_reply_pct",
        _("Cases older than a month with a preliminary reply (%)"),
    )
    REVIEWED_ON_TIME = "reviewed_on_time_pct", _("Decisions reviewed by their review date (%)")
    APPEALS_REVERSED = "appeals_reversed", _("Appeals: decision changed")


class KpiTarget(models.Model):
    """A KPI's target for a unit from a date (dated data, not code): the target in force for a
    period is the newest one from its last day or before, of the unit or the nearest unit above
    it; a target with no unit is the municipality's own and the last fallback."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="kpi_targets"
    )
    kpi = models.CharField(_("KPI"), max_length=40, choices=Kpi.choices)
    valid_from = models.DateField(_("valid from"))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    # How far from the target still counts as "near"; blank: the KPI's default rule.
    near_margin = models.DecimalField(
        _("near within"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        ordering = ["kpi", "-valid_from", "-id"]
        indexes = [models.Index(fields=["municipality", "kpi", "valid_from"])]


class SurveyScore(models.Model):
    """A user or staff survey's mean score for a unit in a period (entered, not imported)."""

    class Kind(models.TextChoices):
        USER = "user", _("user survey")
        STAFF = "staff", _("staff survey")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="survey_scores")
    kind = models.CharField(_("survey"), max_length=10, choices=Kind.choices)
    period = models.CharField(_("period"), max_length=10)  # YYYY, YYYY-MM or YYYY-Tn
    first_day = models.DateField()
    last_day = models.DateField()
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=2)
    respondents = models.PositiveIntegerField(_("respondents"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("survey score")
        verbose_name_plural = _("survey scores")
        ordering = ["-first_day", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "period"], name="survey_score_unit_kind_period"
            )
        ]


class ScorecardNote(AuditedModel):
    """The leader's explanation of a KPI's result in a period (for the budget: the causes),
    and the measures taken; one per unit, period and KPI, edited with a version."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="scorecard_notes"
    )
    period = models.CharField(_("period"), max_length=10)
    kpi = models.CharField(_("KPI"), max_length=40, choices=Kpi.choices)
    explanation = models.TextField(_("explanation"), blank=True)
    measures = models.TextField(_("measures"), blank=True)

    class Meta:
        verbose_name = _("scorecard explanation")
        verbose_name_plural = _("scorecard explanations")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "kpi"],
                condition=models.Q(unit__isnull=False),
                name="scorecard_note_unit_period_kpi",
            ),
            models.UniqueConstraint(
                fields=["municipality", "period", "kpi"],
                condition=models.Q(unit__isnull=True),
                name="scorecard_note_municipality_period_kpi",
            ),
        ]


# Business plans (issue 9 §5) live in their own module; Django finds their models here.
from omsorg.steering.plan_models import (  # noqa: E402, F401
    BusinessPlan,
    Goal,
    GoalArea,
    Measure,
    PlanReport,
    PlanReportLine,
)
