"""Reads of the steering assumptions (issue 9 §2 and §3): the rows for the settings page, and
the cost assumptions in force for a unit on a day."""

from __future__ import annotations

import datetime

from django.db.models import Q

from omsorg.core.errors import NotFound
from omsorg.core.models import Municipality, Unit
from omsorg.steering.cost import CostAssumptions
from omsorg.steering.models import CostAssumption, HoursPerUnit


def hours_per_unit_rows(municipality: Municipality) -> list[HoursPerUnit]:
    return list(
        HoursPerUnit.objects.filter(municipality=municipality).order_by(
            "service_code", "scope_unit", "-valid_from"
        )
    )


def cost_assumption_rows(municipality: Municipality) -> list[CostAssumption]:
    return list(
        CostAssumption.objects.filter(municipality=municipality)
        .select_related("unit")
        .order_by("unit__code", "-valid_from", "-id")
    )


def hours_per_unit_get(municipality: Municipality, pk: int) -> HoursPerUnit:
    row = HoursPerUnit.objects.filter(municipality=municipality, pk=pk).first()
    if row is None:
        raise NotFound()
    return row


def cost_assumption_get(municipality: Municipality, pk: int) -> CostAssumption:
    row = CostAssumption.objects.filter(municipality=municipality, pk=pk).first()
    if row is None:
        raise NotFound()
    return row


def _unit_chain(unit: Unit | None) -> list[int]:
    """The unit's id and its parents' ids, nearest first."""
    chain: list[int] = []
    while unit is not None and unit.pk not in chain:
        chain.append(unit.pk)
        unit = unit.parent
    return chain


def cost_assumptions_in_force(
    municipality: Municipality, unit: Unit | None, on: datetime.date
) -> CostAssumptions | None:
    """The latest assumptions from on or before `on`: the unit's own, else the nearest
    parent's, else the municipality's (no unit); None when none is set."""
    chain = _unit_chain(unit)
    rows = CostAssumption.objects.filter(municipality=municipality, valid_from__lte=on).filter(
        Q(unit_id__in=chain) | Q(unit__isnull=True)
    )
    latest: dict[int | None, CostAssumption] = {}
    for row in rows.order_by("-valid_from", "-id"):
        latest.setdefault(row.unit_id, row)
    for level in [*chain, None]:
        if level in latest:
            row = latest[level]
            return CostAssumptions(row.staffing_factor, row.annual_hours_per_fte, row.cost_per_fte)
    return None
