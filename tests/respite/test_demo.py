"""The respite demo: two homes (Flata, the IKS with six owners), children with decisions made
through the case services, guardians with logins, past stays with reports (some missing), an
accepted plan for the coming month whose stays the engine's checker accepts."""

import datetime
import random

import pytest
from django.db.models import F

from omsorg.cases.deadlines import add_months
from omsorg.cases.services.decisions import DecisionInput, decision_make, decision_notify
from omsorg.core.models import Role
from omsorg.people.models import Relative
from omsorg.planning.respite import Stay as EngineStay
from omsorg.planning.respite import check_plan, parse_instance
from omsorg.respite.demo import build_respite_demo
from omsorg.respite.models import Owner, PlanRun, Stay, StayReport
from omsorg.respite.selectors import home_worklist

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(municipality, caseworker, department, today):
    return build_respite_demo(
        municipality=municipality, actor=caseworker, today=today, rng=random.Random(7),
        plan_seconds=1,
    )  # fmt: skip


def test_demo_builds_two_homes_with_owners_guardians_stays_and_reports(demo, today):
    flata, iks = demo.homes
    assert (flata.unit.name, flata.beds) == ("Flata avlastning", 4)
    assert Owner.objects.filter(home=iks).count() == 6
    owners = set(Owner.objects.filter(home=iks).values_list("municipality_id", flat=True))
    bought = iks.placements.exclude(municipality_id__in=owners)
    assert bought.count() == 2  # spare capacity sold to a municipality outside the IKS
    guardians = [login for login in demo.logins if login[0].startswith("foresatt")]
    assert len(guardians) == 18
    assert Relative.objects.filter(user__role=Role.GUARDIAN).count() == 18
    assert PlanRun.objects.filter(status=PlanRun.Status.ACCEPTED).count() == 4
    for home in demo.homes:
        coming = home.stays.filter(first_night__gte=today).exclude(status="cancelled")
        assert coming.exists()
        assert coming.filter(status=Stay.Status.CONFIRMED).exists()
        assert StayReport.objects.filter(stay__home=home, status="reviewed").exists()
        leader = home.unit.staff.filter(role=Role.SERVICE_LEADER).first()
        assert home_worklist(actor=leader, home=home, today=today)["missing_reports"]


def test_demo_plans_keep_every_hard_rule(demo):
    """The engine's own checker on each accepted run's stays as they are in the database."""
    for run in PlanRun.objects.filter(status=PlanRun.Status.ACCEPTED):
        instance = parse_instance(run.instance)
        stays = [
            EngineStay(f"c{s.placement_id}", f"h{s.home_id}", s.first_night, s.nights)
            for s in run.home.stays.exclude(status="cancelled")
            if run.first_night <= s.first_night and s.last_night <= run.last_night
        ]
        assert stays
        assert check_plan(instance, stays) == []


def test_demo_builds_when_the_case_spine_already_placed_a_child_without_care_workers(
    municipality, caseworker, department, make_person, service_type, today
):
    """`omsorg demo --size full` failed here: a child the case spine gave a respite decision
    for Flata had no care worker, so the leader wrote its reports and then reviewed them
    ("Someone other than the writer reviews the report"). Seed 000: written feedback after
    every stay, read through by someone other than the writer."""
    person = make_person(age_years=10)
    start = today - datetime.timedelta(days=120)
    decision = decision_make(
        actor=caseworker,
        person=person,
        data=DecisionInput(
            service_type=service_type("respite_home"), outcome="granted",
            reasons="Særlig tyngende omsorg.", quantity=8, scope_period="month",
            valid_from=start, valid_to=add_months(start, 12), review_date=add_months(start, 11),
            justification="Skjønn.", unit=department,
        ),
        today=start,
    )  # fmt: skip
    decision_notify(actor=caseworker, decision=decision, notified_on=start, today=start)
    build_respite_demo(municipality=municipality, actor=caseworker, today=today,
                       rng=random.Random(7), plan_seconds=1)  # fmt: skip
    assert person.placements.exists()
    reports = StayReport.objects.all()
    assert reports.filter(stay__placement__person=person).exists()
    assert not reports.filter(reviewed_by_id=F("created_by_id")).exists()
    assert reports.filter(status="reviewed").exists()
