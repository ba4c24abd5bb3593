"""Organisation (municipality, units), users with roles, and the audit trail."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    number = models.CharField(
        _("municipality number"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("A municipality number has four digits."))],
    )
    name = models.CharField(_("name"), max_length=100)
    # Målform: the municipality writes its letters in bokmål or nynorsk.
    written_language = models.CharField(
        _("written language"),
        max_length=2,
        choices=[("nb", "Bokmål"), ("nn", "Nynorsk")],
        default="nb",
    )
    coordinating_unit = models.CharField(_("coordinating unit"), max_length=200)
    postal_address = models.CharField(_("postal address"), max_length=300, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    statsforvalter = models.CharField(_("county governor"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return f"{self.name} ({self.number})"


class IntermunicipalCompany(models.Model):
    """Interkommunalt selskap (IKS-loven): its own legal entity, owned by municipalities (seed
    000: Avlastningshjemmet IKS). Its units and staff belong to it, not to an owner; the persons
    it serves stay persons of their own municipalities, decided for by them."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[RegexValidator(r"^\d{9}$", _("An organisation number has nine digits."))],
    )
    owners = models.ManyToManyField(
        Municipality, related_name="companies", verbose_name=_("owner municipalities")
    )
    postal_address = models.CharField(_("postal address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("intermunicipal company")
        verbose_name_plural = _("intermunicipal companies")

    def __str__(self):
        return self.name


class UnitQuerySet(models.QuerySet):
    def providing_for(self, municipality_id: int) -> "UnitQuerySet":
        """The units that can deliver a service the municipality decides: its own, and those
        of intermunicipal companies, which serve their owners and sell spare places to any
        municipality (seed 000: Avlastningshjemmet IKS; Rakkestad buys nights). Another
        municipality's own units never do."""
        return self.filter(
            models.Q(municipality_id=municipality_id) | models.Q(company__isnull=False)
        )


class Unit(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("department")
        ZONE = "zone", _("home-care zone")
        HOUSING = "housing", _("housing")
        RESPITE_HOME = "respite_home", _("respite home")
        DAY_SERVICE = "day_service", _("day service")
        OFFICE = "office", _("allocation office")

    class Decides(models.TextChoices):
        # Which services an office decides: the catalogue says which office each service
        # belongs to (catalogue `deciding_office`), the unit setup says which unit that is.
        CHILDREN = "children", _("services for children and young people")
        ADULTS = "adults", _("services for adults")

    # A unit belongs to a municipality, or to an intermunicipal company (never both).
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    company = models.ForeignKey(
        IntermunicipalCompany,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("intermunicipal company"),
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("name"), max_length=200)
    # Kort kode: how imports and the steering figures name the unit (issue 9 §1); unique in the
    # municipality (or company) once set. Blank for units set up before codes existed.
    code = models.CharField(
        _("code"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                _("A unit code has letters, digits, '-', '_' or '.', and no spaces."),
            )
        ],
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    places = models.PositiveIntegerField(_("places"), null=True, blank=True)
    decides_for = models.CharField(
        _("decides"),
        max_length=20,
        choices=Decides.choices,
        blank=True,
        help_text=_("For an allocation office: the services it decides, receives appeals on."),
    )
    postal_address = models.CharField(_("postal address"), max_length=300, blank=True)
    email = models.EmailField(_("email"), blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unit_name_unique"),
            models.UniqueConstraint(
                fields=["municipality", "code"],
                condition=~models.Q(code=""),
                name="unit_code_unique",
            ),
            models.UniqueConstraint(
                fields=["company", "code"],
                condition=~models.Q(code=""),
                name="unit_code_unique_in_company",
            ),
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=True) ^ models.Q(company__isnull=True),
                name="unit_of_municipality_or_company",
            ),
            models.UniqueConstraint(
                fields=["municipality", "decides_for"],
                condition=~models.Q(decides_for=""),
                name="one_deciding_office_per_group",
            ),
        ]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("caseworker")
    SERVICE_LEADER = "service_leader", _("service leader")
    CARE_WORKER = "care_worker", _("care worker")
    MANAGEMENT = "management", _("management")
    ADMINISTRATOR = "administrator", _("administrator")
    # Foresatt: a parent or guardian who sees their child's respite stays and stay reports.
    GUARDIAN = "guardian", _("guardian")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text=_("For service leaders and care workers: the unit they work in."),
    )
    # Work phone, printed with the e-mail in the letters the user signs as caseworker.
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class AuditedModel(models.Model):
    """Who and when on every case row, and a version number for optimistic concurrency."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class CaseEvent(models.Model):
    """What every service function did: who, when, what, and the record before and after."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=60)
    # A plain id, not a foreign key: core sits below the person register in the layers.
    person_id = models.BigIntegerField(null=True, db_index=True)
    subject_type = models.CharField(max_length=60)
    subject_id = models.BigIntegerField()
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]


class LoginFailure(models.Model):
    """Failed logins, for throttling by account and by client address (core/throttle.py).

    A successful login marks its account's failures cleared instead of deleting them: the address's
    count and the security officer's view of attempts keep them.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, db_index=True)
    cleared = models.BooleanField(default=False)


class ApiToken(models.Model):
    """A bearer token issued to a user (core/tokens.py): listed, and revoked by the user, by an
    administrator, or by logging out. The token itself is signed, never stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    address = models.GenericIPAddressField(_("issued to address"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.user} #{self.pk}"

class RequestKey(models.Model):
    """A POST seen once (issue 8 §2): the API's `Idempotency-Key` or a page form's one-time
    token, with what it answered, so the same request again gets the same answer instead of
    doing the work twice. `status` is null while the first request is still running."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    # sha256 of method, path and body: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    status = models.PositiveSmallIntegerField(null=True)
    content_type = models.CharField(max_length=100, blank=True)
    # The API's JSON answer, or a page's redirect target (a page's HTML is never stored).
    body = models.BinaryField(default=b"")
    location = models.CharField(max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="request_key_once_per_user")
        ]
        indexes = [models.Index(fields=["created_at"])]
