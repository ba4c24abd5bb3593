"""The steering assumptions a unit head or management edits (issue 9 §2 and §3): hours per
unit of a service's scope (a respite night, a day) and the cost model's staffing factor,
annual hours per FTE and cost per FTE. All dated: a new value from a date is a new row; a row
is corrected in place only with the version its editor opened (optimistic locking, as the
scorecard's explanations), so two editors never overwrite each other unseen.

Who: service leaders, management and administrators of the municipality (as for imports).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from omsorg.catalogue.models import ServiceType
from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, NotFound, PermissionDenied, StaleVersion
from omsorg.core.events import event_record, snapshot
from omsorg.core.models import Municipality, Role, Unit, User
from omsorg.steering.cost import CostAssumptions, CostError
from omsorg.steering.models import CostAssumption, HoursPerUnit

EDITORS = {Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR}
MAX_HOURS_PER_UNIT = Decimal(72)  # a weekend, Friday afternoon to Monday (the table's check)
COST_FIELDS = {
    "staffing_factor": _("Staff hours per delivered hour must be above 0 and at most 10."),
    "annual_hours_per_fte": _("Annual hours per FTE must be between 100 and 2500."),
    "cost_per_fte": _("The cost per FTE must not be negative."),
}


def require_editor(actor: User, municipality: Municipality) -> None:
    if actor.role not in EDITORS or actor.municipality_id != municipality.pk:
        raise PermissionDenied()


def _service_code(municipality: Municipality, code: str) -> str:
    if not ServiceType.objects.filter(code=code).exists():
        raise InvalidInput(_("No service has the code «%(code)s»."), field="service_code",
                           code=code)  # fmt: skip
    return code


def _hours(hours: Decimal) -> Decimal:
    if not Decimal(0) < hours <= MAX_HOURS_PER_UNIT:
        raise InvalidInput(
            _("The hours must be above 0 and at most %(most)s."),
            field="hours_per_unit", most=MAX_HOURS_PER_UNIT,
        )  # fmt: skip
    return hours


@transaction.atomic
def hours_per_unit_save(
    *,
    actor: User,
    municipality: Municipality,
    row: HoursPerUnit | None,
    expected_version: int,
    service_code: str,
    scope_unit: str,
    hours_per_unit: Decimal,
    valid_from: datetime.date,
) -> HoursPerUnit:
    """A new dated value (`row` None) or a correction of `row` opened at `expected_version`."""
    require_editor(actor, municipality)
    if scope_unit not in HoursPerUnit.ScopeUnit.values:
        raise InvalidInput(_("Unknown unit of scope."), field="scope_unit")
    values = {
        "service_code": _service_code(municipality, service_code),
        "scope_unit": scope_unit,
        "hours_per_unit": _hours(hours_per_unit),
        "valid_from": valid_from,
    }
    same_day = HoursPerUnit.objects.filter(
        municipality=municipality, service_code=service_code, scope_unit=scope_unit,
        valid_from=valid_from,
    ).exclude(pk=row.pk if row else None)  # fmt: skip
    if same_day.exists():
        raise InvalidInput(
            _("A value for this service and unit of scope already starts on that date."),
            field="valid_from",
        )
    try:
        with transaction.atomic():
            if row is None:
                created = HoursPerUnit.objects.create(municipality=municipality, **values)
                event_record(actor=actor, kind="hours_per_unit_saved", subject=created)
                return created
            if row.municipality_id != municipality.pk:
                raise NotFound()
            before = snapshot(row)
            # The database decides who was first: an UPDATE on the version opened.
            updated = HoursPerUnit.objects.filter(pk=row.pk, version=expected_version).update(
                version=F("version") + 1, **values
            )
    except IntegrityError as error:  # the same date saved by someone else just now
        raise StaleVersion() from error
    if updated != 1:
        raise StaleVersion()
    row.refresh_from_db()
    event_record(actor=actor, kind="hours_per_unit_saved", subject=row, before=before)
    return row


def _cost_checked(staffing_factor, annual_hours_per_fte, cost_per_fte) -> None:
    try:
        CostAssumptions(staffing_factor, annual_hours_per_fte, cost_per_fte).check()
    except CostError as error:
        raise InvalidInput(COST_FIELDS[error.field], field=error.field) from error


@transaction.atomic
def cost_assumption_save(
    *,
    actor: User,
    municipality: Municipality,
    row: CostAssumption | None,
    expected_version: int,
    unit: Unit | None,
    valid_from: datetime.date,
    staffing_factor: Decimal,
    annual_hours_per_fte: Decimal,
    cost_per_fte: Decimal,
) -> CostAssumption:
    """A new dated set of cost assumptions for a unit (None: the whole municipality), or a
    correction of `row` opened at `expected_version`."""
    require_editor(actor, municipality)
    if unit is not None and unit.municipality_id != municipality.pk:
        raise NotFound()
    _cost_checked(staffing_factor, annual_hours_per_fte, cost_per_fte)
    same_day = CostAssumption.objects.filter(
        municipality=municipality, unit=unit, valid_from=valid_from
    ).exclude(pk=row.pk if row else None)
    if same_day.exists():
        raise InvalidInput(
            _("Assumptions for this unit already start on that date."), field="valid_from"
        )
    if row is None:
        created = CostAssumption.objects.create(
            municipality=municipality, unit=unit, valid_from=valid_from,
            staffing_factor=staffing_factor, annual_hours_per_fte=annual_hours_per_fte,
            cost_per_fte=cost_per_fte, created_by=actor, updated_by=actor,
        )  # fmt: skip
        event_record(actor=actor, kind="cost_assumption_saved", subject=created)
        return created
    if row.municipality_id != municipality.pk:
        raise NotFound()
    before = snapshot(row)
    row.unit, row.valid_from = unit, valid_from
    row.staffing_factor, row.annual_hours_per_fte = staffing_factor, annual_hours_per_fte
    row.cost_per_fte = cost_per_fte
    save_versioned(
        row, expected_version=expected_version, actor=actor,
        fields=["unit", "valid_from", "staffing_factor", "annual_hours_per_fte", "cost_per_fte"],
    )  # fmt: skip
    event_record(actor=actor, kind="cost_assumption_saved", subject=row, before=before)
    return row
