"""Shortfall reasons are derived honestly; the single-child DP agrees with brute force."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from omsorg.planning.respite import StayLength
from omsorg.planning.respite.alone import best_alone, best_nights
from omsorg.planning.respite.entitlements import PeriodCap

from .helpers import child, instance, solve_checked


def reasons(plan, child_id: str) -> tuple:
    return plan.child(child_id).shortfall_reasons


def test_no_shortfall_no_reason():
    plan = solve_checked(instance(child("a")))
    assert reasons(plan, "a") == ()


def test_reason_blocked_nights():
    plan = solve_checked(instance(child("a", blocked_nights=["2027-03-02"])))
    assert reasons(plan, "a") == ("blocked_nights",)


def test_reason_closed_nights():
    plan = solve_checked(instance(child("a"), closed_nights=["2027-03-02"]))
    assert reasons(plan, "a") == ("closed_nights",)


def test_reason_stay_length():
    """Entitled to 1 night, but every stay is at least 2 nights long."""
    plan = solve_checked(instance(child("a", 1, stay_nights={"min": 2, "max": 2})))
    assert reasons(plan, "a") == ("stay_length",)


def test_reason_capacity_names_the_child_left_short():
    plan = solve_checked(instance(child("a", 1), child("b", 2), beds=1))
    assert reasons(plan, "a") == ()
    assert reasons(plan, "b") == ("capacity",)


def test_optimal_plans_never_blame_the_time_limit():
    plan = solve_checked(
        instance(
            child("a", 3, one_to_one=True),
            child("b", 3, one_to_one=True, blocked_nights=["2027-03-01"]),
            child("c", 2, stay_nights={"min": 2, "max": 2}),
            end="2027-03-04",
            beds=2,
            max_one_to_one_per_night=1,
            incompatible=[["a", "c"]],
        )
    )
    assert plan.status == "optimal"
    assert all("time_limit" not in r.shortfall_reasons for r in plan.children)
    assert all(r.shortfall_reasons for r in plan.children if r.shortfall > 0)


def _brute_force(length: StayLength, caps: list[PeriodCap], usable: set[int], nights: int) -> int:
    best = 0
    for chosen in itertools.product((0, 1), repeat=nights):
        taken = [i for i in range(nights) if chosen[i]]
        if any(i not in usable for i in taken):
            continue
        runs, run = [], 0
        for value in (*chosen, 0):
            if value:
                run += 1
            elif run:
                runs.append(run)
                run = 0
        if any(not length.min_nights <= r <= length.max_nights for r in runs):
            continue
        if any(sum(chosen[c.first : c.last + 1]) > c.entitled for c in caps):
            continue
        best = max(best, len(taken))
    return best


@settings(max_examples=80, deadline=None)
@given(
    nights=st.integers(1, 9),
    shortest=st.integers(1, 3),
    extra=st.integers(0, 2),
    split=st.integers(1, 9),
    entitled=st.tuples(st.integers(0, 5), st.integers(0, 5)),
    blocked=st.sets(st.integers(0, 8), max_size=3),
)
def test_single_child_dp_matches_brute_force(nights, shortest, extra, split, entitled, blocked):
    """The DP behind the model's bound and the reasons (hard rules 1 and 5, one child)."""
    split = min(split, nights)
    caps = [PeriodCap("p1", 0, split - 1, entitled[0])]
    if split < nights:
        caps.append(PeriodCap("p2", split, nights - 1, entitled[1]))
    length = StayLength(shortest, shortest + extra)
    usable = set(range(nights)) - blocked
    expected = _brute_force(length, caps, usable, nights)
    assert best_alone(length, caps, usable) == expected
    chosen = best_nights(length, caps, usable, {i: 1 for i in range(nights)})
    assert len(chosen) == expected and chosen <= usable
