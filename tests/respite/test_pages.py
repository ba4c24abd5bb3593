"""The respite pages through Django's test client: roles, the plan flow with htmx progress,
moving a stay (refused with the reason), query budgets on the list pages."""

import datetime

import pytest
from django.urls import reverse

from omsorg.people.models import AccessLog
from omsorg.respite.models import Incompatibility, PlanRun, Stay
from omsorg.respite.services.plans import plan_run_request
from omsorg.respite.services.runs import plan_run_execute
from omsorg.respite.services.stays import stay_create

from .conftest import next_monday

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_leader_plans_a_month_follows_progress_and_accepts(
    client_as, leader, home, child, today, django_capture_on_commit_callbacks
):
    for _ in range(3):
        child(quantity=2, per="week")
    client = client_as(leader)
    first = next_monday(today)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("plan_run_create", args=[home.pk]),
            {"first_night": first, "last_night": first + 27 * DAY, "time_limit": 2},
        )
    run = PlanRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plan_run_detail", args=[home.pk, run.pk])
    # The immediate backend ran it on commit; htmx polling now asks the page to reload.
    progress = client.get(
        reverse("plan_run_progress", args=[home.pk, run.pk]), HTTP_HX_REQUEST="true"
    )
    assert progress.headers.get("HX-Refresh") == "true"
    page = client.get(reverse("plan_run_detail", args=[home.pk, run.pk]))
    body = page.content.decode()
    assert reverse("plan_run_accept", args=[home.pk, run.pk]) in body
    assert "app-calendar" in body
    # The plan in plain words (issue 7, "Planner in plain words"): what every child gets and
    # whether a better plan exists, never "best so far 215,000, proven bound 221,000".
    assert "Alle barna får" in body
    assert "beste hittil" not in body and "bevist grense" not in body
    run.refresh_from_db()
    response = client.post(
        reverse("plan_run_accept", args=[home.pk, run.pk]), {"version": run.version}
    )
    assert response.status_code == 302
    assert Stay.objects.count() == len(run.result["stays"])


def test_progress_fragment_polls_while_the_run_is_queued(client_as, leader, home, today):
    run = PlanRun.objects.create(
        home=home, first_night=today, last_night=today + 6 * DAY, created_by=leader
    )
    response = client_as(leader).get(reverse("plan_run_progress", args=[home.pk, run.pk]))
    assert 'hx-trigger="every 1s"' in response.content.decode()


def test_over_capacity_move_is_refused_on_the_page(client_as, leader, home, child, today):
    a, b, c = child(), child(), child()
    monday = next_monday(today, weeks=2)
    for placement in (a, b):
        stay_create(actor=leader, placement=placement, first_night=monday, nights=2, today=today)
    stay = stay_create(
        actor=leader, placement=c, first_night=monday + 3 * DAY, nights=2, today=today
    )
    response = client_as(leader).post(
        reverse("stay_detail", args=[home.pk, stay.pk]),
        {"action": "move", "move-first_night": monday, "move-nights": 2, "move-version": 1},
    )
    assert response.status_code == 200
    assert "alle sengene er opptatt" in response.content.decode()
    stay.refresh_from_db()
    assert stay.first_night == monday + 3 * DAY


def test_home_page_query_count_does_not_grow_with_stays(
    client_as, leader, home, child, today, django_assert_max_num_queries
):
    monday = next_monday(today)
    for week in range(4):
        for placement in (child(), child()):
            stay_create(actor=leader, placement=placement, first_night=monday + week * 7 * DAY,
                        nights=1, today=today)  # fmt: skip
    client = client_as(leader)
    month = f"?maaned={monday:%Y-%m}"
    with django_assert_max_num_queries(25):
        response = client.get(reverse("respite_home", args=[home.pk]) + month)
    assert response.status_code == 200
    assert AccessLog.objects.filter(what="respite calendar").exists()


def test_care_worker_sees_names_only_of_children_they_serve(
    client_as, leader, care_worker, home, child, assign, today
):
    served, other = child(), child()
    assign(served, care_worker)
    monday = next_monday(today)
    for placement in (served, other):
        stay_create(actor=leader, placement=placement, first_night=monday, nights=1, today=today)
    response = client_as(care_worker).get(
        reverse("respite_home", args=[home.pk]) + f"?maaned={monday:%Y-%m}"
    )
    body = response.content.decode()
    assert served.person.full_name in body
    assert other.person.full_name not in body
    assert "opptatt" in body


def test_care_worker_gets_links_only_to_stays_they_may_open(
    client_as, leader, care_worker, home, child, assign, today
):
    """A link must not lead to a refusal: the other child's stay shows "occupied" unlinked."""
    served, other = child(), child()
    assign(served, care_worker)
    monday = next_monday(today)
    mine, theirs = (
        stay_create(actor=leader, placement=placement, first_night=monday, nights=1, today=today)
        for placement in (served, other)
    )
    client = client_as(care_worker)
    body = client.get(
        reverse("respite_home", args=[home.pk]) + f"?maaned={monday:%Y-%m}"
    ).content.decode()
    assert reverse("stay_detail", args=[home.pk, mine.pk]) in body
    assert reverse("stay_detail", args=[home.pk, theirs.pk]) not in body
    assert client.get(reverse("stay_detail", args=[home.pk, mine.pk])).status_code == 200


def test_caseworker_has_no_respite_home_page(client_as, caseworker, home):
    assert client_as(caseworker).get(reverse("respite_home", args=[home.pk])).status_code == 404


def test_plan_page_query_count_is_bounded(
    client_as, leader, home, child, today, django_assert_max_num_queries
):
    for _ in range(6):
        child(quantity=2, per="week")
    first = next_monday(today)
    run = plan_run_request(actor=leader, home=home, first_night=first,
                           last_night=first + 27 * DAY, time_limit=1, today=today)  # fmt: skip
    plan_run_execute(run_id=run.pk)
    client = client_as(leader)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("plan_run_detail", args=[home.pk, run.pk]))
    assert response.status_code == 200


def test_leader_sets_stay_limits_family_night_and_a_pair_on_the_placement_page(
    client_as, leader, home, child, municipality, today
):
    placement, other = child(), child()
    client = client_as(leader)
    url = reverse("placement_detail", args=[home.pk, placement.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"action": "placement", "placement-version": 1,
                      "placement-municipality": municipality.pk, "placement-min_nights": 2,
                      "placement-max_nights": 4, "placement-preferred_weekdays": ["fri"],
                      "placement-one_to_one": "on"})  # fmt: skip
    client.post(url, {"action": "night", "night-night": today + 5 * DAY, "night-kind": "blocked"})
    client.post(url, {"action": "pair", "pair-other": other.pk, "pair-reason": "Uro."})
    placement.refresh_from_db()
    assert (placement.min_nights, placement.max_nights, placement.one_to_one) == (2, 4, True)
    assert placement.preferred_weekdays == ["fri"]
    assert placement.nights.get().kind == "blocked"
    assert Incompatibility.objects.filter(first=placement, second=other).exists()
