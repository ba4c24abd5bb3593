"""Checks and errors shared by the respite services."""

import datetime
import re

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import OmsorgError, PermissionDenied
from omsorg.core.models import Role, User
from omsorg.people.access import can_access_person, log_denied
from omsorg.respite.models import Placement, RespiteHome

HOME_STAFF_ROLES = {Role.SERVICE_LEADER, Role.CARE_WORKER}


class RuleBroken(OmsorgError):
    """A change to the home's stays that breaks a hard planning rule; says which and when."""

    code = "respite_rule_broken"
    http_status = 409
    default_message = _("The change breaks a planning rule: %(reasons)s.")


# The engine's checker names rules by number; these say them in the user's words.
RULE_TEXTS = {
    "hard rule 1": _(
        "the stay is shorter or longer than the child's limits, or leaves no night at home "
        "between two stays"
    ),
    "hard rule 2": _(
        "the home is closed, the family has blocked the night, or the decision does not cover it"
    ),
    "beds": _("all beds are taken"),
    "one-to-one": _("the home cannot staff another child with one-to-one needs that night"),
    "hard rule 4": _("a child who must not stay the same night is there"),
    "hard rule 5": _("the child's decision grants no more nights in that period"),
    "day rule 1": _(
        "the child cannot come by day that date: the decision does not cover it, the family has "
        "blocked it, or the child stays that night"
    ),
    "day rule 2": _("all day places are taken"),
    "day rule 3": _("the child's decision grants no more day stays in that period"),
    "day rule 4": _("a child who must not be there the same day is there"),
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class RuleReasons:
    """The broken rules with their nights, rendered in the active language when shown."""

    def __init__(self, violations: list[tuple[str, str]]):
        self.violations = violations

    def _key(self, rule: str, message: str) -> str:
        if rule == "hard rule 3":
            return "one-to-one" if "one-to-one" in message else "beds"
        return rule

    def __str__(self) -> str:
        nights: dict[str, set] = {}
        for rule, message in self.violations:
            found = {datetime.date.fromisoformat(d) for d in _ISO_DATE.findall(message)}
            nights.setdefault(self._key(rule, message), set()).update(found)
        parts = []
        for key, dates in nights.items():
            text = str(RULE_TEXTS.get(key, key))
            if dates:
                shown = ", ".join(
                    formats.date_format(d, "SHORT_DATE_FORMAT") for d in sorted(dates)
                )
                text = f"{text} ({shown})"
            parts.append(text)
        return "; ".join(parts)


def require_leader(actor: User, home: RespiteHome) -> None:
    """The home's service leader plans, moves stays and sets the home up."""
    if actor.role != Role.SERVICE_LEADER or actor.unit_id != home.unit_id:
        raise PermissionDenied()


def require_home_setup(actor: User, home: RespiteHome) -> None:
    """The home's service leader, or an administrator of its municipality, sets the home up:
    beds and staffing, closures, owners' shares."""
    if actor.role == Role.ADMINISTRATOR and actor.municipality_id == home.unit.municipality_id:
        return
    require_leader(actor, home)


def require_home_staff(actor: User, home: RespiteHome) -> None:
    if actor.role not in HOME_STAFF_ROLES or actor.unit_id != home.unit_id:
        raise PermissionDenied()


def require_service_need(actor: User, placement: Placement, today: datetime.date) -> None:
    """Staff write about a child only with a service need for the child (people.access)."""
    if not can_access_person(actor, placement.person_id, today):
        # Inside the service's transaction the access-log row rolls back with it; the
        # security log's line stays.
        log_denied(actor, placement.person_id, what="respite: write", channel="page")
        raise PermissionDenied()
