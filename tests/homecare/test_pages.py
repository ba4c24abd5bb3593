"""The zone leader's pages (issue 10 §1-2): the zone, its base, an address, a new visit
pattern from a decision; bad input answers on the page; other users get 404."""

import re

import pytest
from django.urls import reverse

from omsorg.core.models import Role
from omsorg.homecare.models import VisitPattern
from omsorg.people.models import AccessLog
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_zone_page_lists_recipients_and_logs_them(client_as, zone_leader, zone, base,
                                                      recipient):  # fmt: skip
    person, decision = recipient()
    answer = client_as(zone_leader).get(reverse("homecare_zone", args=[zone.pk]))
    assert answer.status_code == 200
    assert person.full_name in answer.content.decode()
    assert reverse("homecare_pattern_new", args=[zone.pk, decision.pk]) in answer.content.decode()
    assert AccessLog.objects.filter(person=person, what="homecare: zone").exists()


def test_the_home_link_takes_the_leader_to_her_zone(client_as, zone_leader, zone):
    answer = client_as(zone_leader).get(reverse("homecare_home"))
    assert answer.status_code == 302 and answer.url == reverse("homecare_zone", args=[zone.pk])


def test_another_leader_gets_404(client_as, hc_municipality, zone, other_zone):
    stranger = factories.user(hc_municipality, Role.SERVICE_LEADER, unit=other_zone)
    assert client_as(stranger).get(reverse("homecare_zone", args=[zone.pk])).status_code == 404


def test_a_new_pattern_from_the_form(client_as, zone_leader, zone, base, recipient):
    person, decision = recipient()
    client = client_as(zone_leader)
    url = reverse("homecare_pattern_new", args=[zone.pk, decision.pk])
    form = client.get(url)
    assert form.status_code == 200 and 'value="07:30"' in form.content.decode()
    data = {"label": "Kveld", "weekdays": ["0", "3"], "every_weeks": "1",
            "window_start": "20:00", "window_end": "21:00", "window_hard": "on",
            "duration": "25", "tasks": ["medication"], "level": "nurse", "staff_count": "2",
            "follows": "", "min_gap": "", "max_gap": ""}  # fmt: skip
    answer = client.post(url, data)
    assert answer.status_code == 302
    pattern = VisitPattern.objects.get(person=person)
    assert (pattern.window_start, pattern.weekdays, pattern.staff_count) == (1200, [0, 3], 2)
    bad = client.post(url, {**data, "window_end": "19:00"})
    assert bad.status_code == 200
    assert "Seneste start er før tidligste" in bad.content.decode()


def test_the_base_form_refuses_a_bad_speed(client_as, zone_leader, zone, base):
    url = reverse("homecare_zone_base", args=[zone.pk])
    data = {"address": "B", "latitude": "62.8", "longitude": "7.1", "speed_kmh": "0",
            "detour_factor": "1.3", "version": str(base.version)}  # fmt: skip
    answer = client_as(zone_leader).post(url, data)
    assert answer.status_code == 200
    data["speed_kmh"] = "35"
    assert client_as(zone_leader).post(url, data).status_code == 302


def _planned_day(client, zone, base, worker, recipient, zone_leader, today):
    from omsorg.homecare.services.patterns import PatternInput, pattern_create

    nurse, assistant = worker("nurse"), worker("assistant")
    person, decision = recipient()
    pattern_create(actor=zone_leader, zone=zone, decision=decision, today=today,
                   data=PatternInput("Morgen", [0, 1, 2, 3, 4, 5, 6], 450, 570, 20, "nurse",
                                     ["medication"]))  # fmt: skip
    day = today.isoformat()
    assert (
        client.post(reverse("homecare_day_new", args=[zone.pk]), {"date": day}).status_code == 302
    )
    page = client.get(reverse("homecare_day", args=[zone.pk, day]))
    version = page.context["plan"].version
    client.post(reverse("homecare_day_run", args=[zone.pk, day]),
                {"version": version, "time_limit": 2})  # fmt: skip
    return person, nurse, assistant, day


def test_the_leader_plans_a_day_and_sees_timeline_map_and_routes(
    client_as, zone_leader, zone, base, worker, recipient, today, django_capture_on_commit_callbacks
):
    client = client_as(zone_leader)
    with django_capture_on_commit_callbacks(execute=True):
        person, nurse, _a, day = _planned_day(client, zone, base, worker, recipient, zone_leader,
                                              today)  # fmt: skip
    page = client.get(reverse("homecare_day", args=[zone.pk, day]))
    html = page.content.decode()
    assert page.status_code == 200
    assert person.full_name in html and nurse.display_name in html
    assert 'aria-labelledby="map-title"' in html and 'aria-labelledby="timeline-title"' in html
    # The timeline's bars can be dragged to another row (timeline.js, through the move form).
    visit = zone.day_plans.get().visits.get()
    assert f'data-visit="{visit.pk}"' in html and f'data-staff="{nurse.pk}"' in html
    assert f'id="move-{visit.pk}"' in html and "homecare/timeline.js" in html
    # SVG numbers keep the decimal point on a Norwegian page (not "770,0").
    assert len(re.findall(r'viewBox="0 0 \d+\.\d+ \d+\.\d+"', html)) == 2
    assert AccessLog.objects.filter(person=person, what="homecare: day plan").exists()


def test_a_refused_move_names_the_rule_on_the_page(
    client_as, zone_leader, zone, base, worker, recipient, today, django_capture_on_commit_callbacks
):
    client = client_as(zone_leader)
    with django_capture_on_commit_callbacks(execute=True):
        _p, _nurse, assistant, day = _planned_day(client, zone, base, worker, recipient,
                                                  zone_leader, today)  # fmt: skip
    visit = zone.day_plans.get().visits.get()
    url = reverse("homecare_visit_move", args=[zone.pk, day, visit.pk])
    data = {"version": visit.version, "to_staff": assistant.pk}
    answer = client.post(url, data, follow=True)
    assert "mangler kompetansen" in answer.content.decode()


def test_a_day_that_is_not_a_date_is_a_400(client_as, zone_leader, zone, base):
    answer = client_as(zone_leader).get(reverse("homecare_day", args=[zone.pk, "2026-13-45"]))
    assert answer.status_code == 400


def test_the_progress_shows_the_stage_and_figures_while_planning(client_as, zone_leader, zone,
                                                                 base, worker, today):  # fmt: skip
    from omsorg.homecare.models import DayPlan
    from omsorg.homecare.services.plans import day_plan_create

    worker("nurse")
    plan = day_plan_create(actor=zone_leader, zone=zone, date=today, today=today)
    progress = {"stage": "search", "seconds": 1.5, "terms": {"unassigned": 2, "travel": 95.2}}
    DayPlan.objects.filter(pk=plan.pk).update(status="running", progress=progress)
    url = reverse("homecare_day_progress", args=[zone.pk, today.isoformat()])
    html = client_as(zone_leader).get(url).content.decode()
    assert "forbedrer rutene" in html and "2 besøk utenfor rutene" in html
    assert 'hx-trigger="every 1s"' in html


def test_the_route_table_shows_the_delivered_minutes_of_a_done_visit(
    client_as, zone_leader, zone, base, worker, recipient, today, django_capture_on_commit_callbacks
):
    """Issue 10 §5: the leader sees what was delivered (the minutes registered) beside the
    status of each visit on the routes."""
    from omsorg.homecare.services.visits import visit_done

    client = client_as(zone_leader)
    with django_capture_on_commit_callbacks(execute=True):
        _p, nurse, _a, day = _planned_day(client, zone, base, worker, recipient, zone_leader,
                                          today)  # fmt: skip
    visit = zone.day_plans.get().visits.get()
    visit_done(actor=nurse, visit=visit, expected_version=visit.version, today=today)
    html = client.get(reverse("homecare_day", args=[zone.pk, day])).content.decode()
    assert "gjennomført, 20 min levert" in html
