"""The back office for administrators: organisation and users, never case data.

Persons and cases are not registered here on purpose: every read of them must go through
people.access, which checks service need and logs the read.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from omsorg.core.models import ApiToken, Municipality, Unit, User


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "written_language", "coordinating_unit"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "municipality", "parent", "places"]
    list_filter = ["kind", "municipality"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "unit", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Role and unit"), {"fields": ["role", "municipality", "unit"]}),
    ]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Every bearer token issued: an administrator revokes them (a lost laptop, a leaver)."""

    list_display = ["user", "created_at", "expires_at", "revoked_at", "address"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    readonly_fields = ["user", "created_at", "expires_at", "revoked_at", "address"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # tokens are issued by logging in through the API, not made by hand

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        from omsorg.core.tokens import tokens_revoke_selected  # at use: keeps start-up light

        count = tokens_revoke_selected(queryset)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
            % {"count": count},
        )
