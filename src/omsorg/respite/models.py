"""Respite homes (avlastningsbolig), their owners, the children placed there, plans and stays.

A night is named by the date of its evening, as in the planning engine: a stay of 2 nights from
Friday is Friday and Saturday night; the child goes home on Sunday morning (``ends_on``).

A day stay (dagopphold, seed 004 §1.2 and §1.4: respite "på timebasis", afternoons, holidays) is
one date at the home without a night: it takes a day place, never a bed.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from omsorg.core.models import AuditedModel, Municipality, Unit
from omsorg.people.models import Person, Relative

# The longest stay the pages accept; bounds the look-back when finding stays that overlap.
MAX_STAY_NIGHTS = 28
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_CHOICES = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]


def all_weekdays() -> list[str]:
    return list(WEEKDAYS)


class RespiteHome(AuditedModel):
    """The planning facts of a Unit of kind respite_home: beds, staffing, hand-over times."""

    unit = models.OneToOneField(
        Unit,
        on_delete=models.PROTECT,
        related_name="respite_home",
        limit_choices_to={"kind": Unit.Kind.RESPITE_HOME},
        verbose_name=_("unit"),
    )
    beds = models.PositiveSmallIntegerField(_("beds"))
    # Children who need one-to-one staffing (én-til-én) on one night: the staff on a night shift.
    max_one_to_one_per_night = models.PositiveSmallIntegerField(
        _("children with one-to-one staffing per night"), null=True, blank=True
    )
    # Seed 004 §4: staffed when stays are planned, not around the clock; evenings it opens.
    staffed_weekdays = models.JSONField(_("staffed nights (weekdays)"), default=all_weekdays)
    arrival_time = models.TimeField(_("arrival"), default=datetime.time(16, 0))
    departure_time = models.TimeField(_("departure"), default=datetime.time(10, 0))
    # Seed 000: spare capacity (overkapasitet) may be sold to other municipalities.
    price_per_night = models.DecimalField(
        _("price per night sold"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    # Day stays (seed 004 §1.4: "på timebasis"): children the home takes for a day on any date
    # (0: no day stays), and the hours of a day stay. A decision in hours becomes day stays of
    # this length (docs/architecture/respite.md, "Day stays").
    day_places = models.PositiveSmallIntegerField(_("day places"), default=0)
    day_start_time = models.TimeField(_("day stay begins"), default=datetime.time(14, 0))
    day_end_time = models.TimeField(_("day stay ends"), default=datetime.time(18, 0))

    class Meta:
        verbose_name = _("respite home")
        verbose_name_plural = _("respite homes")
        ordering = ["unit__name"]

    def __str__(self):
        return self.unit.name

    @property
    def day_stay_hours(self) -> float:
        """The length of a day stay in hours (at least one)."""
        start = datetime.datetime.combine(datetime.date.min, self.day_start_time)
        end = datetime.datetime.combine(datetime.date.min, self.day_end_time)
        return max(1.0, (end - start).total_seconds() / 3600)


class DayPlaces(models.Model):
    """Day places on the dates of a period instead of the home's usual figure: more in a school
    holiday, none on a day the home is shut (the day side's equivalent of a closure)."""

    home = models.ForeignKey(RespiteHome, on_delete=models.CASCADE, related_name="day_periods")
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    places = models.PositiveSmallIntegerField(_("day places"))
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("day places in a period")
        verbose_name_plural = _("day places in periods")
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="day_places_period_ordered",
            )
        ]


class Closure(models.Model):
    """Nights the home is closed: public holidays, the summer closure, other reasons."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("public holiday")
        SUMMER = "summer", _("summer closure")
        OTHER = "other", _("other")

    home = models.ForeignKey(RespiteHome, on_delete=models.CASCADE, related_name="closures")
    first_night = models.DateField(_("first night"))
    last_night = models.DateField(_("last night"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["first_night"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_night__gte=models.F("first_night")),
                name="closure_period_ordered",
            )
        ]


class Owner(models.Model):
    """An owner municipality (eierkommune) of an intermunicipal home and its share of bed-nights."""

    home = models.ForeignKey(RespiteHome, on_delete=models.CASCADE, related_name="owners")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    share_percent = models.DecimalField(
        _("share of bed-nights (%)"), max_digits=5, decimal_places=2
    )
    # Where the share comes from, shown beside it (the demo's shares are assumptions: seed 000
    # names the owners but gives no shares).
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("owner")
        verbose_name_plural = _("owners")
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(fields=["home", "municipality"], name="owner_once_per_home"),
        ]


class Placement(AuditedModel):
    """A child placed at a home, with what the planner needs beyond the decision's entitlement.

    The entitlement itself is never stored here: it comes from the child's decision in force.
    """

    home = models.ForeignKey(RespiteHome, on_delete=models.PROTECT, related_name="placements")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="placements")
    # The municipality the nights are counted to: an owner, or a buyer of spare capacity.
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    min_nights = models.PositiveSmallIntegerField(_("shortest stay (nights)"), default=1)
    max_nights = models.PositiveSmallIntegerField(_("longest stay (nights)"), default=3)
    preferred_weekdays = models.JSONField(_("preferred weekdays"), default=list, blank=True)
    one_to_one = models.BooleanField(_("needs one-to-one staffing"), default=False)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.UniqueConstraint(fields=["home", "person"], name="placement_once_per_home"),
            models.CheckConstraint(
                condition=models.Q(min_nights__gte=1)
                & models.Q(max_nights__gte=models.F("min_nights")),
                name="placement_stay_length_ordered",
            ),
        ]


class FamilyNight(models.Model):
    """A night the family blocks (never plan) or wishes (plan if possible)."""

    class Kind(models.TextChoices):
        BLOCKED = "blocked", _("blocked by the family")
        WISHED = "wished", _("wished by the family")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="nights")
    night = models.DateField(_("night"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    class Meta:
        ordering = ["night"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "night"], name="family_night_once"),
        ]


class FamilyDay(models.Model):
    """A date the family blocks (no day stay) or wishes a day stay on: FamilyNight's mirror."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=FamilyNight.Kind.choices)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "date"], name="family_day_once"),
        ]


class Incompatibility(models.Model):
    """Two children who must not stay the same night."""

    home = models.ForeignKey(RespiteHome, on_delete=models.CASCADE, related_name="incompatible")
    first = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(first=models.F("second")), name="incompatibility_two_children"
            ),
        ]


class PlanRun(AuditedModel):
    """One run of the planning engine for a home and a period, and its result."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")
        FAILED = "failed", _("failed")
        ACCEPTED = "accepted", _("accepted")
        DISCARDED = "discarded", _("discarded")

    TRANSITIONS = {
        Status.QUEUED: {Status.RUNNING, Status.FAILED},
        Status.RUNNING: {Status.FINISHED, Status.FAILED},
        Status.FINISHED: {Status.ACCEPTED, Status.DISCARDED},
        Status.FAILED: set(),
        Status.ACCEPTED: set(),
        Status.DISCARDED: set(),
    }

    home = models.ForeignKey(RespiteHome, on_delete=models.PROTECT, related_name="plan_runs")
    first_night = models.DateField(_("first night"))
    last_night = models.DateField(_("last night"))
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=10)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    task_id = models.CharField(max_length=64, blank=True)
    # The latest improving solution the engine reported: stage, objective, bound, wall time.
    progress = models.JSONField(default=dict, blank=True)
    instance = models.JSONField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    # The engine's verdict: optimal, feasible (time ran out) or infeasible.
    plan_status = models.CharField(max_length=12, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("plan run")
        verbose_name_plural = _("plan runs")
        ordering = ["-created_at", "-id"]


class Stay(AuditedModel):
    """Opphold: consecutive nights of one child at the home."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CONFIRMED = "confirmed", _("confirmed")
        CANCELLED = "cancelled", _("cancelled")

    TRANSITIONS = {
        Status.PLANNED: {Status.CONFIRMED, Status.CANCELLED},
        Status.CONFIRMED: {Status.PLANNED, Status.CANCELLED},
        Status.CANCELLED: set(),
    }

    home = models.ForeignKey(RespiteHome, on_delete=models.PROTECT, related_name="stays")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="stays")
    first_night = models.DateField(_("first night"))
    nights = models.PositiveSmallIntegerField(_("nights"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    plan_run = models.ForeignKey(
        PlanRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="stays"
    )

    class Meta:
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        ordering = ["first_night", "id"]
        indexes = [models.Index(fields=["home", "status", "first_night"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(nights__gte=1), name="stay_has_a_night"),
        ]

    @property
    def last_night(self) -> datetime.date:
        return self.first_night + datetime.timedelta(days=self.nights - 1)

    @property
    def ends_on(self) -> datetime.date:
        """The morning the child goes home."""
        return self.first_night + datetime.timedelta(days=self.nights)


class DayStay(AuditedModel):
    """Dagopphold: one child at the home on one date, without a night (seed 004 §1.2, §1.4).

    Its life cycle is a stay's; "completed" is derived from the date (rules.day_stay_state)."""

    Status = Stay.Status
    TRANSITIONS = Stay.TRANSITIONS

    home = models.ForeignKey(RespiteHome, on_delete=models.PROTECT, related_name="day_stays")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="day_stays")
    date = models.DateField(_("date"))
    status = models.CharField(max_length=10, choices=Stay.Status.choices, default=Status.PLANNED)
    plan_run = models.ForeignKey(
        PlanRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="day_stays"
    )

    class Meta:
        verbose_name = _("day stay")
        verbose_name_plural = _("day stays")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["home", "status", "date"])]
        constraints = [
            # One day stay (not cancelled) per child and date.
            models.UniqueConstraint(
                fields=["placement", "date"],
                condition=~models.Q(status="cancelled"),
                name="day_stay_once_per_date",
            ),
        ]


class StayReport(AuditedModel):
    """Tilbakemelding etter opphold (seed 000): written by staff, reviewed by the shift lead."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("awaiting review")
        REVIEWED = "reviewed", _("reviewed")

    TRANSITIONS = {Status.SUBMITTED: {Status.REVIEWED}, Status.REVIEWED: set()}

    stay = models.OneToOneField(Stay, on_delete=models.PROTECT, related_name="report")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    sleep = models.TextField(_("sleep"))
    food = models.TextField(_("food"))
    medication = models.TextField(_("medication given"), blank=True)
    activities = models.TextField(_("activities"))
    incidents = models.TextField(_("incidents"), blank=True)
    message = models.TextField(_("message to the family"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("stay report")
        verbose_name_plural = _("stay reports")


class Shift(models.Model):
    """Vakt: a staff member on duty at the home on a date (its evening and night)."""

    home = models.ForeignKey(RespiteHome, on_delete=models.CASCADE, related_name="shifts")
    date = models.DateField(_("date"))
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Ansvarsvakt: the shift lead reviews stay reports before families see them.
    is_shift_lead = models.BooleanField(_("shift lead"), default=False)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["date", "-is_shift_lead"]
        constraints = [
            models.UniqueConstraint(fields=["home", "date", "staff"], name="shift_once_per_day"),
        ]


class CalendarFeed(models.Model):
    """A guardian's secret iCalendar link; only a hash of its token is stored."""

    relative = models.ForeignKey(Relative, on_delete=models.CASCADE, related_name="feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["relative"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_feed_per_guardian",
            )
        ]
