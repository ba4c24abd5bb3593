"""Business plans (issue 9 §5; seeds 000 and 001): a unit's plan for a year, its goal areas,
numbered goals and measures, and the monthly status reports that roll up the unit tree.

Seed 001 "Tidsplan virksomhetsrapportering": team leads report monthly to their department
heads, department heads monthly to the unit head, the unit head each tertial to management. A
plan belongs to the unit at the top (the unit head's); every unit below it writes a monthly
report (one per unit and month), with a status per measure and a comment, and a unit's leader
sees the reports of the units below.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from omsorg.core.models import AuditedModel, Unit


class BusinessPlan(AuditedModel):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="business_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    # Where the plan came from (e.g. "seed 001 §3-5"), and the imported file's hash.
    source = models.CharField(_("source"), max_length=300, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True)
    # Monthly reports are due for the months from this one (the first of a month) to December.
    reporting_from = models.DateField(_("monthly reports from"))

    class Meta:
        verbose_name = _("business plan")
        verbose_name_plural = _("business plans")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="business_plan_unit_year")
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"


class GoalArea(models.Model):
    """Målområde (seed 001: seven, e.g. 5 "Økonomi og rapportering")."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="areas")
    position = models.PositiveSmallIntegerField()
    number = models.CharField(_("number"), max_length=10, blank=True)
    title = models.CharField(_("goal area"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="goal_area_position")
        ]

    def __str__(self):
        return f"{self.number} {self.title}".strip()


class Goal(models.Model):
    """A numbered goal of a goal area (seed 001: "TT. mål 5.2", "Avd. mål 5.2")."""

    area = models.ForeignKey(GoalArea, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField()
    series = models.CharField(_("series"), max_length=40, blank=True)  # "TT. mål", "Avd. mål"
    number = models.CharField(_("number"), max_length=20)  # "5.2"
    text = models.TextField(_("goal"), blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["area", "position"], name="goal_position"),
            models.UniqueConstraint(fields=["area", "series", "number"], name="goal_number"),
        ]

    def __str__(self):
        return f"{self.series} {self.number}".strip()


class Measure(AuditedModel):
    """Tiltak: what is done, by whom, with whom, by when, the result required and the result."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        DELAYED = "delayed", _("delayed")
        DONE = "done", _("done")
        CANCELLED = "cancelled", _("cancelled")

    S = Status
    TRANSITIONS = {
        S.PLANNED: {S.IN_PROGRESS, S.DONE, S.CANCELLED},
        S.IN_PROGRESS: {S.DELAYED, S.DONE, S.CANCELLED},
        S.DELAYED: {S.IN_PROGRESS, S.DONE, S.CANCELLED},
        S.DONE: {S.IN_PROGRESS},  # reopened
        S.CANCELLED: {S.PLANNED},  # taken up again
    }

    area = models.ForeignKey(GoalArea, on_delete=models.CASCADE, related_name="measures")
    # Seed 001's measures belong to a numbered goal; seed 000's directly to a goal area.
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="measures"
    )
    position = models.PositiveSmallIntegerField()
    text = models.TextField(_("measure"))
    responsible = models.CharField(_("responsible"), max_length=300, blank=True)
    with_whom = models.CharField(_("with whom"), max_length=300, blank=True)
    # As the plan words it ("Hele året", "Juni og innen den 15 desember"), and a date if any.
    due_text = models.CharField(_("due"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    required_result = models.TextField(_("required result"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    result = models.TextField(_("result"), blank=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["area__position", "goal__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["area", "position"], name="measure_position")
        ]

    def __str__(self):
        return self.text[:60]


class PlanReport(AuditedModel):
    """A unit's monthly status report on the plan: a status per measure and a comment."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="plan_reports")
    month = models.DateField(_("month"))  # the first day of the month reported on
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-month", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit", "month"], name="plan_report_month")
        ]


class PlanReportLine(models.Model):
    class Status(models.TextChoices):
        ON_TRACK = "on_track", _("on track")
        AT_RISK = "at_risk", _("at risk")
        BEHIND = "behind", _("behind")
        DONE = "done", _("done")
        NOT_RELEVANT = "not_relevant", _("not relevant here")

    report = models.ForeignKey(PlanReport, on_delete=models.CASCADE, related_name="lines")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="report_lines")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "measure"], name="plan_report_line_once")
        ]
