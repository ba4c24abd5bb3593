"""Query budgets (DESIGN 13): the zone page, the day plan page and the work list read in a
number of queries that does not grow with the recipients and visits on them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from omsorg.homecare.models import Task
from omsorg.homecare.services.patterns import PatternInput, pattern_create
from omsorg.homecare.services.plans import day_plan_create, day_plan_request

pytestmark = pytest.mark.django_db
MORNING = PatternInput("Morgen", [0, 1, 2, 3, 4, 5, 6], 450, 720, 15, "nurse", [Task.MEDICATION])


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_page_queries_do_not_grow_with_the_visits(
    client_as, base, worker, recipient, zone_leader, zone, today, django_capture_on_commit_callbacks
):
    nurse = worker("nurse")
    leader = client_as(zone_leader)
    counts = []
    for _round in range(2):
        for _n in range(3):  # three more recipients each round
            _, decision = recipient(km_east=_n + 1)
            pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                           data=MORNING)  # fmt: skip
        plan = zone.day_plans.filter(date=today).first()
        if plan is not None:
            plan.visits.all().delete()
            plan.delete()
        plan = day_plan_create(actor=zone_leader, zone=zone, date=today, today=today)
        with django_capture_on_commit_callbacks(execute=True):
            day_plan_request(actor=zone_leader, plan=plan, time_limit=1)
        zone_page = _queries(leader, reverse("homecare_zone", args=[zone.pk]))
        day_page = _queries(leader, reverse("homecare_day", args=[zone.pk, today.isoformat()]))
        work = _queries(client_as(nurse), reverse("homecare_worklist"))
        leader = client_as(zone_leader)
        counts.append((zone_page, day_page, work))
    assert counts[0] == counts[1], counts
