"""Small sub-models for the neighbourhood search: only the free part of a roster.

A part-solve frees a few staff members' rows or a window of days and fixes the rest to the best
roster. Solving the whole model with fixed domains makes every part pay the whole model's
presolve (about 1 s for Curtois & Qu Instance13's 28 000 constraints), however small the part.
Every hard rule concerns one staff member, so a part needs only the constraints that read a
free variable: the free staff's own rules (a rule of fixed staff holds already) and the cover
rows they can change, with the fixed staff's contribution to a row's count as a constant.

The sub-model keeps the whole model's variable numbering (a clone of its variables without
constraints, which CP-SAT copies in C++): a solution maps back one to one, and a variable no
kept constraint reads is dropped by presolve at no cost. A variable is free when it is a freed
shift, or a helper Boolean ("works that day", a weekend, a rest block, a cover row's shortfall)
of a freed person whose days meet that person's freed days, or of a cover row a freed shift
counts in. Every other variable a kept constraint reads is fixed to the best roster's value:
in a linear constraint it moves into the bounds, elsewhere its domain is fixed. The best
roster is a whole, consistent assignment (each part's solution is merged into it), so every
constraint left out holds and the sub-model's objective, with the fixed terms as its offset,
is the whole roster's cost.
"""

from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

LIMIT = 1 << 62  # linear bounds beyond this are CP-SAT's "unbounded" and stay as they are


def _var(literal: int) -> int:
    return literal if literal >= 0 else -literal - 1


def _read(constraint) -> list[int]:
    """Indexes of the variables a constraint reads (the kinds the roster model uses)."""
    found = [_var(lit) for lit in constraint.enforcement_literal]
    if constraint.has_linear():
        found.extend(constraint.linear.vars)
    elif constraint.has_bool_or():
        found.extend(_var(lit) for lit in constraint.bool_or.literals)
    elif constraint.has_bool_and():
        found.extend(_var(lit) for lit in constraint.bool_and.literals)
    elif constraint.has_lin_max():
        found.extend(constraint.lin_max.target.vars)
        for expr in constraint.lin_max.exprs:
            found.extend(expr.vars)
    else:  # a kind this module cannot cut: the caller falls back to the whole model
        raise NotImplementedError(constraint)
    return found


@dataclass
class Index:
    """Which constraints read each variable, and whose days each helper variable concerns."""

    skeleton: cp_model.CpModel  # the whole model's variables fixed, no constraints, no objective
    domains: list[tuple[int, int]]  # each variable's own domain
    reads: list[list[int]]  # constraint -> variables
    read_by: list[list[int]]  # variable -> constraints
    cell: dict[int, tuple[int, int]]  # shift or "works" variable -> (person, day)
    works: dict[tuple[int, int], int]  # (person, day) -> "works that day" variable
    helpers: dict[int, list[tuple[int, int, int]]]  # person -> (variable, first, last day)
    cover_of: dict[int, list[int]]  # shift variable -> cover constraints counting it
    cover_extra: dict[int, list[int]]  # cover constraint -> its own shortfall variables
    objective: tuple[np.ndarray, np.ndarray]  # variables, coefficients
    offset: float
    linear: "_Linear"  # the plain linear constraints, for moving fixed terms into bounds


def build_index(model) -> Index:
    proto = model.cp.Proto()
    reads = [_read(c) for c in proto.constraints]
    read_by: list[list[int]] = [[] for _ in proto.variables]
    for number, variables in enumerate(reads):
        for var in variables:
            read_by[var].append(number)
    cell = {var.Index(): (key[0], key[1]) for key, var in model.shift.items()}
    cell.update({var.Index(): key for key, var in model.works.items()})
    helpers, cover_of, cover_extra = _attribute(reads, cell)
    skeleton, domains = _skeleton(model)
    return Index(
        skeleton=skeleton,
        domains=domains,
        reads=reads,
        read_by=read_by,
        cell=cell,
        works={key: var.Index() for key, var in model.works.items()},
        helpers=helpers,
        cover_of=cover_of,
        cover_extra=cover_extra,
        objective=(
            np.array(proto.objective.vars, dtype=np.int64),
            np.array(proto.objective.coeffs, dtype=np.int64),
        ),
        offset=proto.objective.offset,
        linear=_Linear(proto),
    )


class _Linear:
    """The linear constraints without enforcement, flattened (one array of terms, each
    constraint a slice of it): a part moves the fixed terms of hundreds of them into their
    bounds in a few array operations instead of a Python loop per term (a cover row of
    Curtois & Qu Instance13 has 120 terms; the loop took a third of the search's time)."""

    def __init__(self, proto) -> None:
        self.numbers: dict[int, int] = {}  # constraint -> position among the plain linear ones
        starts, variables, coeffs, self.domains = [0], [], [], []
        for number, constraint in enumerate(proto.constraints):
            if constraint.has_linear() and not constraint.enforcement_literal:
                self.numbers[number] = len(self.domains)
                variables.extend(constraint.linear.vars)
                coeffs.extend(constraint.linear.coeffs)
                starts.append(len(variables))
                self.domains.append(list(constraint.linear.domain))
        self.starts = np.array(starts, dtype=np.int64)
        self.variables = np.array(variables, dtype=np.int64)
        self.coeffs = np.array(coeffs, dtype=np.int64)

    def add(self, target, numbers: list[int], free: np.ndarray, values: np.ndarray) -> None:
        """Add the constraints ``numbers`` to ``target`` with their fixed terms (``free`` is
        False) moved into their bounds."""
        if not numbers:
            return
        positions = np.array([self.numbers[n] for n in numbers], dtype=np.int64)
        first, lengths = self.starts[positions], np.diff(self.starts)[positions]
        ends = np.cumsum(lengths)
        terms = np.arange(ends[-1]) + np.repeat(first - (ends - lengths), lengths)
        variables, coeffs = self.variables[terms], self.coeffs[terms]
        owner = np.repeat(np.arange(len(positions)), lengths)
        open_ = free[variables]
        constants = np.zeros(len(positions), dtype=np.int64)
        shut = ~open_
        np.add.at(constants, owner[shut], coeffs[shut] * values[variables[shut]])
        cuts = np.concatenate(([0], np.cumsum(np.bincount(owner[open_], minlength=len(positions)))))
        kept_vars, kept_coeffs = variables[open_].tolist(), coeffs[open_].tolist()
        cuts, constants = cuts.tolist(), constants.tolist()
        for j, position in enumerate(positions.tolist()):
            row = target.constraints.add().linear
            row.vars.extend(kept_vars[cuts[j] : cuts[j + 1]])
            row.coeffs.extend(kept_coeffs[cuts[j] : cuts[j + 1]])
            constant = constants[j]
            row.domain.extend(
                b if abs(b) >= LIMIT else b - constant for b in self.domains[position]
            )


def _attribute(reads, cell):
    """Each helper variable's person and days (from the shifts its constraints read), and
    the cover rows: constraints reading several staff members' shifts."""
    span: dict[int, list[int]] = {}  # helper variable -> [person, first, last]
    cover_of: dict[int, list[int]] = {}
    cover_extra: dict[int, list[int]] = {}
    pending = []
    for number, variables in enumerate(reads):
        days = [cell[v] for v in variables if v in cell]
        people = {person for person, _ in days}
        if len(people) > 1:  # a cover row: shifts of several staff and its shortfall
            cover_extra[number] = [v for v in variables if v not in cell]
            for var in variables:
                if var in cell:
                    cover_of.setdefault(var, []).append(number)
        elif people:
            first, last = min(d for _, d in days), max(d for _, d in days)
            _widen(span, variables, cell, people.pop(), first, last)
        else:
            pending.append(variables)
    for variables in pending:  # helpers of helpers (weekend counts, the rest windows)
        known = [span[v] for v in variables if v in span]
        if known:
            first, last = min(s[1] for s in known), max(s[2] for s in known)
            _widen(span, variables, cell, known[0][0], first, last)
    helpers: dict[int, list[tuple[int, int, int]]] = {}
    for var, (person, first, last) in span.items():
        helpers.setdefault(person, []).append((var, first, last))
    return helpers, cover_of, cover_extra


def _skeleton(model):
    """The model's variables, every one fixed, without constraints: a part clones it. Presolve
    drops a fixed variable at once; tens of thousands of unread free ones made each presolve
    pass as slow as the whole model's. A part gives its free variables their domains back."""
    skeleton = model.cp.clone()
    proto = skeleton.Proto()
    proto.constraints.clear()
    proto.clear_objective()
    proto.clear_solution_hint()
    domains = []
    for var in proto.variables:
        domains.append((var.domain[0], var.domain[1]))  # one interval: the model's kind
        var.domain[1] = var.domain[0]
    return skeleton, domains


def _widen(span, variables, cell, person, first, last) -> None:
    for var in variables:
        if var in cell:
            continue
        old = span.get(var)
        if old is None:
            span[var] = [person, first, last]
        else:
            old[1], old[2] = min(old[1], first), max(old[2], last)


def free_variables(index: Index, shifts: set[int]) -> set[int]:
    """The freed shifts, and the helpers whose value may change with them."""
    free = set(shifts)
    days: dict[int, list[int]] = {}
    for var in shifts:
        person, day = index.cell[var]
        bounds = days.setdefault(person, [day, day])
        bounds[0], bounds[1] = min(bounds[0], day), max(bounds[1], day)
    for person, (first, last) in days.items():
        for day in range(first, last + 1):
            works = index.works.get((person, day))
            if works is not None:
                free.add(works)
        for var, low, high in index.helpers.get(person, ()):
            if low <= last and high >= first:
                free.add(var)
    for var in shifts:
        for number in index.cover_of.get(var, ()):
            free.update(index.cover_extra[number])
    return free


def sub_model(index: Index, proto, values: list[int], shifts: set[int]):
    """The part of ``proto`` (the whole model) that ``shifts`` can change, the rest fixed to
    ``values``; returns the sub-model and its free variables."""
    free = free_variables(index, shifts)
    kept = sorted({number for var in free for number in index.read_by[var]})
    part = index.skeleton.clone()
    target = part.Proto()
    variables = target.variables
    for var in free:
        domain = variables[var].domain
        domain[0], domain[1] = index.domains[var]
    is_free = np.zeros(len(index.domains), dtype=bool)
    is_free[list(free)] = True
    at = np.asarray(values, dtype=np.int64)
    index.linear.add(target, [n for n in kept if n in index.linear.numbers], is_free, at)
    fixed: set[int] = set()
    for number in kept:
        if number in index.linear.numbers:
            continue
        target.constraints.add().copy_from(proto.constraints[number])
        for var in index.reads[number]:
            if var not in free and var not in fixed:
                fixed.add(var)
                domain = variables[var].domain
                domain[0] = domain[1] = values[var]
    goal_vars, goal_coeffs = index.objective
    open_ = is_free[goal_vars]
    goal = target.objective
    goal.vars.extend(goal_vars[open_].tolist())
    goal.coeffs.extend(goal_coeffs[open_].tolist())
    shut = ~open_
    goal.offset = index.offset + int(goal_coeffs[shut] @ at[goal_vars[shut]])
    hint = target.solution_hint
    for var in free:
        hint.vars.append(var)
        hint.values.append(values[var])
    return part, free
