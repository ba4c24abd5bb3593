"""Decided vs delivered in the demo (issue 9 §2): the hours a unit of a scope counts as.

The delivered hours themselves come from the demo's imported registrations
(omsorg.demo.steering_data: 10 hours a night of private respite, half an hour a visit) and the
respite homes' stays (the nights of respite home stays are not registered again).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from omsorg.core.models import Municipality
from omsorg.steering.models import HoursPerUnit

HOURS_PER_NIGHT = Decimal(10)  # as omsorg.demo.steering_data counts a night
HOURS_PER_VISIT = Decimal("0.5")  # as omsorg.demo.steering_data counts a visit
DEMO_HOURS = (
    ("respite_home", "nights", HOURS_PER_NIGHT),
    ("private_respite", "nights", HOURS_PER_NIGHT),
    ("home_nursing", "visits", HOURS_PER_VISIT),
    ("rehabilitation_at_home", "visits", HOURS_PER_VISIT),
)


def hours_per_unit_demo(*, municipality: Municipality) -> None:
    for code, unit, hours in DEMO_HOURS:
        HoursPerUnit.objects.get_or_create(
            municipality=municipality, service_code=code, scope_unit=unit,
            valid_from=datetime.date(2000, 1, 1), defaults={"hours_per_unit": hours},
        )  # fmt: skip
