"""The neighbourhood search's adaptive choice of the kind of part (lns.py)."""

import random
from collections import Counter

from omsorg.planning.roster import lns


def test_a_kind_that_pays_is_drawn_most_and_none_is_starved():
    weights = {"rows": 10.0, "window": 0.0, "short": 0.0, "short rows": 0.0}
    rng = random.Random(0)
    drawn = Counter(lns._choose(weights, rng) for _ in range(4000))
    assert drawn["rows"] > 3000
    for kind in ("window", "short", "short rows"):  # at least MIN_SHARE of the draws, about
        assert drawn[kind] > 4000 * lns.MIN_SHARE * 0.6
