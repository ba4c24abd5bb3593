"""Business plans from YAML (issue 9 §5): a good file loads every goal area, goal and measure;
a bad one loads nothing and names every bad field by its YAML path."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from omsorg.steering.plan_models import BusinessPlan, Goal, GoalArea, Measure
from omsorg.steering.plan_services import PlanRefused, plan_import
from omsorg.steering.plan_yaml import plan_read
from tests.steering.plan_fixtures import PLAN_YAML, plan, tree, year  # noqa: F401

pytestmark = pytest.mark.django_db
PLANS = Path(__file__).resolve().parents[2] / "src" / "omsorg" / "demo" / "plans"


def test_good_file_loads_areas_goals_and_measures(plan):  # noqa: F811
    assert [a.title for a in plan.areas.all()] == ["Økonomi og rapportering", "Likestilling"]
    goal = Goal.objects.get()
    assert (goal.series, goal.number, str(goal)) == ("TT. mål", "5.2", "TT. mål 5.2")
    measure = Measure.objects.get(goal=None)
    assert (measure.responsible, measure.with_whom, measure.due_text) == (
        "Daglig leder", "Ansatte", "Hele året")  # fmt: skip
    assert measure.due_date.month == 12 and measure.status == Measure.Status.PLANNED
    assert plan.reporting_from == plan.reporting_from.replace(month=1, day=1)


def _problems(content: str) -> list[str]:
    with translation.override("en"):
        spec, problems = plan_read(content)
        assert spec is None
        return [str(problem) for problem in problems]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("title: [", "The file is not valid YAML (line"),
        ("- a list", "must be a mapping"),
        ("year: 2020\ngoal_areas: []", "title: is required"),
        ("title: P\ngoal_areas: []", "goal_areas: must have at least one entry"),
        ("title: P\ncolour: red\ngoal_areas: [{title: A}]", "colour: unknown field"),
        ("title: P\nyear: 1800\ngoal_areas: [{title: A}]", "year: must be a year"),
        ("title: P\nreporting_from: May\ngoal_areas: [{title: A}]", "reporting_from: must be"),
        ("title: P\ngoal_areas: [{number: '1'}]", "goal_areas[0].title: is required"),
        (
            "title: P\ngoal_areas: [{title: A, goals: [{number: 5.2}]}]",
            'goal_areas[0].goals[0].number: must be written as text in quotes, e.g. "5.2"',
        ),
        (
            "title: P\ngoal_areas: [{title: A, goals: [{number: '1'}, {number: '1'}]}]",
            "goal_areas[0].goals[1].number: the goal 1 comes twice",
        ),
        (
            "title: P\ngoal_areas: [{title: A, measures: [{responsible: X}]}]",
            "goal_areas[0].measures[0].text: is required",
        ),
        (
            "title: P\ngoal_areas: [{title: A, goals: [{number: '1', measures: [{text: T, status: "
            "maybe}]}]}]",
            "goal_areas[0].goals[0].measures[0].status: must be one of planned",
        ),
        (
            "title: P\ngoal_areas: [{title: A, measures: [{text: T, due_date: 31.12.2020}]}]",
            "goal_areas[0].measures[0].due_date: must be a date, YYYY-MM-DD",
        ),
        (
            "title: P\ngoal_areas: [{title: A, measures: {text: T}}]",
            "goal_areas[0].measures: must be a list",
        ),
        (
            "title: P\ngoal_areas: [{title: A, measures: [{text: [1, 2]}]}]",
            "goal_areas[0].measures[0].text: must be text",
        ),
    ],
)
def test_each_bad_field_is_named_by_its_path(content, expected):
    assert any(expected in problem for problem in _problems(content)), _problems(content)


def test_every_problem_is_listed_not_only_the_first():
    content = "title: P\ngoal_areas: [{measures: [{status: x}]}, {title: B, goals: [{}]}]"
    assert len(_problems(content)) == 4  # title, text, status, number


def test_refused_file_loads_nothing(tree, year):  # noqa: F811
    bad = PLAN_YAML.format(year=year).replace("required_result: Likestilling", "status: maybe")
    with pytest.raises(PlanRefused) as refused:
        plan_import(actor=None, unit=tree["TT"], content=bad.encode())
    assert [p.path for p in refused.value.problems] == ["goal_areas[1].measures[0].status"]
    assert not (BusinessPlan.objects.exists() or GoalArea.objects.exists()
                or Measure.objects.exists())  # fmt: skip


def test_a_second_plan_for_the_unit_and_year_is_refused(plan, tree, year):  # noqa: F811
    with pytest.raises(PlanRefused) as refused:
        plan_import(actor=None, unit=tree["TT"], content=PLAN_YAML.format(year=year).encode())
    assert refused.value.problems[0].path == "year"
    assert BusinessPlan.objects.count() == 1 and Measure.objects.count() == 2


def test_year_comes_from_the_file_or_the_caller(tree):  # noqa: F811
    content = PLAN_YAML.replace("year: {year}\n", "").replace("{year}", "2030").encode()
    with pytest.raises(PlanRefused) as refused:
        plan_import(actor=None, unit=tree["TT"], content=content)
    assert refused.value.problems[0].path == "year"
    assert plan_import(actor=None, unit=tree["TT"], content=content, year=2031).year == 2031


def test_seed_001_plan_has_seven_goal_areas_and_its_numbered_goals(tree):  # noqa: F811
    """Seed 001 §3-5: seven goal areas; 44 "TT. mål" and 41 "Avd. mål", each one measure."""
    loaded = plan_import(actor=None, unit=tree["TT"],
                       content=(PLANS / "tt_nord_aurdal.yaml").read_bytes())  # fmt: skip
    assert loaded.areas.count() == 7
    assert Goal.objects.filter(series="TT. mål").count() == 44
    assert Goal.objects.filter(series="Avd. mål").count() == 41
    goal = Goal.objects.get(series="TT. mål", number="1.2")
    assert "minimum 34 %" in goal.measures.get().text
    assert loaded.areas.get(number="5").title == "Økonomi og rapportering"


def test_seed_000_action_plan_loads(tree):  # noqa: F811
    """Seed 000: the IKS's action plan, measures directly on unnumbered goal areas."""
    loaded = plan_import(actor=None, unit=tree["TT-LEI"],
                       content=(PLANS / "avlastningshjemmet_iks.yaml").read_bytes())  # fmt: skip
    assert loaded.year == 2017 and loaded.areas.count() == 10
    measure = Measure.objects.get(text__startswith="Oppfølging av sykemeldte")
    assert measure.required_result == "Kvartalsvis rapportering av sykefravær til styret"
    assert not Goal.objects.exists()


def test_command_imports_and_exits_2_with_paths_on_a_bad_file(tree, tmp_path, capsys):  # noqa: F811
    good = tmp_path / "plan.yaml"
    good.write_text(PLAN_YAML.format(year=2030))
    call_command("import_plan", str(good), "--unit", "TT")
    assert BusinessPlan.objects.get().year == 2030
    bad = tmp_path / "bad.yaml"
    bad.write_text(PLAN_YAML.format(year=2031).replace("title: Likestilling", "titel: X"))
    with pytest.raises(CommandError) as error:
        call_command("import_plan", str(bad), "--unit", "TT")
    assert error.value.returncode == 2
    err = capsys.readouterr().err
    assert "goal_areas[1].titel: ukjent felt" in err and "unknown field" in err
    assert "goal_areas[1].title: må fylles ut" in err
    assert BusinessPlan.objects.count() == 1
    with pytest.raises(CommandError, match="NOPE"):
        call_command("import_plan", str(good), "--unit", "NOPE")
