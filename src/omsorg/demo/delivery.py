"""Decided vs delivered in the demo (issue 9 §2): the hours a respite night counts as.

The delivered hours themselves come from the demo's imported registrations
(omsorg.demo.steering_data, 10 hours a night) and the respite homes' stays.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from omsorg.core.models import Municipality
from omsorg.steering.models import NightHours

HOURS_PER_NIGHT = Decimal(10)  # as omsorg.demo.steering_data counts a night


def night_hours_demo(*, municipality: Municipality) -> None:
    for code in ("respite_home", "private_respite"):
        NightHours.objects.get_or_create(
            municipality=municipality, service_code=code, valid_from=datetime.date(2000, 1, 1),
            defaults={"hours_per_night": HOURS_PER_NIGHT},
        )  # fmt: skip
