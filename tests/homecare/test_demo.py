"""The demo's home care (seed 002, issue 10 "Done when"): the persona's zone (Lundhaugen, led by
soneleder) has a day shift and an evening shift of two, and its evening visits (help to bed,
evening medication) are planned onto the evening shift."""

import datetime
import random

import pytest

from omsorg.core.models import Role
from omsorg.homecare.demo import EVENING_SHIFT, build_homecare_demo
from omsorg.homecare.models import StaffMember, Visit
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_persona_zone_has_an_evening_shift_that_gets_the_evening_visits(
    hc_municipality, zone, zone_leader, recipient, today
):
    factories.user(hc_municipality, Role.CARE_WORKER, unit=zone, username="sykepleier")
    for _ in range(7):
        factories.user(hc_municipality, Role.CARE_WORKER, unit=zone)
    for km in (1, 2, 3, 4):
        recipient(km_east=km)
    build_homecare_demo(municipality=hc_municipality, today=today, rng=random.Random(2))
    evening = StaffMember.objects.filter(zone=zone, shift_start=EVENING_SHIFT[0])
    assert sorted(evening.values_list("level", flat=True)) == ["health_worker", "nurse"]
    tomorrow = today + datetime.timedelta(days=1)
    late = Visit.objects.filter(day_plan__zone=zone, day_plan__date=tomorrow,
                                label__in=["Kveldsstell", "Kveldsmedisin"])  # fmt: skip
    assert late.count() == 5  # help to bed for four, evening medication for one
    on_evening = {m.user_id for m in evening}
    for visit in late:
        assert visit.staff_id in on_evening, (visit.label, visit.unassigned_reason)
        assert visit.window_start <= visit.start <= visit.window_end
