"""Steering's aggregate endpoints (issue 9 §2, §8): decided vs delivered hours as figures.

For the municipality's caseworkers, service leaders, management and administrators; the
answers hold counts and sums only, and every group of fewer than five persons is suppressed
(steering.suppression), whoever asks: the API has no person-level view of these figures.
"""

from ninja import Router

from omsorg.core.schemas import errors
from omsorg.steering.delivery_selectors import (
    delivery_by_unit_shown,
    delivery_figures_shown,
    figures_municipality,
    parse_period_or_refuse,
)
from omsorg.steering.schemas import DeliveryByUnitOut, DeliveryTotalOut

READ = errors(401, 403, 404, 422)

router = Router(tags=["steering"])


@router.get("/steering/delivery", response={200: DeliveryTotalOut, **READ})
def delivery_figures(request, period: str, unit: str | None = None):
    """Decided vs delivered for the unit with code `unit` and every unit below it (none: the
    whole municipality) in `period` (`YYYY`, `YYYY-MM` or `YYYY-T1|T2|T3`), counted up to
    today. Hours are compared where a decision is in hours or its scope's unit has hours per
    unit (`hours_per_unit`: configured per service, 18 a respite night by default); decisions
    in days or meals without are compared in their own unit (`counted_in_own_unit`, a
    registered day counting one day or meal), and the rest (visits, weekends without hours
    per unit) are counted in `decisions_not_comparable`. Figures of fewer than five persons
    are null, with `suppressed` true."""
    municipality = figures_municipality(request.auth)
    return delivery_figures_shown(municipality, unit, parse_period_or_refuse(period))


@router.get("/steering/delivery/units", response={200: DeliveryByUnitOut, **READ})
def delivery_units(request, period: str):
    """Decided vs delivered per unit (each unit's own decisions and deliveries) in `period`;
    small groups suppressed, and one more row with a single suppressed one (the total could
    otherwise give it away)."""
    municipality = figures_municipality(request.auth)
    return delivery_by_unit_shown(municipality, parse_period_or_refuse(period))
