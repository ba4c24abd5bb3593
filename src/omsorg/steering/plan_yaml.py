"""Reading a business plan from YAML (issue 9 §5): every field checked, every problem named by
its YAML path (e.g. `goal_areas[4].goals[1].measures[0].status`), nothing stored here.

The format (catalogues of plans: src/omsorg/demo/plans/*.yaml):

    title: Virksomhetsplan 2019-2023        # required
    year: 2019                              # optional when the command gives --year
    source: seed 001 §3-5                   # optional
    reporting_from: 2019-01                 # optional: the first month a report is due
    goal_areas:                             # required, at least one
      - number: "5"                         # optional
        title: Økonomi og rapportering      # required
        description: ...                    # optional
        goals:                              # optional
          - series: TT. mål                 # optional
            number: "5.2"                   # required, text (quote it: 5.10 is not 5.1)
            text: ...                       # optional
            measures: [<measure>, ...]
        measures: [<measure>, ...]          # measures directly on the goal area (seed 000)

    <measure>: text (required), responsible, with_whom, due, due_date (YYYY-MM-DD),
               required_result, status (planned, in_progress, delayed, done, cancelled), result
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import yaml
from django.utils.translation import gettext_lazy as _

from omsorg.steering.plan_models import Measure

YEAR_RANGE = range(2000, 2101)
_PLAN_KEYS = {"title", "year", "source", "reporting_from", "goal_areas"}
_AREA_KEYS = {"number", "title", "description", "goals", "measures"}
_GOAL_KEYS = {"series", "number", "text", "measures"}
_MEASURE_TEXTS = ("text", "responsible", "with_whom", "due", "required_result", "result")
_MEASURE_KEYS = {*_MEASURE_TEXTS, "due_date", "status"}


@dataclass
class MeasureSpec:
    text: str
    responsible: str = ""
    with_whom: str = ""
    due: str = ""
    due_date: datetime.date | None = None
    required_result: str = ""
    status: str = Measure.Status.PLANNED
    result: str = ""


@dataclass
class GoalSpec:
    number: str
    series: str = ""
    text: str = ""
    measures: list[MeasureSpec] = field(default_factory=list)


@dataclass
class AreaSpec:
    title: str
    number: str = ""
    description: str = ""
    goals: list[GoalSpec] = field(default_factory=list)
    measures: list[MeasureSpec] = field(default_factory=list)


@dataclass
class PlanSpec:
    title: str
    year: int | None
    source: str
    reporting_from: datetime.date | None
    areas: list[AreaSpec]

    def measure_count(self) -> int:
        return sum(
            len(area.measures) + sum(len(goal.measures) for goal in area.goals)
            for area in self.areas
        )


@dataclass(frozen=True)
class PlanProblem:
    """A problem at a YAML path; the message renders in the active language."""

    path: str
    template: object  # a lazy translated text with %(name)s parameters
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        return str(self.template) % self.params if self.params else str(self.template)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class _Reader:
    """Collects every problem instead of stopping at the first."""

    def __init__(self):
        self.problems: list[PlanProblem] = []

    def fail(self, path: str, template, **params) -> None:
        self.problems.append(PlanProblem(path, template, params))

    def mapping(self, value, path: str, keys: set[str]) -> dict | None:
        if not isinstance(value, dict):
            self.fail(path, _("must be a mapping (key: value)"))
            return None
        for key in sorted(set(map(str, value)) - keys):
            self.fail(_join(path, key), _("unknown field; allowed: %(keys)s"),
                      keys=", ".join(sorted(keys)))  # fmt: skip
        return value

    def text(self, data: dict, key: str, path: str, *, required: bool = False) -> str:
        value = data.get(key)
        if value is None or value == "":
            if required:
                self.fail(_join(path, key), _("is required"))
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.fail(_join(path, key), _("must be text"))
            return ""
        return str(value).strip()

    def number(self, data: dict, key: str, path: str, *, required: bool = False) -> str:
        value = data.get(key)
        if isinstance(value, float):
            self.fail(_join(path, key), _('must be written as text in quotes, e.g. "5.2"'))
            return ""
        return self.text(data, key, path, required=required)

    def items(self, data: dict, key: str, path: str, *, required: bool = False) -> list:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(_join(path, key), _("is required"))
            return []
        if not isinstance(value, list):
            self.fail(_join(path, key), _("must be a list"))
            return []
        if required and not value:
            self.fail(_join(path, key), _("must have at least one entry"))
        return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def plan_read(content: bytes | str) -> tuple[PlanSpec | None, list[PlanProblem]]:
    """The plan in `content`, or None and every problem found."""
    reader = _Reader()
    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else "?"
        reader.fail("", _("The file is not valid YAML (line %(line)s): %(problem)s"),
                    line=line, problem=getattr(error, "problem", error))  # fmt: skip
        return None, reader.problems
    except UnicodeDecodeError:
        reader.fail("", _("The file is not UTF-8 text."))
        return None, reader.problems
    data = reader.mapping(data, "", _PLAN_KEYS)
    if data is None:
        return None, reader.problems
    spec = PlanSpec(
        title=reader.text(data, "title", "", required=True),
        year=_year(reader, data),
        source=reader.text(data, "source", ""),
        reporting_from=_month(reader, data),
        areas=[
            _area(reader, area, f"goal_areas[{i}]")
            for i, area in enumerate(reader.items(data, "goal_areas", "", required=True))
        ],
    )
    _check_unique_goals(reader, spec)
    if reader.problems:
        return None, reader.problems
    return spec, []


def _year(reader: _Reader, data: dict) -> int | None:
    value = data.get("year")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in YEAR_RANGE:
        reader.fail("year", _("must be a year, e.g. 2026"))
        return None
    return value


def _month(reader: _Reader, data: dict) -> datetime.date | None:
    value = data.get("reporting_from")
    if value is None:
        return None
    try:
        return datetime.datetime.strptime(str(value), "%Y-%m").date()
    except ValueError:
        reader.fail("reporting_from", _("must be a month, YYYY-MM"))
        return None


def _area(reader: _Reader, value, path: str) -> AreaSpec:
    data = reader.mapping(value, path, _AREA_KEYS)
    if data is None:
        return AreaSpec(title="")
    return AreaSpec(
        title=reader.text(data, "title", path, required=True),
        number=reader.number(data, "number", path),
        description=reader.text(data, "description", path),
        goals=[
            _goal(reader, goal, f"{path}.goals[{i}]")
            for i, goal in enumerate(reader.items(data, "goals", path))
        ],
        measures=_measures(reader, data, path),
    )


def _goal(reader: _Reader, value, path: str) -> GoalSpec:
    data = reader.mapping(value, path, _GOAL_KEYS)
    if data is None:
        return GoalSpec(number="")
    return GoalSpec(
        number=reader.number(data, "number", path, required=True),
        series=reader.text(data, "series", path),
        text=reader.text(data, "text", path),
        measures=_measures(reader, data, path),
    )


def _measures(reader: _Reader, data: dict, path: str) -> list[MeasureSpec]:
    return [
        _measure(reader, measure, f"{path}.measures[{i}]")
        for i, measure in enumerate(reader.items(data, "measures", path))
    ]


def _measure(reader: _Reader, value, path: str) -> MeasureSpec:
    data = reader.mapping(value, path, _MEASURE_KEYS)
    if data is None:
        return MeasureSpec(text="")
    texts = {key: reader.text(data, key, path, required=key == "text") for key in _MEASURE_TEXTS}
    return MeasureSpec(
        **texts,
        due_date=_date(reader, data, path),
        status=_status(reader, data, path),
    )


def _date(reader: _Reader, data: dict, path: str) -> datetime.date | None:
    value = data.get("due_date")
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        reader.fail(_join(path, "due_date"), _("must be a date, YYYY-MM-DD"))
        return None


def _status(reader: _Reader, data: dict, path: str) -> str:
    value = data.get("status")
    if value is None:
        return Measure.Status.PLANNED
    if value not in Measure.Status.values:
        reader.fail(_join(path, "status"), _("must be one of %(values)s"),
                    values=", ".join(Measure.Status.values))  # fmt: skip
        return Measure.Status.PLANNED
    return value


def _check_unique_goals(reader: _Reader, spec: PlanSpec) -> None:
    for i, area in enumerate(spec.areas):
        seen: set[tuple[str, str]] = set()
        for j, goal in enumerate(area.goals):
            key = (goal.series, goal.number)
            if goal.number and key in seen:
                reader.fail(f"goal_areas[{i}].goals[{j}].number",
                            _("the goal %(goal)s comes twice in this goal area"),
                            goal=f"{goal.series} {goal.number}".strip())  # fmt: skip
            seen.add(key)
