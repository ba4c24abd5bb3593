"""The home-care route planning engine (issue 10): a zone's day of visits into staff routes.

Pure Python (no Django): ``parse.load_instance`` reads the JSON contract, ``solve.solve`` plans,
``check.check_plan`` verifies a plan independently of the solver, ``omsorg plan-routes`` is the
command line. See ``solve.py`` for the method.

Where the contract leaves a choice, the engine takes this one (``check.py`` checks the same):
- every staff member gets a route in the plan, in instance order; an empty route is the trip from
  ``start`` to ``end`` (its travel and distance count; zero when both are the base);
- a staff member leaves ``start`` at the shift start and waits where needed; each visit starts at
  the earliest time its route, window and links allow (the least schedule), so ``return`` is the
  earliest arrival at ``end``;
- linked visits are planned all or none (a double visit is never half done); a link binds only
  when both visits are planned;
- ``not_preferred`` counts planned visits whose ``preferred_staff`` is non-empty and does not name
  the staff member who does it; a visit without preferences never counts;
- optional fields default to: ``distance`` = ``travel``, ``capacity``/``demand`` 0, ``skills`` and
  ``preferred_staff`` empty, ``window_hard`` true, ``person`` "", a link's ``min_gap`` 0 and
  ``max_gap`` none; absent weights are unassigned 10000, travel 1, the rest 0;
- status ``infeasible`` (exit code 1) only when some staff member cannot even get from start to
  end within the shift with overtime forbidden: routes empty, every visit unassigned, objective
  and bound null;
- unknown fields, negative numbers (times, gaps, weights, capacities, demands, matrix entries) and
  duplicate ids are refused like the other malformed instances (exit code 2).
"""
