"""The work list on the phone (issue 10 §4) and the access door: a care worker reads only the
persons on her route today, every read logged; she marks her visits started, done or not done
with a reason; the leader sees the not-done visits; continuity counts the staff a person met."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from omsorg.core.errors import InvalidInput, NotFound, PermissionDenied
from omsorg.homecare.models import Task, Visit
from omsorg.homecare.selectors import continuity, not_done_list, visit_for_worker, worklist
from omsorg.homecare.services.patterns import PatternInput, pattern_create
from omsorg.homecare.services.plans import day_plan_create, day_plan_request
from omsorg.homecare.services.visits import (
    delivered_time,
    visit_done,
    visit_not_done,
    visit_start,
)
from omsorg.people.access import access_person_by_id, can_access_person
from omsorg.people.models import AccessLog
from omsorg.steering.models import Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned_today(base, worker, recipient, zone_leader, zone, today,
                  django_capture_on_commit_callbacks):  # fmt: skip
    """Two nurses on shift today, three persons with a morning visit; planned."""
    nurses = [worker("nurse"), worker("nurse")]
    persons = []
    for km in (1, 2, 3):
        person, decision = recipient(km_east=km)
        persons.append(person)
        pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                       data=PatternInput("Morgen", [0, 1, 2, 3, 4, 5, 6], 450, 600, 20, "nurse",
                                         [Task.MEDICATION]))  # fmt: skip
    plan = day_plan_create(actor=zone_leader, zone=zone, date=today, today=today)
    with django_capture_on_commit_callbacks(execute=True):
        day_plan_request(actor=zone_leader, plan=plan, time_limit=2)
    plan.refresh_from_db()
    return plan, nurses, persons


def test_a_care_worker_reads_only_the_persons_on_her_route(planned_today, today):
    plan, nurses, persons = planned_today
    nurse = next(n for n in nurses if plan.visits.filter(staff=n).exists())
    mine = {v.person_id for v in plan.visits.filter(staff=nurse)}
    for person in persons:
        assert can_access_person(nurse, person.pk, today) == (person.pk in mine)
    stranger = next(p for p in persons if p.pk not in mine) if len(mine) < 3 else None
    if stranger is not None:
        with pytest.raises(NotFound):
            access_person_by_id(nurse, stranger.pk, today=today, what="t", channel="page")
        assert AccessLog.objects.filter(actor=nurse, person=stranger, denied=True).exists()
    assert not any(
        can_access_person(nurse, p.pk, today + datetime.timedelta(days=1)) for p in persons
    )  # fmt: skip  (tomorrow's route is not planned)


def test_the_work_list_is_the_route_in_order_and_each_read_is_logged(planned_today, today):
    plan, nurses, _persons = planned_today
    nurse = next(n for n in nurses if plan.visits.filter(staff=n).exists())
    visits = worklist(actor=nurse, date=today)
    assert [v.start for v in visits] == sorted(v.start for v in visits)
    assert {v.staff_id for v in visits} == {nurse.pk}
    logged = AccessLog.objects.filter(actor=nurse, what="homecare: work list")
    assert {row.person_id for row in logged} == {v.person_id for v in visits}


def test_start_done_and_not_done_with_a_reason(planned_today, zone_leader, zone, today):
    plan, nurses, _persons = planned_today
    nurse = next(n for n in nurses if plan.visits.filter(staff=n).exists())
    first, *rest = worklist(actor=nurse, date=today)
    first = visit_start(actor=nurse, visit=first, expected_version=first.version, today=today)
    first = visit_done(actor=nurse, visit=first, expected_version=first.version, today=today,
                       report="Tok medisinene. God form.")  # fmt: skip
    assert (first.status, first.delivered_minutes) == (Visit.Status.DONE, 20)
    # Delivered time (issue 10 §5): person, service, zone, day and hours, for the steering
    # figures of decided vs delivered.
    row = Registration.objects.get(pk=first.registration_id)
    assert (row.person_id, row.unit_id, row.date) == (first.person_id, zone.pk, today)
    assert (row.service_type.code, row.hours) == ("home_nursing", Decimal("0.33"))
    other = next(n for n in nurses if n != nurse)
    with pytest.raises(PermissionDenied):
        visit_done(actor=other, visit=first, expected_version=first.version, today=today)
    if rest:
        missed = rest[0]
        with pytest.raises(InvalidInput) as refused:
            visit_not_done(actor=nurse, visit=missed, reason=" ", today=today,
                           expected_version=missed.version)  # fmt: skip
        assert refused.value.field == "reason"
        visit_not_done(actor=nurse, visit=missed, reason="Ikke hjemme", today=today,
                       expected_version=missed.version)  # fmt: skip
        listed = not_done_list(actor=zone_leader, zone=zone, today=today)
        assert [(v.pk, v.not_done_reason) for v in listed] == [(missed.pk, "Ikke hjemme")]
    assert continuity(zone=zone, today=today, person_ids=[first.person_id]) == {first.person_id: 1}


def test_another_workers_visit_is_a_404(planned_today, worker, today):
    plan, _nurses, _persons = planned_today
    visit = plan.visits.exclude(staff=None).first()
    with pytest.raises(NotFound):
        visit_for_worker(actor=worker("assistant"), visit_id=visit.pk, today=today)


def test_the_phone_pages_mark_a_visit_done(planned_today, client_as, today):
    plan, nurses, _persons = planned_today
    nurse = next(n for n in nurses if plan.visits.filter(staff=n).exists())
    client = client_as(nurse)
    page = client.get(reverse("homecare_worklist"))
    assert page.status_code == 200
    visit = worklist(actor=nurse, date=today)[0]
    detail = client.get(reverse("homecare_visit", args=[visit.pk]))
    assert "Nøkkelboks ved døra" in detail.content.decode()
    answer = client.post(reverse("homecare_visit_done", args=[visit.pk]),
                         {"version": visit.version, "report": "Alt vel."})  # fmt: skip
    assert answer.status_code == 302
    visit.refresh_from_db()
    assert (visit.status, visit.report) == (Visit.Status.DONE, "Alt vel.")
    assert client.get(reverse("homecare_home")).url == reverse("homecare_worklist")


def test_a_double_visit_is_the_persons_time_once(
    base, worker, recipient, zone_leader, zone, today, django_capture_on_commit_callbacks
):
    worker("nurse"), worker("nurse")
    _, decision = recipient()
    pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                   data=PatternInput("Stell", [0, 1, 2, 3, 4, 5, 6], 450, 600, 30, "nurse",
                                     [Task.PERSONAL_CARE], staff_count=2))  # fmt: skip
    plan = day_plan_create(actor=zone_leader, zone=zone, date=today, today=today)
    with django_capture_on_commit_callbacks(execute=True):
        day_plan_request(actor=zone_leader, plan=plan, time_limit=1)
    for half in plan.visits.all():
        visit_done(actor=half.staff, visit=half, expected_version=half.version, today=today)
    rows = Registration.objects.filter(person=decision.person)
    assert [row.hours for row in rows] == [Decimal("0.50")]


def _worked(visit: Visit, minutes: float) -> Visit:
    """The visit as if marked started `minutes` ago (the phone's taps are minutes apart)."""
    visit.started_at = visit.started_at - datetime.timedelta(minutes=minutes)
    Visit.objects.filter(pk=visit.pk).update(started_at=visit.started_at)
    return visit


def test_delivered_time_is_the_time_between_started_and_done(planned_today, today):
    """Issue 10 §5: a visit marked started and done registers the minutes worked (35 of a
    planned 20), as journal systems do; the basis is recorded on the visit."""
    plan, nurses, _persons = planned_today
    nurse = next(n for n in nurses if plan.visits.filter(staff=n).exists())
    first = worklist(actor=nurse, date=today)[0]
    first = visit_start(actor=nurse, visit=first, expected_version=first.version, today=today)
    first = visit_done(actor=nurse, visit=_worked(first, 35), expected_version=first.version,
                       today=today)  # fmt: skip
    first.refresh_from_db()
    assert (first.delivered_minutes, first.delivered_basis) == (35, Visit.Basis.MEASURED)
    assert Registration.objects.get(pk=first.registration_id).hours == Decimal("0.58")


@pytest.mark.parametrize(
    ("worked", "marked_started", "expected"),
    [
        (35, True, (35, "measured")),
        (5, True, (5, "measured")),  # a quarter of 20 minutes is believed
        (4.4, True, (20, "too_short")),  # started and done tapped together at the door
        (0, True, (20, "too_short")),
        (100, True, (100, "measured")),  # twice the duration plus an hour
        (101, True, (20, "too_long")),  # "done" tapped at the end of the shift
        (0, False, (20, "not_started")),  # marked done straight away
    ],
)
def test_delivered_time_bounds_fall_back_to_the_planned_duration(worked, marked_started,
                                                                 expected):  # fmt: skip
    done = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC)
    visit = Visit(duration=20, started_at=done - datetime.timedelta(minutes=worked),
                  finished_at=done)  # fmt: skip
    assert delivered_time(visit, marked_started=marked_started) == expected


def test_a_visit_done_without_being_started_registers_the_planned_duration(planned_today, today):
    plan, nurses, _persons = planned_today
    nurse = next(n for n in nurses if plan.visits.filter(staff=n).exists())
    first = worklist(actor=nurse, date=today)[0]
    first = visit_done(actor=nurse, visit=first, expected_version=first.version, today=today)
    first.refresh_from_db()
    assert (first.delivered_minutes, first.delivered_basis) == (20, Visit.Basis.NOT_STARTED)
    assert first.started_at == first.finished_at
