"""The independent checker catches every broken hard rule (and is silent on a valid plan)."""

import datetime as dt

from omsorg.planning.respite import Stay, check_plan, evaluate_plan, parse_instance

from .helpers import child, instance

D = dt.date(2027, 3, 1)  # a Monday


def stay(child_id: str, offset: int, nights: int) -> Stay:
    return Stay(child_id, "flata", D + dt.timedelta(days=offset), nights)


def rules(problem, stays) -> set[str]:
    return {violation.rule for violation in check_plan(problem, stays)}


def problem(*children, **fields):
    fields.setdefault("end", "2027-03-14")
    return parse_instance(instance(*children, **fields))


def test_a_valid_plan_has_no_violations():
    p = problem(child("a", 4, stay_nights={"min": 1, "max": 2}))
    assert check_plan(p, [stay("a", 0, 2), stay("a", 3, 2)]) == []


def test_hard_rule_1_stay_length():
    p = problem(child("a", 9, stay_nights={"min": 2, "max": 3}))
    assert rules(p, [stay("a", 0, 1)]) == {"hard rule 1"}
    assert rules(p, [stay("a", 0, 4)]) == {"hard rule 1"}


def test_hard_rule_1_night_at_home_between_stays():
    p = problem(child("a", 9, stay_nights={"min": 1, "max": 3}))
    assert rules(p, [stay("a", 0, 2), stay("a", 2, 1)]) == {"hard rule 1"}  # back to back
    assert rules(p, [stay("a", 0, 2), stay("a", 1, 2)]) == {"hard rule 1"}  # overlapping


def test_hard_rule_1_stay_in_another_home():
    p = problem(child("a", 2))
    assert rules(p, [Stay("a", "lia", D, 1)]) == {"hard rule 1"}


def test_hard_rule_2_horizon_blocked_and_closed_nights():
    p = problem(child("a", 9, blocked_nights=["2027-03-03"]), closed_nights=["2027-03-05"])
    assert rules(p, [stay("a", -1, 1)]) == {"hard rule 2"}
    assert rules(p, [stay("a", 14, 1)]) == {"hard rule 2"}
    assert rules(p, [stay("a", 2, 1)]) == {"hard rule 2"}
    assert rules(p, [stay("a", 4, 1)]) == {"hard rule 2"}


def test_hard_rule_2_and_5_validity_window():
    """Outside the child's window a night breaks rule 2; inside, the prorated cap holds
    (2 nights per horizon of 14, window of 7 nights: floor(2 x 7 / 14) = 1)."""
    p = problem(child("a", 2, valid={"first": "2027-03-08", "last": "2027-03-14"}))
    assert rules(p, [stay("a", 7, 1)]) == set()
    assert rules(p, [stay("a", 6, 1)]) == {"hard rule 2"}
    assert rules(p, [stay("a", 7, 2)]) == {"hard rule 5"}
    assert evaluate_plan(p, []).children["a"].entitled == 1


def test_hard_rule_3_beds_per_night():
    p = problem(child("a"), child("b"), beds=1)
    assert rules(p, [stay("a", 0, 1), stay("b", 0, 1)]) == {"hard rule 3"}
    assert rules(p, [stay("a", 0, 1), stay("b", 1, 1)]) == set()


def test_hard_rule_3_one_to_one_per_night():
    p = problem(
        child("a", one_to_one=True), child("b", one_to_one=True), max_one_to_one_per_night=1
    )
    assert rules(p, [stay("a", 0, 1), stay("b", 0, 1)]) == {"hard rule 3"}


def test_hard_rule_4_incompatible_children():
    p = problem(child("a"), child("b"), incompatible=[["a", "b"]])
    assert rules(p, [stay("a", 0, 2), stay("b", 1, 1)]) == {"hard rule 4"}
    assert rules(p, [stay("a", 0, 1), stay("b", 1, 1)]) == set()


def test_hard_rule_5_entitled_nights_per_period():
    p = problem(child("a", 1, per="week"))  # two whole ISO weeks
    assert rules(p, [stay("a", 0, 1), stay("a", 2, 1)]) == {"hard rule 5"}
    assert rules(p, [stay("a", 0, 1), stay("a", 7, 1)]) == set()


def test_fixed_stays_must_be_kept():
    p = problem(
        child("a", 4),
        fixed_stays=[{"child": "a", "home": "flata", "first_night": "2027-03-02", "nights": 1}],
    )
    assert rules(p, []) == {"fixed stays"}


def test_evaluation_counts_ratio_wishes_and_weekdays():
    p = problem(
        child("a", 4, wished_nights=["2027-03-06"], preferred_weekdays=["sat", "sun"]),
        child("b", 0),
    )
    evaluation = evaluate_plan(p, [stay("a", 5, 2)])  # Saturday and Sunday
    assert evaluation.children["a"].planned == 2
    assert str(evaluation.max_shortfall_ratio) == "1/2"
    assert (evaluation.total_shortfall, evaluation.wished_planned) == (2, 1)
    assert evaluation.preferred_planned == 2
    assert evaluation.children["b"].ratio == 0  # entitled to nothing: ratio 0
