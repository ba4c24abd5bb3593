"""The back office for steering's configuration: the hours one unit of a service's scope
counts as in decided vs delivered (issue 9 §2), dated per municipality and service. Unit heads
and management edit these, and the cost model's assumptions, on /styring/forutsetninger/.

Imported rows (registrations, staff, budget, KOSTRA) are not here: they change only through
an import, which is an event that can be undone.
"""

from django.contrib import admin

from omsorg.steering.models import HoursPerUnit


@admin.register(HoursPerUnit)
class HoursPerUnitAdmin(admin.ModelAdmin):
    list_display = ("municipality", "service_code", "scope_unit", "hours_per_unit", "valid_from")
    list_filter = ("municipality", "scope_unit")
    ordering = ("municipality", "service_code", "scope_unit", "-valid_from")
    readonly_fields = ("version",)  # bumped by the assumptions page's optimistic locking
