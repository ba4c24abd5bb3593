"""Reads for steering: what an import may name, the unit tree, and the totals the KPIs are
computed from (summed in the database, a fixed number of queries whatever the row count)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from omsorg.catalogue.selectors import current_service_types
from omsorg.core.errors import InvalidInput, NotFound
from omsorg.core.models import Municipality, Unit
from omsorg.people.selectors import person_ids_by_identity
from omsorg.steering.import_rows import Known
from omsorg.steering.kpi import (
    VERNEPLEIER,
    ZERO,
    BudgetTotals,
    DeliveryTotals,
    StaffTotals,
    kpis,
)
from omsorg.steering.models import (
    BudgetMonth,
    ImportEvent,
    PendingImport,
    Registration,
    StaffMonth,
)
from omsorg.steering.periods import Period


def municipality_by_number(number: str | None) -> Municipality:
    """The named municipality, or the only one when none is named."""
    if number:
        found = Municipality.objects.filter(number=number).first()
        if found is None:
            raise NotFound(_("No municipality has the number %(number)s."), number=number)
        return found
    only = list(Municipality.objects.all()[:2])
    if len(only) != 1:
        raise InvalidInput(
            _("The database holds several municipalities: name one by its number."),
            field="municipality",
        )
    return only[0]


def municipality_units(municipality: Municipality) -> QuerySet[Unit]:
    return Unit.objects.filter(municipality=municipality)


def known_for(kind: str, municipality: Municipality) -> Known:
    """What rows of this kind may name in this municipality (one or two queries)."""
    units = list(municipality_units(municipality).values_list("pk", "code", "parent__code", "name"))
    codes = {code: pk for pk, code, _parent, _name in units if code}
    policy = {
        "allow_synthetic": settings.OMSORG_ALLOW_SYNTHETIC_PERSONS,
        "allow_real": not settings.OMSORG_ALLOW_SYNTHETIC_PERSONS,
    }
    if kind == "units":
        return Known(
            units=codes,
            unit_kinds=frozenset(Unit.Kind.values),
            unit_parents={code: parent or "" for _pk, code, parent, _name in units if code},
            unit_names={name: code for _pk, code, _parent, name in units},
            **policy,
        )
    if kind == "registrations":
        services = {}
        for pk, code in current_service_types(municipality.pk).values_list("pk", "code"):
            services.setdefault(code, pk)
        return Known(
            units=codes,
            persons=person_ids_by_identity(municipality.pk),
            services=services,
            **policy,
        )
    return Known(units=codes, **policy)


def unit_by_code(municipality: Municipality, code: str) -> Unit | None:
    """The municipality's unit with this short code (None for no code); another
    municipality's code, or none such, is a 404."""
    if not code:
        return None
    unit = Unit.objects.filter(municipality=municipality, code=code).first()
    if unit is None:
        raise NotFound()
    return unit


def unit_with_descendants(municipality: Municipality, code: str | None) -> list[int]:
    """Ids of the unit with this code and every unit below it; every unit when code is None.
    One query: the tree is small and walked here."""
    rows = list(municipality_units(municipality).values_list("pk", "code", "parent_id"))
    if code is None:
        return [pk for pk, _code, _parent in rows]
    top = next((pk for pk, unit_code, _parent in rows if unit_code == code), None)
    if top is None:
        raise NotFound(_("No unit has the code %(code)s."), code=code)
    children: dict[int | None, list[int]] = {}
    for pk, _code, parent in rows:
        children.setdefault(parent, []).append(pk)
    found, stack = [], [top]
    while stack:
        pk = stack.pop()
        found.append(pk)
        stack.extend(children.get(pk, ()))
    return found


@dataclass(frozen=True)
class KpiTotals:
    staff: StaffTotals
    budget: BudgetTotals
    delivery: DeliveryTotals


def kpi_totals(unit_ids: list[int], period: Period) -> KpiTotals:
    """The sums the KPIs divide, over current rows of these units in the period: three
    queries, whatever the number of rows."""
    months = Q(unit_id__in=unit_ids, month__gte=period.first_month, month__lte=period.last_month)
    current = Q(replaced_by__isnull=True)
    staff = StaffMonth.objects.filter(months & current).aggregate(
        n=Count("pk"),
        position=Sum("position_pct"),
        relevant=Count("pk", filter=Q(relevant_education=True)),
        vernepleiere=Count("pk", filter=Q(profession=VERNEPLEIER)),
        contracted=Sum("contracted_hours"),
        sick=Sum("sick_leave_hours"),
    )
    budget = BudgetMonth.objects.filter(months & current).aggregate(
        budget=Sum("budget_nok"), accounts=Sum("accounts_nok")
    )
    delivery = Registration.objects.filter(
        current, unit_id__in=unit_ids, date__gte=period.first, date__lte=period.last
    ).aggregate(hours=Sum("hours"), recipients=Count("person_id", distinct=True))
    return KpiTotals(
        StaffTotals(
            employee_months=staff["n"],
            position_pct_sum=staff["position"] or ZERO,
            relevant_education=staff["relevant"],
            vernepleiere=staff["vernepleiere"],
            contracted_hours=staff["contracted"] or ZERO,
            sick_leave_hours=staff["sick"] or ZERO,
        ),
        BudgetTotals(budget["budget"] or ZERO, budget["accounts"] or ZERO),
        DeliveryTotals(delivery["hours"] or ZERO, delivery["recipients"]),
    )


def unit_kpis(municipality: Municipality, code: str | None, period: Period) -> dict:
    """The figures of `omsorg report kpi` for a unit and every unit below it (None: the whole
    municipality) in a period: what scorecards and reports build on."""
    totals = kpi_totals(unit_with_descendants(municipality, code), period)
    return kpis(totals.staff, totals.budget, totals.delivery)


def import_history(municipality: Municipality, limit: int = 50) -> QuerySet[ImportEvent]:
    return ImportEvent.objects.filter(municipality=municipality).select_related(
        "actor", "undone_by"
    )[:limit]


def import_event_get(municipality: Municipality | None, event_id: int) -> ImportEvent:
    events = ImportEvent.objects.all()
    if municipality is not None:
        events = events.filter(municipality=municipality)
    found = events.filter(pk=event_id).first()
    if found is None:
        raise NotFound()
    return found


def pending_import_get(actor, pending_id: int):
    """The actor's own uploaded file waiting for confirmation."""
    found = PendingImport.objects.filter(pk=pending_id, actor=actor).first()
    if found is None:
        raise NotFound()
    return found
