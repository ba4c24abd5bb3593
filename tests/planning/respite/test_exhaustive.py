"""Random tiny instances: every plan is valid, and its objective equals exhaustive search."""

from hypothesis import HealthCheck, given, settings

from omsorg.planning.respite import greedy_plan, parse_instance
from omsorg.planning.respite.check import check_plan, evaluate_plan

from .bruteforce import best_key
from .helpers import key_of, solve_checked
from .strategies import tiny_instances

# Modest example counts keep the whole planning suite well under a minute on two cores.
EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EXAMPLES
@given(tiny_instances())
def test_plan_is_valid_and_lexicographically_optimal(data):
    """Hard rules 1-5 hold, and objectives 1-6 (5: fewer stays; 6: previous stays kept) equal
    the exhaustive optimum term by term."""
    problem = parse_instance(data)
    plan = solve_checked(problem)
    assert plan.status == "optimal"
    assert key_of(problem, plan) == best_key(problem)


@EXAMPLES
@given(tiny_instances(fixed=True))
def test_fixed_stays_are_kept_or_the_instance_is_infeasible(data):
    """Re-planning: fixed stays kept exactly; "infeasible" exactly when no valid plan keeps them."""
    problem = parse_instance(data)
    plan = solve_checked(problem)
    best = best_key(problem)
    if plan.status == "infeasible":
        assert best is None
    else:
        assert set(problem.fixed_stays) <= set(plan.stays)
        assert key_of(problem, plan) == best


@settings(max_examples=40, deadline=None)
@given(tiny_instances())
def test_greedy_plan_is_valid_and_never_better_than_the_solver(data):
    problem = parse_instance(data)
    stays = greedy_plan(problem)
    assert check_plan(problem, stays) == []
    assert evaluate_plan(problem, stays).key() >= key_of(problem, solve_checked(problem))[:5]
