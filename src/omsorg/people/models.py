"""Persons who apply for or receive services, their relatives, consents and care team."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from omsorg.core.models import AuditedModel, Municipality, Role, Unit


class Person(AuditedModel):
    class IdentityKind(models.TextChoices):
        FODSELSNUMMER = "fodselsnummer", _("national identity number")
        D_NUMBER = "d_number", _("D number")

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="persons")
    identity_number = models.CharField(_("identity number"), max_length=11, unique=True)
    identity_kind = models.CharField(max_length=20, choices=IdentityKind.choices)
    synthetic = models.BooleanField(
        default=False, help_text=_("A test person (synthetic identity number).")
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    birth_date = models.DateField(_("birth date"))
    gender = models.CharField(_("gender"), max_length=10, blank=True)
    street_address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="persons",
        verbose_name=_("unit or zone"),
    )
    resident = models.BooleanField(_("resident in the municipality"), default=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["family_name", "given_name", "id"]
        indexes = [
            models.Index(fields=["municipality", "family_name", "given_name"]),
            # A page of the person list in name order, read along the index (issue 8 §5: the
            # access door's filter is a subquery, so the index above does not serve the sort).
            models.Index(fields=["family_name", "given_name", "id"], name="person_name_order"),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class Relative(AuditedModel):
    class Relation(models.TextChoices):
        PARENT = "parent", _("parent")
        GUARDIAN = "guardian", _("appointed guardian")
        SPOUSE = "spouse", _("spouse or partner")
        CHILD = "child", _("child")
        SIBLING = "sibling", _("sibling")
        OTHER = "other", _("other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relatives")
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    # Foresatt/verge: acts for a child under 18 or a person without capacity to consent.
    is_guardian = models.BooleanField(_("guardian (acts for the person)"), default=False)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    street_address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="relative",
    )

    class Meta:
        verbose_name = _("relative")
        verbose_name_plural = _("relatives")
        ordering = ["-is_guardian", "name"]

    def __str__(self):
        return self.name


class Consent(AuditedModel):
    class Kind(models.TextChoices):
        PROCESSING = "processing", _("processing of personal data")
        SHARING = "sharing", _("sharing with staff who give the service")
        FETCHING = "fetching", _("fetching information from others (doctor, hospital, school)")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("consent to"), max_length=20, choices=Kind.choices)
    given_on = models.DateField(_("given on"))
    given_by = models.ForeignKey(
        Relative,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the person consented themselves."),
    )
    channel = models.CharField(_("channel"), max_length=20, default="portal")
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["kind", "-given_on"]


class Assignment(AuditedModel):
    """A staff member who serves a person: the care worker's service need rests on this row."""

    class Kind(models.TextChoices):
        PRIMARY_CONTACT = "primary_contact", _("primary contact")
        CARE_WORKER = "care_worker", _("care worker")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="assignment_period_ordered",
            )
        ]


class AccessLog(models.Model):
    """One row per read of a person's data (Normen: every access to health data is logged)."""

    class Channel(models.TextChoices):
        PAGE = "page", _("page")
        API = "api", _("API")
        LETTER = "letter", _("letter")
        # The guardian's secret calendar link: read without a login, logged as its owner.
        FEED = "feed", _("calendar feed")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="access_log")
    what = models.CharField(_("what was read"), max_length=200)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # A refused attempt: the actor asked for the person without a service need (Normen: log it).
    denied = models.BooleanField(_("denied"), default=False)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at"]
        indexes = [models.Index(fields=["person", "-at"])]
        # The data protection officer's right (group "personvernombud"): follow the log up.
        permissions = [("control_accesslog", _("Can follow up the access log (log control)"))]


class AccessLogCheck(models.Model):
    """The data protection officer's mark on an unusual read: checked, and why it was fine or
    what was done (Normen: the log is followed up, and the follow-up documented)."""

    entry = models.OneToOneField(AccessLog, on_delete=models.CASCADE, related_name="follow_up")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked"), auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=500)

    class Meta:
        verbose_name = _("log control mark")
        verbose_name_plural = _("log control marks")


class StaffAddress(models.Model):
    """Where a staff member lives, from the employer's records: the log control looks for
    reads of neighbours and family (a person with the reader's address)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="home_address"
    )
    street_address = models.CharField(_("address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("staff address")
        verbose_name_plural = _("staff addresses")
