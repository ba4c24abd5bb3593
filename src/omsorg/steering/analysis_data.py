"""Reads for the service analysis and the high-cost refund (issue 9 §7): registrations summed
per recipient in the database, the population and the peers' figures from the imported KOSTRA
rows. The rules are pure (analysis.py, refund.py); this module only gathers their input.

Figures only: per recipient the database gives the hours and the birth year, under an opaque
number, never a name or an identity number, and nothing per recipient leaves this module
except through the pure rules' totals. Groups of fewer than `SMALL_GROUP` persons are hidden.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from omsorg.core.errors import PermissionDenied
from omsorg.core.models import Municipality, User
from omsorg.steering.analysis import (
    INDICATORS,
    POPULATION_INDICATORS,
    Analysis,
    RecipientYear,
    analyse,
    cost_per_hour,
)
from omsorg.steering.cost import CostAssumptions
from omsorg.steering.models import KostraFigure, Registration
from omsorg.steering.refund import (
    NoRefundRule,
    RecipientCost,
    RefundSummary,
    age_in_year,
    refund_rule,
    refund_summary,
)
from omsorg.steering.report import REPORT_COST, SECTOR_ROLES, SMALL_GROUP


def require_analyst(actor: User) -> Municipality:
    """Management and administrators of a municipality: figures for the whole sector."""
    if actor.role not in SECTOR_ROLES or actor.municipality is None:
        raise PermissionDenied()
    return actor.municipality


def _recipient_rows(municipality: Municipality, year: int):
    """Per recipient of the year: an opaque number, the birth date, the registered hours."""
    return (
        Registration.objects.filter(
            replaced_by__isnull=True,
            unit__municipality=municipality,
            date__gte=datetime.date(year, 1, 1),
            date__lte=datetime.date(year, 12, 31),
        )
        .values("person_id", "person__birth_date")
        .annotate(hours=Sum("hours"))
        .order_by("person_id")
    )


def _current_kostra(municipality: Municipality, year: int):
    return KostraFigure.objects.filter(
        municipality=municipality, year=year, replaced_by__isnull=True
    )


def kostra_values(municipality: Municipality, year: int) -> dict[str, dict[str, Decimal]]:
    """The imported KOSTRA figures of the year, by municipality number and indicator."""
    found: dict[str, dict[str, Decimal]] = {}
    rows = _current_kostra(municipality, year).values_list("municipality_number", "indicator",
                                                           "value")  # fmt: skip
    for number, indicator, value in rows:
        found.setdefault(number, {})[indicator] = value
    return found


@dataclass(frozen=True)
class Provenance:
    """Where a municipality's KOSTRA figures of the year come from: the sources recorded on
    their imports, and whether any of them is synthetic (invented, e.g. the demo's)."""

    sources: tuple[str, ...]
    synthetic: bool

    @property
    def unknown(self) -> bool:
        return not self.sources


def kostra_provenance(municipality: Municipality, year: int) -> dict[str, Provenance]:
    rows = (
        _current_kostra(municipality, year)
        .values_list("municipality_number", "import_event__source", "import_event__synthetic")
        .distinct()
    )
    sources: dict[str, set[str]] = {}
    synthetic: dict[str, bool] = {}
    for number, source, invented in rows:
        sources.setdefault(number, set())
        if source:
            sources[number].add(source)
        synthetic[number] = synthetic.get(number, False) or invented
    return {
        number: Provenance(tuple(sorted(found)), synthetic[number])
        for number, found in sources.items()
    }


@dataclass(frozen=True)
class Column:
    """One municipality's figures in the comparison table."""

    number: str
    label: str
    values: tuple[Decimal | None, ...]  # one per INDICATORS
    own: bool = False
    provenance: Provenance | None = None  # KOSTRA columns: where the figures come from


@dataclass
class ServiceAnalysis:
    municipality: Municipality
    year: int
    analysis: Analysis
    columns: list[Column]
    peers_available: list[tuple[str, str]]  # (number, label)
    assumptions: CostAssumptions
    refund: RefundSummary | None
    refund_year_missing: bool
    hidden_groups: set[str]
    population_synthetic: bool = False  # the inhabitants by age come from synthetic rows

    @property
    def indicators(self) -> tuple[str, ...]:
        return INDICATORS

    @property
    def table(self) -> list[tuple[str, list[Decimal | None]]]:
        return [
            (name, [column.values[i] for column in self.columns])
            for i, name in enumerate(INDICATORS)
        ]

    @property
    def refund_hidden(self) -> bool:
        return self.refund is not None and 0 < self.refund.above_threshold < SMALL_GROUP

    @property
    def synthetic(self) -> bool:
        """Whether any figure on the page (a column, or the population) is synthetic."""
        return any(c.provenance and c.provenance.synthetic for c in self.columns) or (
            self.population_synthetic
        )

    @property
    def missing_population(self) -> bool:
        return any(g.inhabitants is None for g in self.analysis.groups)


def service_analysis(
    municipality: Municipality,
    year: int,
    peers: list[str] | None = None,
    assumptions: CostAssumptions = REPORT_COST,
) -> ServiceAnalysis:
    rows = list(_recipient_rows(municipality, year))
    recipients = [
        RecipientYear(age_in_year(row["person__birth_date"], year), row["hours"]) for row in rows
    ]
    kostra = kostra_values(municipality, year)
    provenance = kostra_provenance(municipality, year)
    own = kostra.get(municipality.number, {})
    population = {name: own[name] for name in POPULATION_INDICATORS if name in own}
    analysis = analyse(year, recipients, population, assumptions)
    hidden = {g.group.coverage_indicator for g in analysis.groups if 0 < g.recipients < SMALL_GROUP}
    if 0 < analysis.recipients < SMALL_GROUP:
        hidden |= set(INDICATORS[-3:-1])  # hours and cost per recipient
    own_values = analysis.indicator_values()
    columns = [
        Column(
            municipality.number,
            municipality.name,
            tuple(None if name in hidden else own_values[name] for name in INDICATORS),
            own=True,
        )
    ]
    numbers = sorted(number for number in kostra if number != municipality.number)
    chosen = [number for number in (peers or numbers) if number in kostra]
    if own:
        label = _("%(name)s (KOSTRA)") % {"name": municipality.name}
        columns.append(_kostra_column(municipality.number, label, own, provenance))
    names = dict(Municipality.objects.filter(number__in=numbers).values_list("number", "name"))
    available = [(n, f"{names[n]} ({n})" if n in names else n) for n in numbers]
    for number in chosen:
        if number != municipality.number:
            label = f"{names[number]} ({number})" if number in names else number
            columns.append(_kostra_column(number, label, kostra[number], provenance))
    refund, missing = None, False
    try:
        rule = refund_rule(year)
    except NoRefundRule:
        missing = True
    else:
        hourly = cost_per_hour(assumptions)
        costs = [
            RecipientCost(row["person_id"], row["person__birth_date"], row["hours"] * hourly)
            for row in rows
        ]
        refund = refund_summary(costs, rule)
    own_provenance = provenance.get(municipality.number)
    return ServiceAnalysis(
        municipality, year, analysis, columns, available, assumptions, refund, missing, hidden,
        population_synthetic=bool(population and own_provenance and own_provenance.synthetic),
    )  # fmt: skip


def _kostra_column(
    number: str, label: str, values: dict[str, Decimal], provenance: dict[str, Provenance]
) -> Column:
    return Column(
        number, label, tuple(values.get(name) for name in INDICATORS),
        provenance=provenance.get(number, Provenance((), False)),
    )  # fmt: skip
