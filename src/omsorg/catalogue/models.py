"""Versioned service catalogues.

A version is immutable: its snapshot is the parsed catalogue (`spec.catalogue_to_dict`), and its
service types are rows that decisions point to, so a decision keeps the rules it was made under.
Editing a catalogue (YAML or admin) makes a new version.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from omsorg.core.models import Municipality
from omsorg.core.scope_text import unit_and_period_label


class Catalogue(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="catalogues"
    )
    code = models.SlugField(_("code"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("catalogue")
        verbose_name_plural = _("catalogues")

    def __str__(self):
        return self.code


class CatalogueVersion(models.Model):
    catalogue = models.ForeignKey(Catalogue, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    label = models.CharField(_("label"), max_length=100, blank=True)
    valid_from = models.DateField(_("valid from"))
    snapshot = models.JSONField()
    checksum = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("catalogue version")
        verbose_name_plural = _("catalogue versions")
        ordering = ["catalogue", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "number"], name="catalogue_version_unique")
        ]

    def __str__(self):
        return f"{self.catalogue.code} v{self.number}"


# The steps of the activity and mastery staircase as catalogues/README.md defines them (the
# seeds name the staircase, not its steps), least intrusive first.
STAIRCASE_STEPS = {
    1: _("self-help, information, universal and volunteer offers"),
    2: _("low-threshold and family-based support"),
    3: _("practical help, training, short respite away from home"),
    4: _("home nursing, rehabilitation, respite in the home"),
    5: _("day services, respite home stays"),
    6: _("BPA and extensive services at home"),
    7: _("institution"),
}


class ServiceType(models.Model):
    version = models.ForeignKey(
        CatalogueVersion, on_delete=models.PROTECT, related_name="service_types"
    )
    code = models.SlugField(_("code"), max_length=50)
    name_nb = models.CharField(_("name (bokmål)"), max_length=200)
    name_nn = models.CharField(_("name (nynorsk)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    # Aktivitets- og meistringstrapp: 1 is the least intrusive level.
    staircase_level = models.PositiveSmallIntegerField(_("staircase level"))
    scope_unit = models.CharField(_("unit of scope"), max_length=20)
    scope_period = models.CharField(_("per"), max_length=10, blank=True)
    max_quantity = models.PositiveIntegerField(_("maximum quantity"), null=True, blank=True)
    appeal_weeks = models.PositiveSmallIntegerField(_("appeal period (weeks)"))
    health_care = models.BooleanField(_("health care (journal duty)"), default=False)
    legal_basis = models.TextField(_("legal basis"))

    class Meta:
        verbose_name = _("service type")
        verbose_name_plural = _("service types")
        ordering = ["version", "staircase_level", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="service_type_code_unique")
        ]

    def __str__(self):
        return self.name_nb

    def name(self, language: str = "nb") -> str:
        return getattr(self, f"name_{language}", "") or self.name_nb

    @property
    def localized_name(self) -> str:
        """The name in the page's language (bokmål, nynorsk or English)."""
        return self.name((get_language() or "nb")[:2])

    @property
    def max_quantity_is_guideline(self) -> bool:
        """Whether max_quantity is a guideline's level (exceeded with a justification) rather
        than a legal limit; a limit is a guideline unless the catalogue says `binding: law`."""
        for service in self.version.snapshot.get("services", []):
            if service.get("code") != self.code:
                continue
            return all(
                criterion.get("params", {}).get("binding", "guideline") != "law"
                for criterion in service.get("criteria", [])
                if criterion.get("kind") == "quantity_limit"
            )
        return True

    @property
    def scope_label(self) -> str:
        return unit_and_period_label(self.scope_unit, self.scope_period or None)
