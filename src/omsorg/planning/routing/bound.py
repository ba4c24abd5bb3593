"""A cheap lower bound of the objective (all weights are non-negative).

Each visit is either unplanned (its weight ``unassigned``) or entered by exactly one leg of
some route, from a different stop, which costs at least the cheapest weighted arc into its
location, plus the preference weight when no staff member who could take it is preferred.
Tardiness, overtime and the legs back to the end locations are left out (they are >= 0).
"""

from omsorg.planning.routing.model import RoutingModel


def lower_bound(model: RoutingModel) -> float:
    """Σ over visits of min(unassigned weight, cheapest way to plan it)."""
    w = model.weights
    total = 0.0
    sources = set(model.home) | set(model.loc)
    for v in range(model.n):
        able = [k for k in range(model.m) if model.allowed[k][v]]
        if not able:
            total += w.unassigned
            continue
        into = min(model.arc[a][model.loc[v]] for a in sources)
        preference = 0.0 if any(not model.not_preferred[k][v] for k in able) else w.not_preferred
        total += min(w.unassigned, into + preference)
    return total
