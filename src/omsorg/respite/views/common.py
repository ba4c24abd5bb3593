"""Helpers the respite pages share."""

import datetime

from django.utils.translation import gettext_lazy as _

from omsorg.core.clock import today
from omsorg.core.errors import BadRequest
from omsorg.core.models import Role
from omsorg.respite import selectors

# The years a respite calendar or an invoice can be asked for; beyond them a month is a
# typing error (9999-12 overflowed into a 500, issue 8 §3).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BadRequest(
            _("Choose a month between %(first)s and %(last)s."), first=FIRST_YEAR, last=LAST_YEAR
        )


def month_of(request, param: str = "maaned") -> datetime.date:
    """The month asked for as ?maaned=YYYY-MM, else this month (its first day)."""
    value = request.GET.get(param, "")
    try:
        year, month = (int(part) for part in value.split("-"))
        chosen = datetime.date(year, month, 1)
    except ValueError:
        return today().replace(day=1)
    check_year(chosen.year)
    return chosen


def neighbour_months(month: datetime.date) -> tuple[str, str]:
    before = (month - datetime.timedelta(days=1)).replace(day=1)
    after = (month + datetime.timedelta(days=32)).replace(day=1)
    return before.strftime("%Y-%m"), after.strftime("%Y-%m")


def home_for(request, home_id: int, *, figures: bool = False):
    return selectors.home_get(actor=request.user, home_id=home_id, figures=figures)


def is_leader(request, home) -> bool:
    user = request.user
    return user.role == Role.SERVICE_LEADER and user.unit_id == home.unit_id
