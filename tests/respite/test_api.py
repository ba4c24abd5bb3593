"""Respite under /api/v1/ (issue 7, "API"): homes, plans, stays and stay reports with the
pages' access rules. Seed 000 (the respite home, feedback after every stay, four eyes) and
Normen (names only with a service need, every read logged, errors in Norwegian and English)."""

import datetime

import pytest

from omsorg.core.models import Role
from omsorg.people.models import AccessLog
from omsorg.respite.models import PlanRun
from omsorg.respite.services.stays import stay_create
from tests.api_support import API, assert_error, post, session_client, token_client

from .conftest import next_monday

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_leader_lists_homes_and_stays_with_names_logged_on_the_api_channel(
    leader, home, child, today
):
    placement = child()
    first = next_monday(today)
    stay_create(actor=leader, placement=placement, first_night=first, nights=2, today=today)
    client = token_client(leader)
    homes = client.get(f"{API}/respite/homes").json()
    assert [(h["id"], h["beds"], h["company"]) for h in homes] == [(home.pk, 2, None)]
    response = client.get(f"{API}/respite/homes/{home.pk}/stays?first={first}&days=7")
    assert response.status_code == 200
    (stay,) = response.json()
    assert (stay["child"], stay["nights"], stay["status"]) == (
        placement.person.full_name, 2, "planned"
    )  # fmt: skip
    assert AccessLog.objects.filter(actor=leader, channel="api", person=placement.person).exists()


def test_care_worker_sees_occupied_for_a_child_she_does_not_serve(
    care_worker, leader, home, child, assign, today
):
    served, other = child(), child()
    assign(served, care_worker)
    first = next_monday(today)
    for placement in (served, other):
        stay_create(actor=leader, placement=placement, first_night=first, nights=1, today=today)
    body = token_client(care_worker).get(f"{API}/respite/homes/{home.pk}/stays?first={first}")
    names = sorted(stay["child"] for stay in body.json())
    assert names == sorted([served.person.full_name, "opptatt"])
    stay_id = home.stays.get(placement=other).pk
    assert_error(
        token_client(care_worker).get(f"{API}/respite/homes/{home.pk}/stays/{stay_id}"),
        404, "not_found",
    )  # fmt: skip


def test_management_sees_the_home_but_not_its_children(users, home):
    client = token_client(users[Role.MANAGEMENT])
    assert client.get(f"{API}/respite/homes/{home.pk}").status_code == 200
    assert_error(client.get(f"{API}/respite/homes/{home.pk}/stays"), 404, "not_found")


def test_a_move_over_capacity_is_refused_in_norwegian_and_english(leader, home, child, today):
    a, b, c = child(), child(), child()  # two beds
    monday = next_monday(today, weeks=2)
    for placement in (a, b):
        stay_create(actor=leader, placement=placement, first_night=monday, nights=2, today=today)
    stay = stay_create(actor=leader, placement=c, first_night=monday + 3 * DAY, nights=1,
                       today=today)  # fmt: skip
    path = f"/respite/homes/{home.pk}/stays/{stay.pk}/move"
    body = {"first_night": monday.isoformat(), "nights": 1, "version": stay.version}
    error = assert_error(post(token_client(leader), path, body), 409, "respite_rule_broken")
    assert "alle sengene er opptatt" in error["message"]
    assert "all beds are taken" in error["message_en"]
    moved = post(
        token_client(leader), path, {**body, "first_night": (monday + 4 * DAY).isoformat()}
    )
    assert moved.status_code == 200 and moved.json()["version"] == 2


def test_leader_asks_for_a_plan_and_reads_it_in_plain_words(
    leader, home, child, today, django_capture_on_commit_callbacks
):
    for _ in range(2):
        child(quantity=2, per="week")
    first = next_monday(today)
    body = {"first_night": first.isoformat(), "last_night": (first + 13 * DAY).isoformat(),
            "time_limit": 2}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = post(token_client(leader), f"/respite/homes/{home.pk}/plans", body)
    assert response.status_code == 201
    run = PlanRun.objects.get()
    detail = token_client(leader).get(f"{API}/respite/homes/{home.pk}/plans/{run.pk}").json()
    assert detail["status"] == "finished"
    assert detail["words"]["lowest_percent"] == 100 and detail["words"]["share_proven"]
    assert detail["stays"]
    accepted = post(token_client(leader), f"/respite/homes/{home.pk}/plans/{run.pk}/accept",
                    {"version": detail["version"]})  # fmt: skip
    assert accepted.json()["status"] == "accepted"


def test_stay_report_four_eyes_over_the_api(
    leader, care_worker, home, child, assign, past_stay, today
):
    placement = child(valid_from=today - 30 * DAY)
    assign(placement, care_worker)
    stay = past_stay(placement, ago=2)
    path = f"/respite/homes/{home.pk}/stays/{stay.pk}/report"
    written = post(token_client(care_worker), path,
                   {"sleep": "Sov godt.", "food": "Middag.", "activities": "Tur."})  # fmt: skip
    assert written.status_code == 201
    assert written.json()["may_review"] is False  # never the writer
    assert_error(post(token_client(care_worker), f"{path}/review", {"version": 1}), 403,
                 "permission_denied")  # fmt: skip
    reviewed = post(session_client(leader), f"{path}/review", {"version": 1})
    assert reviewed.status_code == 200 and reviewed.json()["status"] == "reviewed"


def test_an_unknown_home_is_not_found(leader):
    assert_error(token_client(leader).get(f"{API}/respite/homes/999999"), 404, "not_found")
