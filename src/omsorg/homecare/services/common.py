"""Checks and errors the home-care services share."""

from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import InvalidInput, OmsorgError
from omsorg.homecare.rules import MINUTES_PER_DAY


class RuleBroken(OmsorgError):
    """A change to a day plan that breaks a hard planning rule; says which."""

    code = "homecare_rule_broken"
    http_status = 409
    default_message = _("The change breaks a planning rule: %(reasons)s.")


# The routing checker's rules (plan_io.rules_broken), in the leader's words.
RULE_TEXTS = {
    "skills": _("the staff member lacks the competence the visit needs"),
    "window": _("the visit cannot start inside its time window"),
    "shift_end": _("the route would end after the shift"),
    "two_staff": _("a double visit needs two different staff"),
    "linked_whole": _("linked visits are planned together or not at all"),
    "gap": _("the time between linked visits would be wrong"),
    "capacity": _("the staff member cannot carry more"),
    "schedule": _("no schedule keeps every hard rule"),
}


class RuleNames:
    """The broken rules, rendered in the active language when shown."""

    def __init__(self, keys: list[str]):
        self.keys = keys

    def __str__(self) -> str:
        return "; ".join(str(RULE_TEXTS.get(key, key)) for key in self.keys)


def check_minute(value: int, field: str) -> None:
    if not 0 <= value <= MINUTES_PER_DAY:
        raise InvalidInput(_("A time of day is between 00:00 and 24:00."), field=field)
