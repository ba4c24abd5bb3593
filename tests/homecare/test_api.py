"""The home-care API (issue 10 under /api/v1/): zones, a zone's day plan with routes and the
visits left out with reasons, the care worker's own work list, a visit marked started, done
or not done; the pages' access rules (404 for another's zone or visit, names only of persons
the caller serves, every person read logged on the "api" channel); errors in both languages."""

import datetime

import pytest

from omsorg.homecare.models import Task, Visit
from omsorg.homecare.services.patterns import PatternInput, pattern_create
from omsorg.homecare.services.plans import day_plan_create, day_plan_request
from omsorg.people.models import AccessLog
from omsorg.steering.models import Registration
from tests.api_support import API, assert_error, post, token_client

pytestmark = pytest.mark.django_db
EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]


@pytest.fixture
def planned(base, worker, recipient, zone_leader, zone, today,
            django_capture_on_commit_callbacks):  # fmt: skip
    """A nurse and an assistant on shift today; two persons with a morning medication visit
    (nurse) and one without coordinates (left out: no address); planned."""
    nurse, assistant = worker("nurse"), worker("assistant")
    persons = []
    for km, located in ((1, True), (2, True), (3, False)):
        person, decision = recipient(km_east=km, located=located)
        persons.append(person)
        pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                       data=PatternInput("Morgen", EVERY_DAY, 450, 600, 20, "nurse",
                                         [Task.MEDICATION]))  # fmt: skip
    plan = day_plan_create(actor=zone_leader, zone=zone, date=today, today=today)
    with django_capture_on_commit_callbacks(execute=True):
        day_plan_request(actor=zone_leader, plan=plan, time_limit=1)
    plan.refresh_from_db()
    return plan, nurse, assistant, persons


def test_zones_lists_the_leaders_zone_and_the_workers_zone(planned, zone, zone_leader):
    _plan, nurse, _assistant, _persons = planned
    led = token_client(zone_leader).get(f"{API}/homecare/zones").json()
    assert [(z["id"], z["plans"]) for z in led] == [(zone.pk, True)]
    assert led[0]["base"]["latitude"] == pytest.approx(62.83)
    worked = token_client(nurse).get(f"{API}/homecare/zones").json()
    assert [(z["id"], z["plans"]) for z in worked] == [(zone.pk, False)]


def test_the_leader_reads_the_day_plan_with_routes_and_reasons_logged(
    planned, zone, zone_leader, today
):
    plan, nurse, _assistant, persons = planned
    answer = token_client(zone_leader).get(f"{API}/homecare/zones/{zone.pk}/days/{today}")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["status"] == "planned" and body["version"] == plan.version
    routes = {r["staff"]["id"]: r for r in body["routes"]}
    assert [v["person"]["id"] for v in routes[nurse.pk]["visits"]] == [
        v.person_id for v in plan.visits.filter(staff=nurse).order_by("start")
    ]
    first = routes[nurse.pk]["visits"][0]
    assert first["start_time"] == f"{int(first['start']) // 60:02d}:{int(first['start']) % 60:02d}"
    # The person without coordinates is left out, with the reason as code and words.
    [left] = body["unassigned"]
    assert (left["person"]["id"], left["unassigned_reason"]) == (persons[2].pk, "no_address")
    assert left["unassigned_reason_text"] == "adressen mangler koordinater"
    logged = AccessLog.objects.filter(actor=zone_leader, what="homecare: day plan", channel="api")
    assert {row.person_id for row in logged} == {p.pk for p in persons}


def test_a_care_worker_cannot_read_the_zones_day_plan(planned, zone, today):
    _plan, nurse, _assistant, _persons = planned
    answer = token_client(nurse).get(f"{API}/homecare/zones/{zone.pk}/days/{today}")
    assert_error(answer, 404, "not_found")


def test_a_day_that_is_not_a_date_is_refused_naming_the_field(planned, zone, zone_leader):
    answer = token_client(zone_leader).get(f"{API}/homecare/zones/{zone.pk}/days/2026-13-45")
    assert_error(answer, 422, "invalid_input", field="day")


def test_the_nurse_works_through_her_list_over_the_api(planned, zone, today):
    plan, nurse, _assistant, _persons = planned
    client = token_client(nurse)
    visits = client.get(f"{API}/homecare/worklist").json()
    assert [v["id"] for v in visits] == list(
        plan.visits.filter(staff=nurse).order_by("start").values_list("pk", flat=True)
    )
    assert visits[0]["address"]["key_box"] == "Nøkkelboks ved døra"
    assert AccessLog.objects.filter(actor=nurse, what="homecare: work list", channel="api").exists()
    first = visits[0]
    started = post(client, f"/homecare/worklist/{first['id']}/start", {"version": first["version"]})
    assert started.status_code == 200 and started.json()["status"] == "started"
    done = post(client, f"/homecare/worklist/{first['id']}/done",
                {"version": started.json()["version"], "report": "Alt vel."})  # fmt: skip
    assert done.status_code == 200, done.content
    body = done.json()
    # Started and done in the same second: the planned duration, with the reason.
    assert (body["status"], body["delivered_minutes"], body["delivered_basis"]) == (
        "done", 20, "too_short"
    )  # fmt: skip
    assert Registration.objects.filter(person_id=first["person"]["id"], date=today).count() == 1
    # The same version again is stale: refused in both languages.
    again = post(client, f"/homecare/worklist/{first['id']}/report",
                 {"version": first["version"], "report": "Mer."})  # fmt: skip
    assert_error(again, 409, "stale_version")


def test_not_done_needs_a_reason_and_anothers_visit_is_a_404(planned, worker):
    plan, nurse, _assistant, _persons = planned
    visit = plan.visits.filter(staff=nurse).first()
    client = token_client(nurse)
    empty = post(client, f"/homecare/worklist/{visit.pk}/not-done",
                 {"version": visit.version, "reason": ""})  # fmt: skip
    assert_error(empty, 422, "invalid_input", field="reason")
    blank = post(client, f"/homecare/worklist/{visit.pk}/not-done",
                 {"version": visit.version, "reason": "  "})  # fmt: skip
    assert_error(blank, 422, "invalid_input", field="reason")
    marked = post(client, f"/homecare/worklist/{visit.pk}/not-done",
                  {"version": visit.version, "reason": "Ikke hjemme"})  # fmt: skip
    assert marked.json()["status"] == "not_done"
    stranger = token_client(worker("nurse"))
    assert_error(stranger.get(f"{API}/homecare/worklist/{visit.pk}"), 404, "not_found")
    refused = post(stranger, f"/homecare/worklist/{visit.pk}/start", {"version": visit.version})
    assert_error(refused, 404, "not_found")


def test_a_move_breaking_a_rule_is_refused_by_name_in_both_languages(
    planned, zone, zone_leader, today
):
    plan, nurse, assistant, _persons = planned
    visit = plan.visits.filter(staff=nurse).first()
    url = f"/homecare/zones/{zone.pk}/days/{today}/visits/{visit.pk}/move"
    client = token_client(zone_leader)
    refused = post(client, url, {"version": visit.version, "to_staff": assistant.pk})
    body = assert_error(refused, 409, "homecare_rule_broken")
    assert "mangler kompetansen" in body["message"] and "competence" in body["message_en"]
    off = post(client, url, {"version": visit.version, "to_staff": None})
    assert off.status_code == 200, off.content
    assert (off.json()["staff"], off.json()["unassigned_reason"]) == (None, "by_leader")
    assert Visit.objects.get(pk=visit.pk).staff_id is None
    nobody = post(client, url, {"version": off.json()["version"], "to_staff": 10**9})
    assert_error(nobody, 404, "not_found")


@pytest.fixture
def patterned(base, worker, recipient, zone_leader, zone, today):
    """A nurse on the zone's staff and two persons with a daily morning visit; no day made."""
    nurse = worker("nurse")
    for km in (1, 2):
        _person, decision = recipient(km_east=km, located=True)
        pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                       data=PatternInput("Morgen", EVERY_DAY, 450, 600, 20, "nurse",
                                         [Task.MEDICATION]))  # fmt: skip
    return nurse


def test_the_leader_makes_plans_and_replans_a_day_over_the_api(
    patterned, zone, zone_leader, today, django_capture_on_commit_callbacks
):
    """Issue 10 §3 through the API: make tomorrow's day (staff on shift, the patterns' visits),
    have the engine plan it in the background, then a sick call plans the rest again."""
    nurse, client = patterned, token_client(zone_leader)
    tomorrow = today + datetime.timedelta(days=1)
    made = post(client, f"/homecare/zones/{zone.pk}/days", {"date": tomorrow.isoformat()})
    assert made.status_code == 201, made.content
    day = made.json()
    assert (day["status"], day["date"]) == ("draft", tomorrow.isoformat())
    assert [r["staff"]["id"] for r in day["routes"]] == [nurse.pk]
    assert len(day["unassigned"]) == 2  # not planned yet
    base = f"/homecare/zones/{zone.pk}/days/{tomorrow}"
    with django_capture_on_commit_callbacks(execute=True):
        queued = post(client, f"{base}/plan", {"version": day["version"], "time_limit": 1})
    assert queued.status_code == 202, queued.content
    planned = client.get(f"{API}{base}").json()
    assert planned["status"] == "planned" and planned["unassigned"] == []
    [route] = planned["routes"]
    assert len(route["visits"]) == 2
    with django_capture_on_commit_callbacks(execute=True):
        sick = post(client, f"{base}/shifts/{route['shift_id']}/sick", {"from_minute": 480})
    assert sick.status_code == 202, sick.content
    again = client.get(f"{API}{base}").json()
    assert (again["status"], again["replan_from"]) == ("planned", 480)
    assert again["routes"][0]["sick_from"] == 480


def test_making_and_planning_a_day_refuses_bad_input_by_field(patterned, zone, zone_leader, today):
    client = token_client(zone_leader)
    past = today - datetime.timedelta(days=1)
    old = post(client, f"/homecare/zones/{zone.pk}/days", {"date": past.isoformat()})
    assert_error(old, 422, "invalid_input", field="date")
    made = post(client, f"/homecare/zones/{zone.pk}/days", {"date": today.isoformat()})
    assert made.status_code == 201
    twice = post(client, f"/homecare/zones/{zone.pk}/days", {"date": today.isoformat()})
    assert_error(twice, 422, "invalid_input", field="date")
    base = f"/homecare/zones/{zone.pk}/days/{today}"
    version = made.json()["version"]
    for limit in (0, 121, "5"):
        bad = post(client, f"{base}/plan", {"version": version, "time_limit": limit})
        assert_error(bad, 422, "invalid_input", field="time_limit")
    stale = post(client, f"{base}/plan", {"version": version + 1, "time_limit": 1})
    assert_error(stale, 409, "stale_version")
    shift_id = made.json()["routes"][0]["shift_id"]
    draft = post(client, f"{base}/shifts/{shift_id}/sick", {"from_minute": 480})
    assert draft.status_code == 409, draft.content  # only a planned day is planned again
    nobody = post(client, f"{base}/shifts/{10**9}/sick", {"from_minute": 480})
    assert_error(nobody, 404, "not_found")
    late = post(client, f"{base}/shifts/{shift_id}/sick", {"from_minute": 24 * 60 + 1})
    assert_error(late, 422, "invalid_input", field="from_minute")


def test_making_a_day_twice_with_one_idempotency_key_makes_one_day(
    patterned, zone, zone_leader, today
):
    """Issue 8 §2 on the new write: a client that sends the same POST again (a lost answer, a
    retry) with its Idempotency-Key gets the first answer back, and the zone gets one day."""
    client, url = token_client(zone_leader), f"{API}/homecare/zones/{zone.pk}/days"
    body, key = {"date": today.isoformat()}, {"Idempotency-Key": "dag-1"}
    first = client.post(url, body, content_type="application/json", headers=key)
    again = client.post(url, body, content_type="application/json", headers=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["Idempotency-Replayed"] == "true"
    assert again.json() == first.json()
    assert zone.day_plans.count() == 1


def test_a_care_worker_cannot_make_or_plan_the_zones_day(patterned, zone, today):
    client = token_client(patterned)
    made = post(client, f"/homecare/zones/{zone.pk}/days", {"date": today.isoformat()})
    assert made.status_code in (403, 404), made.content
    assert not zone.day_plans.exists()


def _subclasses(cls) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def test_no_two_api_schemas_share_a_name():
    """The OpenAPI document names a component by its class: two schemas of one name share one
    component, and one endpoint then declares the other's shape (home care's first PersonOut
    replaced the person endpoint's, and schemathesis found the person answer off its schema)."""
    from ninja import Schema

    from omsorg.api import api

    ours = [c for c in _subclasses(Schema) if c.__module__.startswith("omsorg.")]
    names = [c.__name__ for c in ours]
    assert sorted({n for n in names if names.count(n) > 1}) == []
    components = api.get_openapi_schema()["components"]["schemas"]
    assert "given_name" in components["PersonOut"]["properties"]
    assert "person" in components["VisitOut"]["properties"]
