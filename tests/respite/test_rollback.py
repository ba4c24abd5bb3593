"""Issue 8 §2: accepting a plan that fails in the database leaves nothing behind.

The database refuses the event of the plan's last new stay (tests/db_failure.py): the run is
already accepted and every other stay written when it fails. The run, the stays and the case
events must be as before, and the plan can then be accepted.
"""

import datetime

import pytest
from django.db import DatabaseError

from omsorg.core.models import CaseEvent
from omsorg.respite.models import PlanRun, Stay
from omsorg.respite.services.plans import plan_run_accept, plan_run_request
from tests.db_failure import failing_event, table_counts

from .conftest import next_monday

pytestmark = pytest.mark.django_db(transaction=True)
FOUR_WEEKS = datetime.timedelta(days=27)


def test_a_failed_plan_accept_leaves_the_run_finished_and_no_stay(child, leader, home, today):
    for _ in range(3):
        child(quantity=2, per="week", min_nights=1, max_nights=2)
    first = next_monday(today)
    run = plan_run_request(actor=leader, home=home, first_night=first,
                           last_night=first + FOUR_WEEKS, time_limit=3, today=today)  # fmt: skip
    run.refresh_from_db()
    assert run.status == PlanRun.Status.FINISHED  # the immediate backend ran it on commit
    planned = len(run.result["stays"])
    assert planned > 1
    earlier = CaseEvent.objects.filter(kind="stay_planned").count()
    before = table_counts()
    with failing_event("stay_planned", after=earlier + planned - 1), pytest.raises(DatabaseError):
        plan_run_accept(actor=leader, run=run, expected_version=run.version, today=today)
    assert table_counts() == before
    run.refresh_from_db()
    assert run.status == PlanRun.Status.FINISHED and not Stay.objects.exists()
    created = plan_run_accept(actor=leader, run=run, expected_version=run.version, today=today)
    assert len(created) == planned
