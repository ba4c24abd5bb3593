"""Small-group suppression (issue 9 §8): every aggregate shown outside person-level roles
hides the figures of a group of fewer than five persons, so that no one is recognised from a
count, a sum or a share.

The one rule for pages and the API's aggregate endpoints:

- a group of 1–4 persons shows none of its figures (`None`, written "under 5" / shown as
  `SUPPRESSED_TEXT` on pages, `null` with `"suppressed": true` in JSON); 0 persons is shown
  (an empty group tells nothing about anyone);
- in a table whose total is shown, one hidden row could be worked out from the total and the
  others, so a second row is hidden with it (the smallest shown one): secondary suppression.

Pure: no Django; the person-level roles (caseworkers) never call this, everyone else's
figures go through it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

MIN_GROUP = 5
T = TypeVar("T")


def is_small(persons: int | None) -> bool:
    """Whether a group of this many persons must be hidden (1 to MIN_GROUP − 1)."""
    return persons is not None and 0 < persons < MIN_GROUP


def suppress(value: T, persons: int | None) -> T | None:
    """The value, or None when it describes a group of fewer than five persons."""
    return None if is_small(persons) else value


def suppress_figures(
    figures: Mapping[str, Any], persons: int | None, keep: Iterable[str] = ()
) -> dict[str, Any]:
    """Every figure of a group, with all but `keep` (figures that are not about persons, e.g.
    a budget) set to None when the group is small; adds `suppressed`."""
    small = is_small(persons)
    kept = set(keep)
    result = {
        name: (value if not small or name in kept else None) for name, value in figures.items()
    }
    result["suppressed"] = small
    return result


def suppress_table(
    rows: Sequence[Mapping[str, Any]],
    persons: Callable[[Mapping[str, Any]], int | None],
    fields: Iterable[str],
    *,
    with_total: bool = True,
) -> list[dict[str, Any]]:
    """The rows with `fields` set to None in every small group, and (when the table also shows
    a total of those fields) in one more group if exactly one was hidden: the shown group with
    the fewest persons. Each row gets `suppressed`."""
    fields = tuple(fields)
    counts = [persons(row) for row in rows]
    hidden = {i for i, count in enumerate(counts) if is_small(count)}
    if with_total and len(hidden) == 1:
        shown = [i for i, count in enumerate(counts) if i not in hidden and count]
        if shown:
            hidden.add(min(shown, key=lambda i: (counts[i], i)))
    result = []
    for i, row in enumerate(rows):
        copy = dict(row)
        if i in hidden:
            for name in fields:
                if name in copy:
                    copy[name] = None
        copy["suppressed"] = i in hidden
        result.append(copy)
    return result
