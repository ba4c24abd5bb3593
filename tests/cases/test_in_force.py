"""One definition of "decisions in force" (Decision.objects.in_force), used by the access door,
the worklist, the respite entitlement and the demo."""

import datetime

import pytest

from omsorg.cases.deadlines import add_months
from omsorg.cases.models import Decision
from omsorg.cases.services.decisions import DecisionInput, decision_make
from omsorg.core.models import Role
from omsorg.people.access import accessible_persons

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def decide(caseworker, make_person, service_type, department, today):
    def make(*, outcome="granted", valid_from=today, months=6, unit=department):
        child = make_person(age_years=12)
        valid_to = add_months(valid_from, months) - DAY
        return decision_make(
            actor=caseworker,
            person=child,
            data=DecisionInput(
                service_type=service_type("support_contact"),
                outcome=outcome,
                reasons="Vurdert.",
                justification="Særlige forhold." if outcome == "refused" else "Vurdert.",
                quantity=None if outcome == "refused" else 8,
                valid_from=valid_from,
                valid_to=valid_to,
                review_date=valid_from + 30 * DAY,
                unit=unit,
                service_form="individual",
            ),
            today=today,
        )

    return make


def test_in_force_on_a_day_is_a_standing_grant_valid_that_day(decide, today):
    current = decide()
    later = decide(valid_from=add_months(today, 2))
    refused = decide(outcome="refused")
    on_today = set(Decision.objects.in_force(today, today))
    assert current in on_today
    assert later not in on_today and refused not in on_today
    assert later in set(Decision.objects.in_force(today))  # from today on
    assert current not in set(Decision.objects.in_force(add_months(today, 7)))


def test_a_replaced_or_ended_decision_is_not_in_force(decide, today):
    decision = decide()
    Decision.objects.filter(pk=decision.pk).update(status=Decision.Status.REPLACED)
    assert not Decision.objects.in_force(today, today).filter(pk=decision.pk).exists()
    assert not Decision.objects.in_force().filter(pk=decision.pk).exists()


def test_service_leader_need_comes_from_the_cases_provider(decide, users, department, today):
    """The door (people.access) asks the provider cases registered; a refusal gives no need."""
    granted = decide()
    refused = decide(outcome="refused")
    leader = users[Role.SERVICE_LEADER]
    assert leader.unit_id == department.pk
    readable = set(accessible_persons(leader, today))
    assert granted.person in readable
    assert refused.person not in readable
    expired_day = add_months(today, 7)
    assert granted.person not in set(accessible_persons(leader, expired_day))
