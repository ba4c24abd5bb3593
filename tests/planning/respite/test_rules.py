"""A penalised/unpenalised pair per rule: the same tiny instance with the rule slack and tight.

Each pair shows the solver obeys the rule (the checker agrees) and that the rule is what moves
the optimum. Instances start on Monday 2027-03-01 unless said otherwise.
"""

from .helpers import child, instance, ratio, solve_checked


def planned(plan, child_id: str) -> int:
    return plan.child(child_id).planned


def test_hard_rule_1_longest_stay():
    """Hard rule 1 (max): 3 nights in a 3-night horizon need one stay of 3."""
    loose = solve_checked(
        instance(child("a", 3, stay_nights={"min": 1, "max": 3}), end="2027-03-03")
    )
    tight = solve_checked(
        instance(child("a", 3, stay_nights={"min": 1, "max": 2}), end="2027-03-03")
    )
    assert planned(loose, "a") == 3
    assert planned(tight, "a") == 2  # 2 + home, or 1 + home + 1


def test_hard_rule_1_shortest_stay():
    """Hard rule 1 (min): a stay of at least 3 nights does not fit a 2-night horizon."""
    loose = solve_checked(instance(child("a", 2, stay_nights={"min": 2, "max": 3})))
    tight = solve_checked(instance(child("a", 2, stay_nights={"min": 3, "max": 3})))
    assert (planned(loose, "a"), planned(tight, "a")) == (2, 0)


def test_hard_rule_1_night_at_home_between_stays():
    """Hard rule 1 (gap): single-night stays need a night at home between them."""
    plan = solve_checked(
        instance(child("a", 4, stay_nights={"min": 1, "max": 1}), end="2027-03-04")
    )
    assert planned(plan, "a") == 2
    assert len(plan.stays) == 2  # the checker has verified the night at home between


def test_hard_rule_2_blocked_night():
    loose = solve_checked(instance(child("a", 2)))
    tight = solve_checked(instance(child("a", 2, blocked_nights=["2027-03-02"])))
    assert (planned(loose, "a"), planned(tight, "a")) == (2, 1)
    assert all(s.first_night.day == 1 for s in tight.stays)


def test_hard_rule_2_closed_night():
    tight = solve_checked(instance(child("a", 2), closed_nights=["2027-03-01"]))
    assert planned(tight, "a") == 1
    assert tight.stays[0].first_night.day == 2


def test_hard_rule_3_beds_per_night():
    """Hard rule 3 (beds): two children, two nights; one bed halves what each gets."""
    loose = solve_checked(instance(child("a"), child("b"), beds=2))
    tight = solve_checked(instance(child("a"), child("b"), beds=1))
    assert loose.objective.total_shortfall == 0
    assert tight.objective.total_shortfall == 2
    assert ratio(tight) == ratio(loose) + 1 / 2  # fair: one night each, not two and none


def test_hard_rule_3_no_beds():
    plan = solve_checked(instance(child("a"), beds=0))
    assert plan.stays == () and plan.child("a").shortfall_reasons == ("capacity",)


def test_hard_rule_3_one_to_one_per_night():
    """Hard rule 3 (staffing): two one-to-one children, at most one per night."""
    pair = (child("a", one_to_one=True), child("b", one_to_one=True))
    loose = solve_checked(instance(*pair))
    tight = solve_checked(instance(*pair, max_one_to_one_per_night=1))
    assert (loose.objective.total_shortfall, tight.objective.total_shortfall) == (0, 2)
    assert tight.child("a").shortfall_reasons == ("one_to_one_limit",)


def test_hard_rule_4_incompatible_children():
    loose = solve_checked(instance(child("a"), child("b")))
    tight = solve_checked(instance(child("a"), child("b"), incompatible=[["b", "a"]]))
    assert (loose.objective.total_shortfall, tight.objective.total_shortfall) == (0, 2)
    assert tight.child("b").shortfall_reasons == ("incompatibility",)


def test_hard_rule_4_only_within_one_home():
    data = instance(child("a"), child("b", home="lia"), incompatible=[["a", "b"]])
    data["homes"].append({"id": "lia", "beds": 1})
    assert solve_checked(data).objective.total_shortfall == 0


def test_hard_rule_5_nights_per_week():
    """Hard rule 5: 1 night per ISO week over two weeks is 2 nights, one in each week."""
    loose = solve_checked(instance(child("a", 2, per="horizon"), end="2027-03-14"))
    tight = solve_checked(instance(child("a", 1, per="week"), end="2027-03-14"))
    assert planned(loose, "a") == planned(tight, "a") == 2
    weeks = sorted(n.isocalendar()[1] for s in tight.stays for n in s.night_dates())
    assert weeks == [9, 10]
    # Objective 5 (fewer stays): one stay from Sunday of week 9 to Monday of week 10.
    assert len(tight.stays) == 1


def test_hard_rule_5_months_cut_by_the_horizon():
    """Hard rule 5: 2 nights a month over 30 Jan - 2 Feb: floor(2x2/31) + floor(2x2/28) = 0."""
    loose = solve_checked(instance(child("a", 2), start="2027-01-30", end="2027-02-02"))
    tight = solve_checked(
        instance(child("a", 2, per="month"), start="2027-01-30", end="2027-02-02")
    )
    assert planned(loose, "a") == 2
    assert (tight.child("a").entitled, planned(tight, "a")) == (0, 0)
    assert tight.objective.max_shortfall_ratio == 0.0  # entitled to 0 nights: ratio 0


def test_validity_window_prorates_and_forbids_nights_outside():
    """Validity window: a decision from 15 March over a horizon of March; 4 nights a month is
    floor(4 x 17 / 31) = 2 nights, planned only from the 15th. Without the window: 4 nights."""
    loose = solve_checked(
        instance(child("a", 4, per="month"), start="2027-03-01", end="2027-03-31")
    )
    valid = {"first": "2027-03-15", "last": "2027-03-31"}
    tight = solve_checked(
        instance(child("a", 4, per="month", valid=valid), start="2027-03-01", end="2027-03-31")
    )
    assert (loose.child("a").entitled, planned(loose, "a")) == (4, 4)
    assert (tight.child("a").entitled, planned(tight, "a")) == (2, 2)
    assert all(s.first_night.day >= 15 for s in tight.stays)


def test_validity_window_blocks_nights_the_child_would_need():
    """Validity window over the horizon: 2 nights per horizon, window of one night: entitled
    floor(2 x 1 / 2) = 1 and planned on that night only."""
    tight = solve_checked(
        instance(child("a", 2, valid={"first": "2027-03-02", "last": "2027-03-02"}))
    )
    assert (tight.child("a").entitled, planned(tight, "a")) == (1, 1)
    assert tight.stays[0].first_night.day == 2


def test_objective_1_shares_the_bed_fairly():
    """Objective 1: one bed, two nights; a gets 1 of 1 and b 1 of 2 (ratio 1/2), not b 2 of 2."""
    plan = solve_checked(instance(child("a", 1), child("b", 2), beds=1))
    assert (planned(plan, "a"), planned(plan, "b")) == (1, 1)
    assert plan.objective.max_shortfall_ratio == 0.5


def test_objective_2_total_shortfall_after_the_largest_ratio():
    """Objective 2: a child who can get nothing fixes the ratio at 1; the others still fill up."""
    plan = solve_checked(
        instance(child("x", 1, blocked_nights=["2027-03-01", "2027-03-02"]), child("a"), child("b"))
    )
    assert plan.objective.max_shortfall_ratio == 1.0
    assert plan.objective.total_shortfall == 1
    assert plan.child("x").shortfall_reasons == ("blocked_nights",)


def test_objective_3_wished_nights():
    wished = solve_checked(instance(child("a", 1, wished_nights=["2027-03-02"]), end="2027-03-03"))
    assert [s.first_night.day for s in wished.stays] == [2]
    assert wished.objective.wished_planned == 1


def test_objective_4_preferred_weekdays():
    plan = solve_checked(instance(child("a", 1, preferred_weekdays=["wed"]), end="2027-03-07"))
    assert [s.first_night.weekday() for s in plan.stays] == [2]
    assert plan.objective.preferred_planned == 1


def test_objective_3_before_4():
    """A wished Friday beats a preferred Saturday."""
    data = child("a", 1, wished_nights=["2027-03-05"], preferred_weekdays=["sat"])
    plan = solve_checked(instance(data, end="2027-03-07"))
    assert [s.first_night.day for s in plan.stays] == [5]
    assert plan.objective.preferred_planned == 0


def test_objective_5_previous_stays_kept():
    """Re-planning: with a free choice, the previous stay is kept; a fixed one always."""
    previous = {"child": "a", "home": "flata", "first_night": "2027-03-04", "nights": 1}
    plan = solve_checked(instance(child("a", 1), end="2027-03-07", previous_stays=[previous]))
    assert [s.first_night.day for s in plan.stays] == [4]
    assert plan.objective.previous_not_kept == 0


def test_objective_5_is_the_lowest_priority():
    previous = {"child": "a", "home": "flata", "first_night": "2027-03-04", "nights": 1}
    data = child("a", 1, preferred_weekdays=["sat"])
    plan = solve_checked(instance(data, end="2027-03-07", previous_stays=[previous]))
    assert [s.first_night.day for s in plan.stays] == [6]
    assert plan.objective.previous_not_kept == 1


def test_fixed_stay_is_kept_even_when_it_costs():
    """A confirmed stay is kept exactly, though a wished night is lost for it."""
    fixed = {"child": "a", "home": "flata", "first_night": "2027-03-01", "nights": 1}
    data = child("a", 1, wished_nights=["2027-03-02"])
    plan = solve_checked(instance(data, end="2027-03-03", fixed_stays=[fixed]))
    assert [(s.first_night.day, s.nights) for s in plan.stays] == [(1, 1)]


def test_fixed_stays_that_break_a_rule_make_the_instance_infeasible():
    fixed = [
        {"child": "a", "home": "flata", "first_night": "2027-03-01", "nights": 1},
        {"child": "b", "home": "flata", "first_night": "2027-03-01", "nights": 1},
    ]
    plan = solve_checked(instance(child("a"), child("b"), beds=1, fixed_stays=fixed))
    assert plan.status == "infeasible"
    assert any("hard rule 3" in v for v in plan.violations)
    assert plan.to_dict()["objective"] is None
