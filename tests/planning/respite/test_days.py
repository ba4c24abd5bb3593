"""Day stays (respite by the day or hour, seed 004 §1.2 and §1.4: "på timebasis", afternoons,
holidays): an optional extension of the instance contract, planned after every night term."""

import datetime as dt
import itertools
import json
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omsorg.planning.respite import (
    DayStay,
    InstanceError,
    Stay,
    check_plan,
    evaluate_plan,
    instance_to_dict,
    parse_instance,
)
from omsorg.planning.respite.__main__ import main

from .helpers import DATA, child, instance, solve_checked
from .strategies import tiny_instances

START = dt.date(2027, 3, 1)  # a Monday


def _day(offset: int) -> str:
    return (START + dt.timedelta(days=offset)).isoformat()


def _with_days(data: dict, places: int = 1, **home) -> dict:
    data["homes"][0]["day_places"] = places
    data["homes"][0].update(home)
    return data


def test_an_instance_without_day_fields_gives_a_plan_without_day_fields():
    """The nights' contract is unchanged: no day key in the instance or the plan."""
    data = json.loads((DATA / "respite_small.json").read_text())
    problem = parse_instance(data)
    assert not problem.has_days
    assert "day_places" not in json.dumps(instance_to_dict(problem))
    plan = solve_checked(problem).to_dict()
    assert "day_stays" not in plan
    assert not any(key.startswith("day") for key in plan["objective"])
    assert not any(key.startswith("days") for c in plan["children"].values() for key in c)


def test_day_fields_round_trip_through_json():
    data = _with_days(
        instance(
            child("a", day_entitlement={"days": 2, "per": "week"}, blocked_days=[_day(1)]),
            end=_day(6),
        ),
        day_places_by_date={_day(2): 0},
    )
    data["fixed_day_stays"] = [{"child": "a", "home": "flata", "date": _day(3)}]
    problem = parse_instance(data)
    assert parse_instance(instance_to_dict(problem)) == problem


def test_day_stays_never_on_the_childs_nights_and_within_places_and_entitlement():
    """Day rules 1-3: a child entitled to every night and 3 days in a week gets its days on
    the other dates, one place a day, never on a blocked day or a date without places."""
    data = _with_days(
        instance(
            child("a", nights=4, stay_nights={"min": 4, "max": 4}, preferred_weekdays=["mon"]),
            child(
                "b",
                nights=0,
                day_entitlement={"days": 3, "per": "week"},
                blocked_days=[_day(5)],
                wished_days=[_day(6)],
            ),
            child("c", nights=0, day_entitlement={"days": 3, "per": "week"}),
            end=_day(6),
        ),
        day_places_by_date={_day(0): 0},
    )
    problem = parse_instance(data)
    plan = solve_checked(problem)
    assert plan.status == "optimal"
    days = {(s.child, s.date) for s in plan.day_stays}
    assert ("b", START + dt.timedelta(days=5)) not in days  # blocked
    assert ("b", START + dt.timedelta(days=6)) in days  # wished
    assert all(s.date != START for s in plan.day_stays)  # no places on the first date
    # Six dates with one place each: both children get their three days.
    assert plan.objective.days.total_shortfall == 0


def test_a_child_with_nights_and_days_gets_days_only_on_other_dates():
    data = _with_days(
        instance(
            child(
                "a",
                nights=3,
                stay_nights={"min": 3, "max": 3},
                day_entitlement={"days": 4, "per": "horizon"},
            ),
            end=_day(3),
        ),
        places=2,
    )
    plan = solve_checked(data)
    nights = {n for stay in plan.stays for n in stay.night_dates()}
    assert len(nights) == 3
    assert {s.date for s in plan.day_stays} == {
        START + dt.timedelta(days=i) for i in range(4)
    } - nights
    assert plan.child("a").days.planned == 1 and plan.child("a").days.entitled == 4


def test_incompatible_children_never_share_a_day():
    """Day rule 4."""
    data = _with_days(
        instance(
            child("a", nights=0, day_entitlement={"days": 2, "per": "horizon"}),
            child("b", nights=0, day_entitlement={"days": 2, "per": "horizon"}),
            end=_day(2),
            incompatible=[["a", "b"]],
        ),
        places=2,
    )
    plan = solve_checked(data)
    assert not {s.date for s in plan.day_stays if s.child == "a"} & {
        s.date for s in plan.day_stays if s.child == "b"
    }
    # Three dates for four wanted days: the fairest split is 2 and 1.
    assert plan.objective.days.max_shortfall_ratio == 0.5
    assert plan.objective.days.total_shortfall == 1


def test_fixed_day_stays_are_kept_and_block_the_night():
    """A confirmed day stay is kept, and the child gets no night on its date."""
    data = _with_days(
        instance(
            child(
                "a",
                nights=3,
                stay_nights={"min": 1, "max": 3},
                day_entitlement={"days": 1, "per": "horizon"},
            ),
            end=_day(2),
            fixed_day_stays=[{"child": "a", "home": "flata", "date": _day(1)}],
        )
    )
    plan = solve_checked(data)
    assert plan.day_stays == (DayStay("a", "flata", START + dt.timedelta(days=1)),)
    assert plan.child("a").planned == 2  # the day's night is not the child's


def test_a_fixed_day_stay_on_a_fixed_night_is_infeasible(tmp_path, capsys):
    data = _with_days(
        instance(
            child("a", nights=2, day_entitlement={"days": 1, "per": "horizon"}),
            end=_day(2),
            fixed_stays=[{"child": "a", "home": "flata", "first_night": _day(0), "nights": 1}],
            fixed_day_stays=[{"child": "a", "home": "flata", "date": _day(0)}],
        )
    )
    path = tmp_path / "clash.json"
    path.write_text(json.dumps(data))
    assert main([str(path)]) == 1
    plan = json.loads(capsys.readouterr().out)
    assert plan["status"] == "infeasible"
    assert any("day rule 1" in v for v in plan["violations"])


def test_the_checker_names_every_broken_day_rule():
    data = _with_days(
        instance(
            child(
                "a", nights=1, day_entitlement={"days": 1, "per": "horizon"}, blocked_days=[_day(1)]
            ),
            child("b", nights=0, day_entitlement={"days": 1, "per": "horizon"}),
            child("c", nights=0),
            end=_day(2),
            incompatible=[["a", "b"]],
        )
    )
    problem = parse_instance(data)

    def rules(day_stays, stays=()):
        return {v.rule for v in check_plan(problem, list(stays), day_stays)}

    own_night = [Stay("a", "flata", START, 1)]
    assert "day rule 1" in rules([DayStay("a", "flata", START)], own_night)
    assert "day rule 1" in rules([DayStay("a", "flata", START + dt.timedelta(days=1))])  # blocked
    assert "day rule 1" in rules([DayStay("c", "flata", START)])  # no day entitlement
    two = [
        DayStay("a", "flata", START + dt.timedelta(days=2)),
        DayStay("b", "flata", START + dt.timedelta(days=2)),
    ]
    assert {"day rule 2", "day rule 4"} <= rules(two)  # one place; incompatible
    assert "day rule 3" in rules(
        [DayStay("a", "flata", START), DayStay("a", "flata", START + dt.timedelta(days=2))]
    )
    assert rules([DayStay("b", "flata", START)]) == set()


MALFORMED = {
    "negative day places": ({"homes": {"day_places": -1}}, "homes[0].day_places"),
    "day places not a number": ({"homes": {"day_places": "2"}}, "homes[0].day_places"),
    "day places on a date outside the horizon": (
        {"homes": {"day_places_by_date": {"2027-04-01": 1}}},
        "homes[0].day_places_by_date",
    ),
    "day places by date not an object": (
        {"homes": {"day_places_by_date": [1]}},
        "homes[0].day_places_by_date",
    ),
    "negative day places on a date": (
        {"homes": {"day_places_by_date": {"2027-03-02": -2}}},
        "homes[0].day_places_by_date",
    ),
    "day entitlement in an unknown period": (
        {"child": {"day_entitlement": {"days": 2, "per": "year"}}},
        "children[0].day_entitlement.per",
    ),
    "day entitlement negative": (
        {"child": {"day_entitlement": {"days": -1, "per": "week"}}},
        "children[0].day_entitlement.days",
    ),
    "day entitlement without days": (
        {"child": {"day_entitlement": {"per": "week"}}},
        "children[0].day_entitlement.days",
    ),
    "blocked day outside the horizon": (
        {"child": {"blocked_days": ["2027-02-28"]}},
        "children[0].blocked_days[0]",
    ),
    "wished day not a date": (
        {"child": {"wished_days": ["1.3.2027"]}},
        "children[0].wished_days[0]",
    ),
    "fixed day stay of a child without day entitlement": (
        {"fixed_day_stays": [{"child": "b", "home": "flata", "date": "2027-03-01"}]},
        "fixed_day_stays[0].child",
    ),
    "fixed day stay outside the horizon": (
        {"fixed_day_stays": [{"child": "a", "home": "flata", "date": "2027-03-09"}]},
        "fixed_day_stays[0].date",
    ),
    "fixed day stay in another home": (
        {"fixed_day_stays": [{"child": "a", "home": "vesle", "date": "2027-03-01"}]},
        "fixed_day_stays[0].home",
    ),
    "the same fixed day stay twice": (
        {"fixed_day_stays": [{"child": "a", "home": "flata", "date": "2027-03-01"}] * 2},
        "fixed_day_stays[1]",
    ),
    "fixed day stay with nights": (
        {"fixed_day_stays": [{"child": "a", "home": "flata", "date": "2027-03-01", "nights": 1}]},
        "fixed_day_stays[0].nights",
    ),
}


def _malformed(change: dict) -> dict:
    data = _with_days(
        instance(
            child("a", day_entitlement={"days": 2, "per": "week"}),
            child("b"),
            end=_day(6),
        )
    )
    data["homes"][0].update(change.get("homes", {}))
    data["children"][0].update(change.get("child", {}))
    if "fixed_day_stays" in change:
        data["fixed_day_stays"] = change["fixed_day_stays"]
    return data


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_day_fields_are_refused_naming_the_field(case, tmp_path, capsys):
    change, field = MALFORMED[case]
    with pytest.raises(InstanceError) as raised:
        parse_instance(_malformed(change))
    assert field in raised.value.field
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(_malformed(change)))
    assert main([str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and field in err


# -- the day terms equal exhaustive search over every day plan around the engine's nights ------


def _best_day_key(problem, stays) -> tuple:
    """Exhaustive: every set of (child, date) day stays that obeys the day rules, judged by
    the checker; the best (ratio, total shortfall, -wished) key."""
    dates = problem.nights()
    options = [
        DayStay(c.id, c.home, d) for c in problem.children if c.day_entitlement for d in dates
    ]
    best = None
    for size in range(len(options) + 1):
        for chosen in itertools.combinations(options, size):
            if check_plan(problem, stays, chosen):
                continue
            key = evaluate_plan(problem, stays, chosen).days.key()
            best = key if best is None or key < best else best
    return best


@st.composite
def _tiny_with_days(draw):
    data = draw(tiny_instances())
    dates = [dt.date.fromisoformat(data["start"]) + dt.timedelta(days=i) for i in range(4)]
    end = dt.date.fromisoformat(data["end"])
    inside = [d.isoformat() for d in dates if d <= end]
    data["homes"][0]["day_places"] = draw(st.integers(0, 2))
    if draw(st.booleans()):
        data["homes"][0]["day_places_by_date"] = {draw(st.sampled_from(inside)): 0}
    data["end"] = inside[-1]  # at most four dates, so the day plans can be enumerated
    for item in data["children"][:2]:
        item["day_entitlement"] = {
            "days": draw(st.integers(0, 3)),
            "per": draw(st.sampled_from(("week", "horizon"))),
        }
        item["wished_days"] = draw(st.lists(st.sampled_from(inside), max_size=2, unique=True))
        item["blocked_days"] = draw(st.lists(st.sampled_from(inside), max_size=1))
    _clip(data, inside[-1])
    return data


def _clip(data: dict, end: str) -> None:
    """Drop dates past the shortened horizon (the instance must stay well-formed)."""
    for home in data["homes"]:
        home["closed_nights"] = [d for d in home.get("closed_nights", []) if d <= end]
    for item in data["children"]:
        for key in ("blocked_nights", "wished_nights"):
            item[key] = [d for d in item.get(key, []) if d <= end]
        if "valid" in item:
            item["valid"]["first"] = min(item["valid"]["first"], end)
            item["valid"]["last"] = min(item["valid"]["last"], end)
    last = dt.date.fromisoformat(end)
    data["previous_stays"] = [
        s
        for s in data.get("previous_stays", [])
        if dt.date.fromisoformat(s["first_night"]) + dt.timedelta(days=s["nights"] - 1) <= last
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_tiny_with_days())
def test_day_terms_equal_the_exhaustive_optimum_around_the_nights(data):
    problem = parse_instance(data)
    plan = solve_checked(problem)
    assert plan.status == "optimal"
    found = evaluate_plan(problem, plan.stays, plan.day_stays).days
    assert found.key() == _best_day_key(problem, plan.stays)
    assert plan.objective.days.max_shortfall_ratio == float(found.max_shortfall_ratio)
    assert Fraction(found.total_shortfall) == plan.objective.days.total_shortfall
