"""Reads for the scorecard (issue 9 §4): every figure of a unit (and the units below it) or of
the whole municipality in a period, the targets in force, the leaders' notes, and
`scorecard_for`, the frozen scorecard that the page and the tertial report show.

Figures only: counts and sums, never a person (management and the API see these).

Which cases count for a unit: a decision when the unit or one below it decided it (the office)
or provides it; an application when one of its decisions counts, or, still undecided, when
the office that decides a service it asks for is the unit or below it. For the whole
municipality: every case of its persons.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Min, Q
from django.utils.translation import gettext_lazy as _

from omsorg.cases.models import Appeal, Application, Decision, RequestedService
from omsorg.catalogue.models import ServiceType
from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.clock import today as clock_today
from omsorg.core.errors import NotFound
from omsorg.core.models import Municipality, Unit
from omsorg.staffing.selectors import extra_shifts_worked
from omsorg.steering import scorecard as rules
from omsorg.steering.delivery_selectors import delivery_figures
from omsorg.steering.kpi import kpis
from omsorg.steering.models import KpiTarget, ScorecardNote, StaffMonth, SurveyScore
from omsorg.steering.periods import Period, parse_period
from omsorg.steering.selectors import kpi_totals, municipality_units

_DECIDED = ("decided", "notified", "replaced", "ended")
_GRANTS = ("granted", "partly_granted")
_CHANGED = (Appeal.Outcome.UPHELD, Appeal.Outcome.PARTLY, Appeal.Outcome.QUASHED)


class UnitTree:
    """The municipality's units (one query): codes, names, parents, subtrees."""

    def __init__(self, municipality: Municipality):
        rows = list(municipality_units(municipality).values_list("pk", "code", "name", "parent_id"))
        self.by_id = {pk: (code, name, parent) for pk, code, name, parent in rows}
        self.by_code = {code: pk for pk, code, _name, _parent in rows if code}
        self.children: dict[int | None, list[int]] = defaultdict(list)
        for pk, _code, _name, parent in sorted(rows, key=lambda row: row[2]):
            self.children[parent].append(pk)

    def unit_id(self, code: str | None) -> int | None:
        if code is None:
            return None
        if code not in self.by_code:
            raise NotFound(_("No unit has the code %(code)s."), code=code)
        return self.by_code[code]

    def subtree(self, unit_id: int | None) -> list[int]:
        if unit_id is None:
            return list(self.by_id)
        found, stack = [], [unit_id]
        while stack:
            pk = stack.pop()
            found.append(pk)
            stack.extend(self.children.get(pk, ()))
        return found

    def chain(self, unit_id: int | None) -> list[int | None]:
        """The unit, the units above it, and None (the municipality itself)."""
        found: list[int | None] = []
        while unit_id is not None:
            found.append(unit_id)
            unit_id = self.by_id[unit_id][2]
        return [*found, None]


# --- figures -----------------------------------------------------------------------------------


def _delivery(municipality: Municipality, code: str | None, period: Period, today):
    """Decided against delivered hours (issue 9 §2, steering.delivery_selectors): the same
    figures as the decided-vs-delivered page, for the scorecard's KPI."""
    return delivery_figures(municipality, code, period, as_of=today)


def _decision_scope(municipality: Municipality, unit_ids: list[int] | None) -> Q:
    if unit_ids is None:
        return Q(person__municipality=municipality)
    return Q(deciding_unit_id__in=unit_ids) | Q(unit_id__in=unit_ids)


def _office_service_types(municipality: Municipality, unit_ids: list[int]) -> set[int]:
    """Service types whose deciding office is one of these units."""
    offices = dict(
        Unit.objects.filter(pk__in=unit_ids)
        .exclude(decides_for="")
        .values_list("decides_for", "pk")
    )
    if not offices:
        return set()
    wanted = RequestedService.objects.filter(application__municipality=municipality).values(
        "service_type_id"
    )
    found = set()
    for service_type in ServiceType.objects.filter(pk__in=wanted).select_related("version"):
        if service_type_spec(service_type).deciding_office in offices:
            found.add(service_type.pk)
    return found


def case_figures(
    municipality: Municipality, unit_ids: list[int] | None, period: Period, today: datetime.date
) -> tuple[dict, dict]:
    """Persons behind each case figure (KPI → count), and the figures: median days to
    decision, preliminary replies, reviews on time and appeals."""
    scope = _decision_scope(municipality, unit_ids)
    until = min(period.last, today)
    decided = (
        Decision.objects.filter(scope, application__isnull=False, decided_on__isnull=False)
        .filter(status__in=_DECIDED)
        .values("application_id", "application__received_on", "person_id")
        .annotate(first=Min("decided_on"))
    )
    first_decided = {row["application_id"]: row["first"] for row in decided}
    in_period_rows = [row for row in decided if period.first <= row["first"] <= period.last]
    pairs = [(row["application__received_on"], row["first"]) for row in in_period_rows]

    applications = Application.objects.filter(municipality=municipality).exclude(
        status=Application.Status.WITHDRAWN
    )
    applications = applications.filter(
        received_on__gte=period.first - datetime.timedelta(days=32), received_on__lte=until
    )
    if unit_ids is not None:
        open_scope = Q(decisions__isnull=True) & Q(
            requested_services__service_type_id__in=_office_service_types(municipality, unit_ids)
        )
        applications = applications.filter(Q(pk__in=list(first_decided)) | open_scope)
    rows = applications.annotate(reply=Min("preliminary_replies__sent_on")).values_list(
        "pk", "received_on", "reply", "person_id"
    )
    all_first = dict(
        Decision.objects.filter(application__in=[pk for pk, *_rest in rows], status__in=_DECIDED)
        .values("application_id")
        .annotate(first=Min("decided_on"))
        .values_list("application_id", "first")
    )
    cases = [
        (received, all_first.get(pk), reply, person) for pk, received, reply, person in set(rows)
    ]

    reviews = (
        Decision.objects.filter(scope, status__in=_DECIDED, outcome__in=_GRANTS)
        .filter(review_date__gte=period.first, review_date__lte=until)
        .annotate(first_review=Min("reviews__performed_on"))
        .values_list("review_date", "first_review", "person_id")
    )
    appeals = Appeal.objects.filter(decision__in=Decision.objects.filter(scope))
    in_period = {"gte": period.first, "lte": period.last}
    appeal_persons = (
        appeals.filter(
            _on("received_on", in_period) | _on("forwarded_on", in_period)
            | _on("outcome_on", in_period)
        )
        .values("decision__person_id")
        .distinct()
        .count()
    )  # fmt: skip
    persons = {
        "median_days_to_decision": len({row["person_id"] for row in in_period_rows}),
        "preliminary_reply_pct": len(rules.preliminary_reply_persons(cases, period.first, until)),
        "reviewed_on_time_pct": len({person for _date, _first, person in reviews}),
        "appeals_reversed": appeal_persons,
    }
    return persons, {
        "median_days_to_decision": rules.median_days(pairs),
        "preliminary_reply_pct": rules.preliminary_reply_pct(cases, period.first, until),
        "reviewed_on_time_pct": rules.reviewed_on_time_pct(
            (review_date, first) for review_date, first, _person in reviews
        ),
        "appeals_received": appeals.filter(_on("received_on", in_period)).count(),
        "appeals_reversed": appeals.filter(
            _on("outcome_on", in_period), outcome__in=_CHANGED
        ).count(),
        "appeals_forwarded": appeals.filter(_on("forwarded_on", in_period)).count(),
        "appeals_upheld": appeals.filter(
            _on("outcome_on", in_period),
            forwarded_on__isnull=False,
            outcome=Appeal.Outcome.REJECTED,
        ).count(),
    }


def _on(name: str, bounds: dict) -> Q:
    return Q(**{f"{name}__{op}": day for op, day in bounds.items()})


def survey_figures(unit_ids: list[int], period: Period) -> tuple[dict, dict]:
    """Each unit's latest survey of each kind held within the period, weighted by
    respondents over the units; None when no survey was held (seed 002: none in 2016)."""
    latest: dict[tuple[int, str], tuple[Decimal, int]] = {}
    for unit_id, kind, score, respondents in (
        SurveyScore.objects.filter(
            unit_id__in=unit_ids, first_day__gte=period.first, last_day__lte=period.last
        )
        .order_by("first_day", "id")
        .values_list("unit_id", "kind", "score", "respondents")
    ):
        latest[(unit_id, kind)] = (score, respondents)
    return {
        f"{kind}_survey_score": rules.weighted_score(
            value for (_unit, k), value in latest.items() if k == kind
        )
        for kind in (SurveyScore.Kind.USER, SurveyScore.Kind.STAFF)
    }, {
        f"{kind}_survey_score": sum(n for (_unit, k), (_s, n) in latest.items() if k == kind)
        for kind in (SurveyScore.Kind.USER, SurveyScore.Kind.STAFF)
    }


_STAFF_KPIS = ("avg_position_pct", "relevant_education_pct", "vernepleier_pct", "sick_leave_pct")
_EXTRA_SHIFTS = ("extra_shifts", "extra_shift_hours")


def scorecard_figures(
    municipality: Municipality,
    unit_ids: list[int] | None,
    period: Period,
    today: datetime.date | None = None,
    *,
    code: str | None = None,
) -> dict:
    """Every figure of the scorecard: the `omsorg report kpi` figures of issue 9 (same keys,
    same meanings) and the scorecard's own; unit_ids None is the whole municipality."""
    return figures_and_persons(municipality, unit_ids, period, today, code=code)[0]


def figures_and_persons(
    municipality: Municipality,
    unit_ids: list[int] | None,
    period: Period,
    today: datetime.date | None = None,
    *,
    code: str | None = None,
) -> tuple[dict, dict]:
    """The figures, and for each KPI about persons how many are behind it (staff for the
    staff figures, respondents for surveys, persons for case figures): for suppression."""
    ids = unit_ids if unit_ids is not None else list(UnitTree(municipality).by_id)
    totals = kpi_totals(ids, period)
    figures = kpis(totals.staff, totals.budget, totals.delivery)
    figures["budget_deviation_pct"] = rules.budget_deviation_pct(
        figures["budget_nok"], figures["accounts_nok"]
    )
    surveys, persons = survey_figures(ids, period)
    figures.update(surveys)
    employees = (
        StaffMonth.objects.filter(
            unit_id__in=ids, replaced_by__isnull=True,
            month__gte=period.first_month, month__lte=period.last_month,
        )
        .values("employee_id")
        .distinct()
        .count()
    )  # fmt: skip
    persons.update(dict.fromkeys(_STAFF_KPIS, employees))
    # Extra shifts worked (issue 11 §4), from the rotations' filled vacancies.
    extra = extra_shifts_worked(ids, period.first, period.last, today or clock_today())
    figures["extra_shifts"] = extra.shifts
    figures["extra_shift_hours"] = extra.hours
    persons.update(dict.fromkeys(_EXTRA_SHIFTS, extra.employees))
    # Decided vs delivered (issue 9 §2): the unit with `code` and the units below it.
    delivery = _delivery(municipality, code, period, today or clock_today())
    figures["decided_hours"] = delivery.decided_hours
    figures["delivered_vs_decided_pct"] = delivery.fulfilment_pct
    persons["delivered_vs_decided_pct"] = delivery.persons_with_decision
    case_persons, cases = case_figures(municipality, unit_ids, period, today or clock_today())
    figures.update(cases)
    persons.update(case_persons)
    return figures, persons


# --- targets and notes ------------------------------------------------------------------------


def targets_in_force(
    municipality: Municipality, tree: UnitTree, unit_id: int | None, period: Period
) -> dict[str, tuple[Decimal, Decimal | None]]:
    """KPI → (target, own near margin) in force on the period's last day: the newest target
    of the unit, else of the nearest unit above it, else the municipality's own."""
    rank = {pk: n for n, pk in enumerate(tree.chain(unit_id))}
    best: dict[str, tuple[int, datetime.date, int, Decimal, Decimal | None]] = {}
    rows = KpiTarget.objects.filter(municipality=municipality, valid_from__lte=period.last)
    for kpi, unit, valid_from, pk, target, margin in rows.values_list(
        "kpi", "unit_id", "valid_from", "pk", "target", "near_margin"
    ):
        if unit not in rank:
            continue
        key = (-rank[unit], valid_from, pk)
        if kpi not in best or key > best[kpi][:3]:
            best[kpi] = (*key, target, margin)
    return {kpi: (found[3], found[4]) for kpi, found in best.items()}


def notes_of(municipality: Municipality, unit_id: int | None, period: str) -> dict:
    rows = ScorecardNote.objects.filter(municipality=municipality, unit_id=unit_id, period=period)
    return {note.kpi: note for note in rows}


def note_get(
    municipality: Municipality, unit_id: int | None, period: str, kpi: str
) -> ScorecardNote | None:
    return notes_of(municipality, unit_id, period).get(kpi)


def targets_of(municipality: Municipality):
    return (
        KpiTarget.objects.filter(municipality=municipality)
        .select_related("unit", "created_by")
        .order_by("unit__name", "kpi", "-valid_from", "-id")
    )


def survey_scores_of(municipality: Municipality):
    return (
        SurveyScore.objects.filter(municipality=municipality)
        .select_related("unit")
        .order_by("-first_day", "unit__name", "kind")
    )


# --- the scorecard ----------------------------------------------------------------------------


def _rows(
    figures: dict,
    targets: dict,
    trends: dict[str, list[rules.TrendPoint]] | None = None,
    notes: dict | None = None,
    hidden: frozenset[str] = frozenset(),
) -> tuple[rules.ScorecardRow, ...]:
    made = []
    for rule in rules.RULES:
        target, margin = targets.get(rule.code, (None, None))
        note = (notes or {}).get(rule.code)
        made.append(
            rules.row_for(
                rule,
                figures.get(rule.code),
                target,
                margin,
                trend=(trends or {}).get(rule.code, ()),
                note=(note.explanation, note.measures, note.version) if note else None,
                suppressed=rule.code in hidden,
            )
        )
    return tuple(made)


def scorecard_for(
    municipality: Municipality,
    code: str | None,
    period: str | Period,
    *,
    children: bool = True,
    trend: bool = True,
    suppress_small: bool = False,
    today: datetime.date | None = None,
) -> rules.Scorecard:
    """The scorecard of the unit with this code and every unit below it (None: the whole
    municipality) for a period (`YYYY`, `YYYY-MM`, `YYYY-Tn`): each KPI's result, target,
    status, trend over the three periods before, and the leader's note; the budget with its
    causes and measures; appeals; and one line per unit directly below (children=True).
    suppress_small=True (management, administrators, reports to them: issue 9 §8): a figure
    about fewer than five persons is hidden, status SUPPRESSED (the budget never is).
    Raises NotFound for an unknown code and BadPeriod for a bad period."""
    period = period if isinstance(period, Period) else parse_period(period)
    today = today or clock_today()
    tree = UnitTree(municipality)
    unit_id = tree.unit_id(code)
    ids = tree.subtree(unit_id)
    scope = None if unit_id is None else ids

    def figures_of(unit_ids, when, unit_code=code):
        figures, persons = figures_and_persons(municipality, unit_ids, when, today, code=unit_code)
        return figures, (rules.suppressed_kpis(persons) if suppress_small else frozenset())

    figures, hidden = figures_of(scope, period)
    trends: dict[str, list[rules.TrendPoint]] = defaultdict(list)
    if trend:
        for label in rules.earlier_periods(period.label):
            earlier, earlier_hidden = figures_of(scope, parse_period(label))
            for rule in rules.RULES:
                value = None if rule.code in earlier_hidden else earlier.get(rule.code)
                trends[rule.code].append(rules.TrendPoint(label, value))
    notes = notes_of(municipality, unit_id, period.label)
    targets = targets_in_force(municipality, tree, unit_id, period)
    rows = _rows(figures, targets, trends, notes, hidden)
    budget_note = notes.get("budget_deviation_pct")
    budget = rules.Budget(
        budget_nok=figures["budget_nok"],
        accounts_nok=figures["accounts_nok"],
        deviation_nok=figures["budget_deviation_nok"],
        deviation_pct=figures["budget_deviation_pct"],
        causes=budget_note.explanation if budget_note else "",
        measures=budget_note.measures if budget_note else "",
        note_version=budget_note.version if budget_note else None,
    )
    appeals = rules.Appeals(
        received=figures["appeals_received"],
        reversed=figures["appeals_reversed"],
        forwarded=figures["appeals_forwarded"],
        upheld=figures["appeals_upheld"],
    )
    if "appeals_reversed" in hidden:
        appeals = rules.Appeals(suppressed=True)
    extra_shifts = rules.ExtraShifts(
        shifts=figures["extra_shifts"],
        hours=figures["extra_shift_hours"],
        suppressed="extra_shifts" in hidden,
    )
    lines = []
    if children:
        for child in tree.children.get(unit_id, ()):
            child_code, child_name, _parent = tree.by_id[child]
            child_figures, child_hidden = figures_of(tree.subtree(child), period, child_code)
            child_targets = targets_in_force(municipality, tree, child, period)
            child_rows = _rows(child_figures, child_targets, hidden=child_hidden)
            lines.append(rules.UnitLine(child, child_code, child_name, child_rows))
    name = municipality.name if unit_id is None else tree.by_id[unit_id][1]
    return rules.Scorecard(
        unit_id=unit_id,
        code=code,
        name=name,
        period=period.label,
        rows=rows,
        budget=budget,
        appeals=appeals,
        children=tuple(lines),
        extra_shifts=extra_shifts,
    )
