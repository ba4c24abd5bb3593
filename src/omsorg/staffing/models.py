"""The competence register's rows: employees, their courses and certificates, and the
competences the persons a unit serves need (issue 11 §1)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from omsorg.cases.models import Decision
from omsorg.core.models import AuditedModel, Unit
from omsorg.people.models import Person
from omsorg.staffing.competences import Competence, Profession
from omsorg.staffing.rules import HPR_PATTERN


class Employee(AuditedModel):
    """A person employed in a unit (or in its substitute pool), as HR knows them."""

    class Kind(models.TextChoices):
        PERMANENT = "permanent", _("permanent position")
        SUBSTITUTE = "substitute", _("substitute pool")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="employees")
    # The login, when the employee has one: they see their own rotation and take offers.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employee",
    )
    employee_number = models.CharField(
        _("employee number"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Za-z0-9-]+$", _("An employee number has letters and digits."))
        ],
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    profession = models.CharField(_("profession"), max_length=20, choices=Profession.choices)
    hpr_number = models.CharField(
        _("HPR number"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(HPR_PATTERN, _("An HPR number has 7 to 9 digits."))],
    )
    position_percent = models.DecimalField(
        _("position (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERMANENT)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(position_percent__gt=0, position_percent__lte=100),
                name="employee_position_percent_range",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def name(self) -> str:
        return str(self)


class Certificate(models.Model):
    """A course or certificate an employee holds, with when it was taken and when it expires."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="certificates")
    competence = models.CharField(_("course"), max_length=20, choices=Competence.choices)
    completed_on = models.DateField(_("completed"))
    expires_on = models.DateField(_("expires"), null=True, blank=True)

    class Meta:
        verbose_name = _("course or certificate")
        verbose_name_plural = _("courses and certificates")
        ordering = ["competence", "-completed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "competence", "completed_on"], name="certificate_once"
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gte=models.F("completed_on")),
                name="certificate_expires_after_completed",
            ),
        ]


class CareNeed(AuditedModel):
    """A competence the care of a person the unit serves needs, from the decision or the care
    plan (issue 11 §1; seed 000: the children need epilepsy, tegn til tale, ASK)."""

    class Source(models.TextChoices):
        DECISION = "decision", _("the decision")
        CARE_PLAN = "care_plan", _("the care plan")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="care_needs")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="care_needs")
    competence = models.CharField(_("competence"), max_length=20, choices=Competence.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("care need")
        verbose_name_plural = _("care needs")
        constraints = [
            models.UniqueConstraint(fields=["unit", "person", "competence"], name="care_need_once"),
        ]


class ShiftType(models.Model):
    """A kind of shift the unit runs (vakttype): D 07:30-15:30, A 15:00-22:30, N 22:15-07:45.
    A night shift belongs to the day it starts on."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="shift_types")
    code = models.CharField(
        _("code"),
        max_length=3,
        validators=[RegexValidator(r"^[A-Z][A-Z0-9]{0,2}$", _("A shift code is 1 to 3 capitals."))],
    )
    label = models.CharField(_("name"), max_length=60)
    start = models.TimeField(_("starts"))
    minutes = models.PositiveIntegerField(
        _("length (minutes)"), validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )

    class Meta:
        verbose_name = _("shift type")
        verbose_name_plural = _("shift types")
        ordering = ["start", "code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="shift_type_code_unique")
        ]

    def __str__(self):
        return self.code


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class CoverRule(models.Model):
    """How many staff a shift needs on a weekday; with a competence, how many of them must
    hold it (issue 11 §2: at least one social educator on every day shift)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="cover_rules")
    shift_type = models.ForeignKey(ShiftType, on_delete=models.CASCADE, related_name="cover")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    competence = models.CharField(
        _("competence"), max_length=20, choices=Competence.choices, blank=True
    )
    required = models.PositiveSmallIntegerField(_("staff needed"))

    class Meta:
        verbose_name = _("cover rule")
        verbose_name_plural = _("cover rules")
        ordering = ["weekday", "shift_type__start", "competence"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift_type", "weekday", "competence"], name="cover_rule_once"
            )
        ]


class Rotation(AuditedModel):
    """A rotation (turnus) of a unit for a period of whole weeks, made by the engine in the
    background, edited by hand and published. ``roster`` maps staff ids (``e<employee id>``)
    to one shift code per day ("" = off); ``instance`` is what the engine was given."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being made")
        PLANNED = "planned", _("draft")
        PUBLISHED = "published", _("published")
        FAILED = "failed", _("failed")

    TRANSITIONS = {
        Status.QUEUED: {Status.RUNNING, Status.FAILED},
        Status.RUNNING: {Status.PLANNED, Status.FAILED},
        Status.PLANNED: {Status.PUBLISHED},
        Status.PUBLISHED: set(),
        Status.FAILED: set(),
    }

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="rotations")
    start = models.DateField(_("first day"))
    weeks = models.PositiveSmallIntegerField(
        _("weeks"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    time_limit = models.PositiveIntegerField(_("time for the engine (seconds)"), default=10)
    # Working Environment Act § 10-8 (1), (2) and the sector's agreements: configurable.
    daily_rest_hours = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal(11))
    weekly_rest_hours = models.DecimalField(max_digits=4, decimal_places=1, default=Decimal(35))
    weekend_every = models.PositiveSmallIntegerField(_("at most every n-th weekend"), default=3)
    max_consecutive_days = models.PositiveSmallIntegerField(default=5)
    progress = models.JSONField(null=True, blank=True)
    instance = models.JSONField(null=True, blank=True)
    result = models.JSONField(null=True, blank=True)
    roster = models.JSONField(null=True, blank=True)
    plan_status = models.CharField(max_length=20, blank=True)
    error = models.TextField(blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rotation")
        verbose_name_plural = _("rotations")
        ordering = ["-start", "-pk"]

    @property
    def days(self) -> int:
        return self.weeks * 7


class Wish(models.Model):
    """Ønsketurnus: an employee's wished shift on a date, or a wished day off (no shift)."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="wishes")
    date = models.DateField(_("date"))
    shift_type = models.ForeignKey(
        ShiftType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("wish")
        verbose_name_plural = _("wishes")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["employee", "date"], name="wish_once")]


class Absence(AuditedModel):
    """Fravær on a published rotation: the employee's shifts in it become vacancies."""

    class Kind(models.TextChoices):
        SICK = "sick", _("sick")
        LEAVE = "leave", _("leave")
        COURSE = "course", _("course")

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="absences")
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["-first_day", "-pk"]


class Vacancy(AuditedModel):
    """Ledig vakt: a shift of a published rotation left without its employee, until an offer
    is accepted."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        FILLED = "filled", _("filled")

    TRANSITIONS = {Status.OPEN: {Status.FILLED}, Status.FILLED: set()}

    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="vacancies")
    absence = models.ForeignKey(Absence, on_delete=models.CASCADE, related_name="vacancies")
    day = models.PositiveSmallIntegerField()
    date = models.DateField(_("date"))
    shift_code = models.CharField(_("shift"), max_length=3)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    filled_by = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="extra_shifts"
    )

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["date", "shift_code"]


class Offer(AuditedModel):
    """An extra shift offered to one employee; the first qualified acceptance fills the
    vacancy and withdraws the others. A declined offer passes to the next one proposed."""

    class Status(models.TextChoices):
        OPEN = "open", _("offered")
        ACCEPTED = "accepted", _("accepted")
        WITHDRAWN = "withdrawn", _("withdrawn")
        DECLINED = "declined", _("declined")

    TRANSITIONS = {Status.OPEN: {Status.ACCEPTED, Status.WITHDRAWN, Status.DECLINED}}

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="offers")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="offers")
    rank = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["vacancy", "rank"]
        constraints = [models.UniqueConstraint(fields=["vacancy", "employee"], name="offer_once")]
