"""How a scope reads, in the active language: "10 timer per måned", "1 natt per uke".

The one home of the scope's words: model choices, page labels and letters all come from here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from omsorg.core.scope import NO_SCOPE, Scope, ScopePeriod, ScopeUnit

UNIT_LABELS = {
    ScopeUnit.HOURS: gettext_lazy("hours"),
    ScopeUnit.NIGHTS: gettext_lazy("nights"),
    ScopeUnit.DAYS: gettext_lazy("days"),
    ScopeUnit.WEEKENDS: gettext_lazy("weekends"),
    ScopeUnit.VISITS: gettext_lazy("visits"),
    ScopeUnit.MEALS: gettext_lazy("meals"),
}
PERIOD_LABELS = {
    ScopePeriod.WEEK: pgettext_lazy("scope", "per week"),
    ScopePeriod.MONTH: pgettext_lazy("scope", "per month"),
    ScopePeriod.YEAR: pgettext_lazy("scope", "per year"),
    ScopePeriod.STAY: pgettext_lazy("scope", "per stay"),
}
NO_SCOPE_LABEL = gettext_lazy("no countable scope")

# Model choices made from the one vocabulary (Django's functional Choices API).
ScopeUnitChoices = models.TextChoices(
    "ScopeUnitChoices", [(unit.name, (unit.value, UNIT_LABELS[unit])) for unit in ScopeUnit]
)
ScopePeriodChoices = models.TextChoices(
    "ScopePeriodChoices",
    [(period.name, (period.value, PERIOD_LABELS[period])) for period in ScopePeriod],
)


def _amount(scope: Scope) -> str:
    n = scope.quantity
    words = {
        ScopeUnit.HOURS: ngettext("%(count)s hour", "%(count)s hours", n),
        ScopeUnit.NIGHTS: ngettext("%(count)s night", "%(count)s nights", n),
        ScopeUnit.DAYS: ngettext("%(count)s day", "%(count)s days", n),
        ScopeUnit.WEEKENDS: ngettext("%(count)s weekend", "%(count)s weekends", n),
        ScopeUnit.VISITS: ngettext("%(count)s visit", "%(count)s visits", n),
        ScopeUnit.MEALS: ngettext("%(count)s meal", "%(count)s meals", n),
    }
    return words[scope.unit] % {"count": n}


def scope_text(scope: Scope | None) -> str:
    """The scope in words and numbers, with the right plural ("1 natt", "2 netter")."""
    if scope is None:
        return ""
    amount = _amount(scope)
    if scope.period is None:
        return amount
    return f"{amount} {PERIOD_LABELS[scope.period]}"


def unit_and_period_label(unit: str, period: str | None) -> str:
    """What a catalogue service is measured in ("hours per month"), without a number."""
    if unit == NO_SCOPE or not unit:
        return str(NO_SCOPE_LABEL)
    label = str(UNIT_LABELS[ScopeUnit(unit)])
    return f"{label} {PERIOD_LABELS[ScopePeriod(period)]}" if period else label
