"""Zones' bases, persons' addresses, the zone's staff, weekly visit patterns from home-care
decisions, and the day plans with their visits (issue 10).

Times of day are minutes from midnight, as in the routing engine (omsorg.planning.routing).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from omsorg.cases.models import Decision
from omsorg.core.models import AuditedModel, Unit
from omsorg.homecare.rules import ASSISTANT, HEALTH_WORKER, MINUTES_PER_DAY, NURSE
from omsorg.homecare.travel import DEFAULT_DETOUR, DEFAULT_SPEED_KMH
from omsorg.people.models import Person

LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]
MINUTE_OF_DAY = [MinValueValidator(0), MaxValueValidator(MINUTES_PER_DAY)]


class Level(models.TextChoices):
    NURSE = NURSE, _("nurse")
    HEALTH_WORKER = HEALTH_WORKER, _("health worker")
    ASSISTANT = ASSISTANT, _("assistant")


class Task(models.TextChoices):
    """What is done on a visit; the decision's service gives the first ones."""

    MEDICATION = "medication", _("medication")
    INSULIN = "insulin", _("insulin")
    WOUND_CARE = "wound_care", _("wound care")
    PERSONAL_CARE = "personal_care", _("personal care")
    HELP_TO_RISE = "help_to_rise", _("help to get up")
    HELP_TO_BED = "help_to_bed", _("help to bed")
    MEAL = "meal", _("meal")
    CLEANING = "cleaning", _("cleaning")
    SHOPPING = "shopping", _("shopping")
    TRAINING = "training", _("training in daily tasks")
    SUPERVISION = "supervision", _("supervision")
    MEAL_DELIVERY = "meal_delivery", _("meal delivery")


class ZoneBase(AuditedModel):
    """A zone (core.Unit of kind zone) as the planner needs it: where the staff start and end,
    and how fast they travel between addresses."""

    unit = models.OneToOneField(
        Unit,
        on_delete=models.PROTECT,
        related_name="zone_base",
        limit_choices_to={"kind": Unit.Kind.ZONE},
        verbose_name=_("zone"),
    )
    address = models.CharField(_("address of the base"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), validators=LONGITUDE)
    speed_kmh = models.FloatField(
        _("speed (km/h)"),
        default=DEFAULT_SPEED_KMH,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
    )
    detour_factor = models.FloatField(
        _("detour factor"),
        default=DEFAULT_DETOUR,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
        help_text=_("Road distance over the straight line."),
    )

    class Meta:
        verbose_name = _("zone base")
        verbose_name_plural = _("zone bases")

    def __str__(self):
        return self.unit.name


class Address(AuditedModel):
    """Where a recipient lives, with what the staff must know at the door."""

    class Source(models.TextChoices):
        ENTERED = "entered", _("entered")
        IMPORTED = "imported", _("imported")
        GEOCODED = "geocoded", _("from the address register")

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="home_address")
    zone = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="addresses", verbose_name=_("zone")
    )
    street = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True, validators=LATITUDE)
    longitude = models.FloatField(_("longitude"), null=True, blank=True, validators=LONGITUDE)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ENTERED)
    key_box = models.CharField(_("key box"), max_length=200, blank=True)
    pets = models.CharField(_("pets"), max_length=200, blank=True)
    entrance = models.CharField(_("entrance"), max_length=200, blank=True)
    notes = models.TextField(_("practical notes"), blank=True)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class StaffMember(AuditedModel):
    """A care worker of a zone, with the competence that decides which visits she may do."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="homecare_staff"
    )
    zone = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="homecare_staff", verbose_name=_("zone")
    )
    level = models.CharField(_("competence"), max_length=20, choices=Level.choices)
    shift_start = models.PositiveSmallIntegerField(
        _("shift starts (minutes)"), default=7 * 60, validators=MINUTE_OF_DAY
    )
    shift_end = models.PositiveSmallIntegerField(
        _("shift ends (minutes)"), default=15 * 60 + 30, validators=MINUTE_OF_DAY
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")


class VisitPattern(AuditedModel):
    """A home-care decision's scope as a weekly pattern of visits (issue 10 §2)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="visit_patterns")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="visit_patterns")
    zone = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="visit_patterns", verbose_name=_("zone")
    )
    label = models.CharField(_("name"), max_length=60)
    weekdays = models.JSONField(_("weekdays"), default=list)  # 0 = Monday
    every_weeks = models.PositiveSmallIntegerField(
        _("every"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    week_parity = models.PositiveSmallIntegerField(default=0)
    window_start = models.PositiveSmallIntegerField(_("earliest start"), validators=MINUTE_OF_DAY)
    window_end = models.PositiveSmallIntegerField(_("latest start"), validators=MINUTE_OF_DAY)
    window_hard = models.BooleanField(_("the time is fixed"), default=True)
    duration = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(720)]
    )
    tasks = models.JSONField(_("tasks"), default=list)
    level = models.CharField(_("competence needed"), max_length=20, choices=Level.choices)
    staff_count = models.PositiveSmallIntegerField(
        _("staff at once"), default=1, validators=[MinValueValidator(1), MaxValueValidator(2)]
    )
    # A visit that must come a given time after another of the same person (insulin, then a
    # meal): start(this) - start(follows) in [min_gap, max_gap] minutes.
    follows = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_by",
        verbose_name=_("after the visit"),
    )
    min_gap = models.PositiveSmallIntegerField(_("at least (minutes) after"), default=0)
    max_gap = models.PositiveSmallIntegerField(_("at most (minutes) after"), null=True, blank=True)
    # The decision as the leader last confirmed the pattern against it: a change flags review.
    decision_state = models.JSONField(default=dict)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("visit pattern")
        verbose_name_plural = _("visit patterns")
        ordering = ["person_id", "window_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gte=models.F("window_start")),
                name="pattern_window_ordered",
            )
        ]

    def __str__(self):
        return self.label


class DayPlan(AuditedModel):
    """A zone's day: the staff on shift, the visits, and the engine's routes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("not planned")
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("planning")
        PLANNED = "planned", _("planned")
        FAILED = "failed", _("failed")

    TRANSITIONS = {
        Status.DRAFT: {Status.QUEUED},
        Status.QUEUED: {Status.RUNNING, Status.FAILED},
        Status.RUNNING: {Status.PLANNED, Status.FAILED},
        Status.PLANNED: {Status.QUEUED},
        Status.FAILED: {Status.QUEUED},
    }

    zone = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="day_plans")
    date = models.DateField(_("date"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    time_limit = models.PositiveSmallIntegerField(_("time limit (seconds)"), default=5)
    # A re-plan of the rest of the day (someone called in sick): visits before this minute and
    # visits started or done are kept.
    replan_from = models.PositiveSmallIntegerField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    progress = models.JSONField(default=dict, blank=True)
    instance = models.JSONField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    plan_status = models.CharField(max_length=12, blank=True)
    error = models.TextField(blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("day plan")
        verbose_name_plural = _("day plans")
        ordering = ["-date", "zone_id"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "date"], name="one_day_plan_per_zone_and_date")
        ]


class Shift(AuditedModel):
    """A staff member on shift in a day plan."""

    day_plan = models.ForeignKey(DayPlan, on_delete=models.CASCADE, related_name="shifts")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="homecare_shifts"
    )
    start = models.PositiveSmallIntegerField(_("from"), validators=MINUTE_OF_DAY)
    end = models.PositiveSmallIntegerField(_("to"), validators=MINUTE_OF_DAY)
    level = models.CharField(_("competence"), max_length=20, choices=Level.choices)
    sick_from = models.PositiveSmallIntegerField(
        _("called in sick from"), null=True, blank=True, validators=MINUTE_OF_DAY
    )

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["start", "staff__last_name", "staff__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["day_plan", "staff"], name="one_shift_per_day_plan"),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="shift_ends_after_start"
            ),
        ]


class Visit(AuditedModel):
    """One visit of a day plan; a double visit is two rows, each other's `partner`."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        STARTED = "started", _("started")
        DONE = "done", _("done")
        NOT_DONE = "not_done", _("not done")

    TRANSITIONS = {
        Status.PLANNED: {Status.STARTED, Status.NOT_DONE},
        Status.STARTED: {Status.DONE, Status.NOT_DONE},
        Status.DONE: set(),
        Status.NOT_DONE: set(),
    }

    class Unassigned(models.TextChoices):
        NO_SKILL = "no_skill", _("no one on shift has the competence")
        TWO_STAFF = "two_staff", _("fewer than two staff on shift have the competence")
        OUTSIDE_SHIFTS = "outside_shifts", _("no shift with the competence covers the time")
        NO_ADDRESS = "no_address", _("the address has no coordinates")
        PASSED = "passed", _("the time had passed when the day was planned again")
        NO_ROOM = "no_room", _("the routes had no room within the time windows")
        BY_LEADER = "by_leader", _("taken off the routes by the leader")

    class Basis(models.TextChoices):
        """Where a done visit's delivered minutes come from (services/visits.delivered_time)."""

        MEASURED = "measured", _("the time between started and done")
        NOT_STARTED = "not_started", _("planned duration: the visit was not marked started")
        TOO_SHORT = "too_short", _("planned duration: the measured time was implausibly short")
        TOO_LONG = "too_long", _("planned duration: the measured time was implausibly long")

    day_plan = models.ForeignKey(DayPlan, on_delete=models.CASCADE, related_name="visits")
    pattern = models.ForeignKey(
        VisitPattern, null=True, blank=True, on_delete=models.SET_NULL, related_name="visits"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="homecare_visits")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="visits")
    label = models.CharField(_("name"), max_length=60)
    window_start = models.PositiveSmallIntegerField(validators=MINUTE_OF_DAY)
    window_end = models.PositiveSmallIntegerField(validators=MINUTE_OF_DAY)
    window_hard = models.BooleanField(default=True)
    duration = models.PositiveSmallIntegerField()
    tasks = models.JSONField(default=list)
    level = models.CharField(max_length=20, choices=Level.choices)
    partner = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    follows = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="followed_by"
    )
    min_gap = models.PositiveSmallIntegerField(default=0)
    max_gap = models.PositiveSmallIntegerField(null=True, blank=True)
    # The plan: who, in which order, when (minutes from midnight, the engine's exact float).
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="homecare_visits",
    )
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    start = models.FloatField(null=True, blank=True)
    unassigned_reason = models.CharField(max_length=20, choices=Unassigned.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    not_done_reason = models.CharField(_("why not done"), max_length=300, blank=True)
    report = models.TextField(_("report"), blank=True)
    delivered_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    delivered_basis = models.CharField(
        _("delivered time from"), max_length=12, choices=Basis.choices, blank=True
    )
    # The delivered time as a steering registration (issue 10 §5), once done.
    registration = models.ForeignKey(
        "steering.Registration", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["day_plan_id", "staff_id", "position", "window_start", "id"]
        indexes = [
            models.Index(fields=["staff", "status"]),
            models.Index(fields=["person", "status"]),
        ]

    @property
    def engine_id(self) -> str:
        return f"v{self.pk}"
