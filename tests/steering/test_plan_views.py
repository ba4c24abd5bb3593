"""The business-plan pages (issue 9 §5): a plan with its measures, a measure's update (the
version seen, else a refusal), a unit's monthly report and the reports below it, the YAML
upload with every problem by path, and the reports due and missing on the leader's worklist."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from omsorg.core.models import Role, Unit
from omsorg.steering.plan_models import BusinessPlan, Measure, PlanReport
from omsorg.steering.plan_selectors import plan_measures
from tests import factories
from tests.steering.plan_fixtures import PLAN_YAML, heads, plan, tree, year  # noqa: F401

pytestmark = pytest.mark.django_db
NB = {"HTTP_ACCEPT_LANGUAGE": "nb"}


@pytest.fixture(autouse=True)
def march(monkeypatch, year):  # noqa: F811
    """The pages' today: 10 March of the plan's year (January and February are owed)."""
    day = datetime.date(year, 3, 10)
    monkeypatch.setattr("omsorg.steering.plan_views.today", lambda: day)
    monkeypatch.setattr("omsorg.steering.templatetags.plan_tags.today", lambda: day)
    return day


def test_plan_page_shows_goal_areas_goals_and_measures(client_as, plan, heads):  # noqa: F811
    page = client_as(heads["TT-KON"]).get(reverse("steering_plan", args=[plan.pk]), **NB)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Målområde 5: Økonomi og rapportering" in text and "TT. mål 5.2" in text
    assert "Oppmuntre det underrepresenterte kjønn" in text and "ikke startet" in text
    assert "Oppdater" not in text  # a department head does not edit the unit's plan


def test_other_roles_and_units_get_404(client_as, plan, municipality):  # noqa: F811
    other = Unit.objects.create(municipality=municipality, code="X", name="Annen", kind="zone")
    for user in (factories.user(municipality, Role.SERVICE_LEADER, unit=other),
                 factories.user(municipality, Role.CASEWORKER)):  # fmt: skip
        assert client_as(user).get(reverse("steering_plan", args=[plan.pk])).status_code == 404


def test_unit_head_updates_a_measure_and_a_stale_form_is_refused(client_as, plan, heads):  # noqa: F811
    measure = plan_measures(plan)[0]
    url = reverse("steering_plan_measure", args=[plan.pk, measure.pk])
    client = client_as(heads["TT"])
    saved = client.post(url, {"status": "in_progress", "result": "Godt i gang", "version": 1})
    assert saved.status_code == 302
    stale = client.post(url, {"status": "in_progress", "result": "Eldre", "version": 1}, **NB)
    assert stale.status_code == 422 and "Noen andre har endret" in stale.content.decode()
    measure.refresh_from_db()
    assert (measure.status, measure.result, measure.version) == ("in_progress", "Godt i gang", 2)
    refused = client_as(heads["TT-KON"]).post(url, {"status": "done", "result": "", "version": 2})
    assert refused.status_code == 200
    assert Measure.objects.get(pk=measure.pk).status == "in_progress"


def test_department_head_writes_the_monthly_report(client_as, plan, heads, tree, year):  # noqa: F811
    month = f"{year}-01"
    url = reverse("steering_plan_report", args=[plan.pk, tree["TT-KON"].pk, month])
    client = client_as(heads["TT-KON"])
    assert "Lever rapporten" in client.get(url, **NB).content.decode()
    data = {f"status_{m.pk}": "on_track" for m in plan_measures(plan)}
    data |= {"comment": "God framdrift", "version": ""}
    assert client.post(url, data).status_code == 302
    report = PlanReport.objects.get()
    assert (report.unit, report.comment, report.lines.count()) == (
        tree["TT-KON"],
        "God framdrift",
        2,
    )
    # The unit head sees it in the roll-up, and the missing ones.
    top = client_as(heads["TT"]).get(
        reverse("steering_plan_report", args=[plan.pk, tree["TT"].pk, month]), **NB
    )
    text = top.content.decode()
    assert "God framdrift" in text and "2 rapporter mangler" in text


def test_a_report_without_every_status_is_refused(client_as, plan, heads, tree, year):  # noqa: F811
    url = reverse("steering_plan_report", args=[plan.pk, tree["TT-KON"].pk, f"{year}-01"])
    page = client_as(heads["TT-KON"]).post(url, {"comment": "", "version": ""}, **NB)
    assert page.status_code == 422 and not PlanReport.objects.exists()


def test_bad_month_in_the_address_is_400(client_as, plan, heads, tree):  # noqa: F811
    url = reverse("steering_plan_report", args=[plan.pk, tree["TT-KON"].pk, "januar"])
    assert client_as(heads["TT"]).get(url).status_code == 400


def test_upload_names_each_problem_by_path_and_loads_nothing(client_as, heads, tree):  # noqa: F811
    client = client_as(heads["TT"])
    bad = PLAN_YAML.format(year=2030).replace("status", "x").replace("title: Likestilling", "")
    upload = SimpleUploadedFile("plan.yaml", bad.encode(), content_type="application/yaml")
    page = client.post(reverse("steering_plans"),
                       {"unit": tree["TT"].pk, "file": upload}, **NB)  # fmt: skip
    assert page.status_code == 422
    assert "goal_areas[1].title" in page.content.decode()
    assert not BusinessPlan.objects.exists()
    good = SimpleUploadedFile("plan.yaml", PLAN_YAML.format(year=2030).encode())
    done = client.post(reverse("steering_plans"), {"unit": tree["TT"].pk, "file": good})
    assert done.status_code == 302 and BusinessPlan.objects.get().year == 2030


def test_reports_due_and_missing_are_on_the_leaders_worklist(client_as, plan, heads, year):  # noqa: F811
    text = client_as(heads["TT-KON"]).get(reverse("worklist"), **NB).content.decode()
    assert "Virksomhetsplan: månedsrapporter" in text
    assert "Skriv rapporten for januar" in text and "Følg opp rapporten for januar" in text
    assert "Kongsvegen bofellesskap" in text


def test_plan_and_report_pages_query_budget(client_as, plan, heads, tree, year,  # noqa: F811
                                            django_assert_max_num_queries):  # fmt: skip
    """Query budgets, not timers: the number of queries does not grow with the measures."""
    client = client_as(heads["TT"])
    with django_assert_max_num_queries(20):
        client.get(reverse("steering_plan", args=[plan.pk]))
    url = reverse("steering_plan_report", args=[plan.pk, tree["TT"].pk, f"{year}-01"])
    with django_assert_max_num_queries(20):
        client.get(url)
    with django_assert_max_num_queries(20):
        client.get(reverse("worklist"))
