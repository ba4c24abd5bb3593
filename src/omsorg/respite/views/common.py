"""Helpers the respite pages share."""

import datetime

from omsorg.core.clock import today
from omsorg.core.models import Role
from omsorg.respite import selectors


def month_of(request, param: str = "maaned") -> datetime.date:
    """The month asked for as ?maaned=YYYY-MM, else this month (its first day)."""
    value = request.GET.get(param, "")
    try:
        year, month = (int(part) for part in value.split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        return today().replace(day=1)


def neighbour_months(month: datetime.date) -> tuple[str, str]:
    before = (month - datetime.timedelta(days=1)).replace(day=1)
    after = (month + datetime.timedelta(days=32)).replace(day=1)
    return before.strftime("%Y-%m"), after.strftime("%Y-%m")


def home_for(request, home_id: int, *, figures: bool = False):
    return selectors.home_get(actor=request.user, home_id=home_id, figures=figures)


def is_leader(request, home) -> bool:
    user = request.user
    return user.role == Role.SERVICE_LEADER and user.unit_id == home.unit_id
