"""Catalogue back office. Versions are immutable; editing a service type saves a new version."""

from django.contrib import admin, messages

from omsorg.catalogue.models import CatalogueVersion, ServiceType
from omsorg.core.errors import OmsorgError

# Fields an administrator may revise; the rest (criteria, legal basis) change through YAML.
REVISABLE = {"staircase_level": "staircase_level", "max_quantity": "max_quantity"}


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(admin.ModelAdmin):
    list_display = ["catalogue", "number", "label", "valid_from", "created_at"]
    readonly_fields = [
        "catalogue",
        "number",
        "label",
        "valid_from",
        "snapshot",
        "checksum",
        "created_at",
        "created_by",
    ]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ["name_nb", "code", "version", "staircase_level", "scope_unit", "max_quantity"]
    list_filter = ["version"]
    fields = ["name_nb", "code", "version", "staircase_level", "max_quantity", "legal_basis"]
    readonly_fields = ["name_nb", "code", "version", "legal_basis"]

    def save_model(self, request, obj, form, change):
        """Never update the row in place: save the change as a new catalogue version."""
        changes = {REVISABLE[f]: form.cleaned_data[f] for f in form.changed_data if f in REVISABLE}
        if not changes:
            return
        original = ServiceType.objects.get(pk=obj.pk)
        # Imported here, not when the admin loads (every process's start-up): the catalogue's
        # services read the YAML specification with pydantic.
        from omsorg.catalogue.services import service_type_revise

        try:
            version = service_type_revise(
                actor=request.user, service_type=original, changes=changes
            )
        except OmsorgError as error:
            messages.error(request, error.text())
            return
        messages.success(request, f"{version}")

    def has_delete_permission(self, request, obj=None):
        return False
