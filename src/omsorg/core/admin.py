"""The back office for administrators: organisation and users, never case data.

Persons and cases are not registered here on purpose: every read of them must go through
people.access, which checks service need and logs the read.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from omsorg.core.models import Municipality, Unit, User


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
