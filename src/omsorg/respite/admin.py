"""The back office for setting a home up: beds, staffing, closures, owners' shares.

Placements, stays and reports are not here: they hold children's data, and the admin cannot log
reads through people.access.
"""

from django.contrib import admin

from omsorg.respite.models import Closure, Owner, RespiteHome


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


class OwnerInline(admin.TabularInline):
    model = Owner
    extra = 0


@admin.register(RespiteHome)
class RespiteHomeAdmin(admin.ModelAdmin):
    list_display = ("unit", "beds", "max_one_to_one_per_night", "price_per_night")
    fields = (
        "unit",
        "beds",
        "max_one_to_one_per_night",
        "staffed_weekdays",
        "arrival_time",
        "departure_time",
        "price_per_night",
    )
    inlines = [OwnerInline, ClosureInline]
