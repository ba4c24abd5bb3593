"""The scorecard pages (issue 9 §4): a unit's (or the municipality's) scorecard for a period,
the leader's explanation of a KPI, and the targets and survey scores. Figures only."""

from decimal import Decimal

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omsorg.core import numbers
from omsorg.core.clock import today
from omsorg.core.errors import NotFound, PermissionDenied
from omsorg.core.models import Role, Unit
from omsorg.core.web import call_service, page
from omsorg.steering import scorecard as rules
from omsorg.steering import scorecard_selectors as selectors
from omsorg.steering import scorecard_services as services
from omsorg.steering.models import Kpi
from omsorg.steering.scorecard_forms import (
    KpiTargetForm,
    ScorecardChoiceForm,
    ScorecardNoteForm,
    SurveyScoreForm,
)
from omsorg.steering.selectors import unit_by_code

STATUS_LABELS = {
    rules.REACHED: gettext_lazy("Reached"),
    rules.NEAR: gettext_lazy("Near"),
    rules.MISSED: gettext_lazy("Missed"),
    rules.NOT_MEASURED: gettext_lazy("Not measured"),
    rules.NO_TARGET: gettext_lazy("No target"),
    rules.SUPPRESSED: gettext_lazy("Hidden: fewer than 5 persons"),
}
DIRECTION_LABELS = {
    rules.HIGHER: gettext_lazy("higher is better"),
    rules.LOWER: gettext_lazy("lower is better"),
}
CHANGE_LABELS = {
    "better": gettext_lazy("better than the period before"),
    "worse": gettext_lazy("worse than the period before"),
    "same": gettext_lazy("the same as the period before"),
}


def number(value) -> str:
    """A figure the Norwegian way, no trailing zeros: 10,31 · 73,8 · 66."""
    if value is None:
        return "–"
    value = Decimal(value)
    places = max(0, -value.normalize().as_tuple().exponent)
    return numbers.number(value, min(places, 2), use_l10n=True, force_grouping=True)


def kroner(value) -> str:
    """Whole kroner with a space between thousands: 2 638 000 kr."""
    whole = f"{abs(int(Decimal(value))):,}".replace(",", "\u00a0")
    return f"{whole}\u00a0kr"


def _municipality(request):
    municipality = request.user.municipality
    if municipality is None:
        raise NotFound()
    services.require_scorecard_reader(request.user, municipality)
    return municipality


def _figures_only(user) -> bool:
    """Management and administrators see figures of groups of five or more only (issue 9
    §8); service leaders, who serve the unit's persons, see them all."""
    return user.role in (Role.MANAGEMENT, Role.ADMINISTRATOR)


def _unit_choices(municipality):
    units = Unit.objects.filter(municipality=municipality).exclude(code="").order_by("name")
    return [(unit.code, f"{unit.name} ({unit.code})") for unit in units]


def scorecard_url(code: str | None, period: str) -> str:
    query = urlencode({"enhet": code or "", "periode": period})
    return f"{reverse('steering_scorecard')}?{query}"


def _row_view(row: rules.ScorecardRow, code: str | None, period: str) -> dict:
    return {
        "row": row,
        "label": Kpi(row.kpi).label,
        "direction": DIRECTION_LABELS[row.direction],
        "result": number(row.result),
        "target": number(row.target),
        "status": STATUS_LABELS[row.status],
        "trend": [(point.period, number(point.result)) for point in row.trend],
        "change": CHANGE_LABELS.get(row.change, ""),
        "note_url": reverse("steering_scorecard_note")
        + "?"
        + urlencode({"enhet": code or "", "periode": period, "kpi": row.kpi}),
    }


@page
def scorecard_page(request):
    municipality = _municipality(request)
    data = request.GET.copy()
    data.setdefault("periode", str(today().year))
    form = ScorecardChoiceForm(data, units=_unit_choices(municipality))
    if not form.is_valid():
        context = {"form": form, "card": None}
        return render(request, "steering/scorecard.html", context, status=400)
    code = form.cleaned_data["enhet"] or None
    period = form.cleaned_data["periode"]
    card = selectors.scorecard_for(
        municipality, code, period, suppress_small=_figures_only(request.user)
    )
    may_write = services.may_write_note(request.user, municipality, card.unit_id)
    rows = [_row_view(row, code, period) for row in card.rows]
    budget = card.budget
    if budget.deviation_nok >= 0:
        deviation = _("%(amount)s under budget") % {"amount": kroner(budget.deviation_nok)}
    else:
        deviation = _("%(amount)s over budget") % {"amount": kroner(budget.deviation_nok)}
    children = [
        {
            "line": line,
            "url": scorecard_url(line.code, period) if line.code else "",
            "counts": {
                status: sum(1 for row in line.rows if row.status == status)
                for status in (rules.REACHED, rules.NEAR, rules.MISSED, rules.NOT_MEASURED)
            },
            "sick_leave": number(next(r.result for r in line.rows if r.kpi == Kpi.SICK_LEAVE)),
            "budget": number(next(r.result for r in line.rows if r.kpi == Kpi.BUDGET_DEVIATION)),
        }
        for line in card.children
    ]
    context = {
        "form": form,
        "card": card,
        "rows": rows,
        "may_write": may_write,
        "deviation": deviation,
        "budget_nok": kroner(budget.budget_nok),
        "accounts_nok": kroner(budget.accounts_nok),
        "deviation_pct": number(budget.deviation_pct),
        "extra_shift_hours": number(card.extra_shifts.hours),
        "budget_note_url": reverse("steering_scorecard_note")
        + "?"
        + urlencode({"enhet": code or "", "periode": period, "kpi": Kpi.BUDGET_DEVIATION}),
        "children": children,
        "status_labels": STATUS_LABELS,
        "may_set_targets": services.may_set_targets(request.user, municipality, card.unit_id),
    }
    return render(request, "steering/scorecard.html", context)


@page
def scorecard_note(request):
    """Write or change the leader's explanation of one KPI in a period."""
    municipality = _municipality(request)
    choice = ScorecardChoiceForm(request.GET, units=_unit_choices(municipality))
    kpi = request.GET.get("kpi", "")
    if not choice.is_valid() or kpi not in Kpi.values:
        raise NotFound()
    code = choice.cleaned_data["enhet"] or None
    period = choice.cleaned_data["periode"]
    unit = unit_by_code(municipality, code)
    if not services.may_write_note(request.user, municipality, unit.pk if unit else None):
        raise PermissionDenied()
    note = selectors.note_get(municipality, unit.pk if unit else None, period, kpi)
    initial = {
        "explanation": note.explanation if note else "",
        "measures": note.measures if note else "",
        "version": note.version if note else 0,
    }
    form = ScorecardNoteForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.scorecard_note_save,
            actor=request.user,
            municipality=municipality,
            unit=unit,
            period=period,
            kpi=kpi,
            explanation=form.cleaned_data["explanation"],
            measures=form.cleaned_data["measures"],
            expected_version=form.cleaned_data["version"],
        )
    ):
        return redirect(scorecard_url(code, period))
    card = selectors.scorecard_for(
        municipality, code, period, children=False, trend=False,
        suppress_small=_figures_only(request.user),
    )  # fmt: skip
    row = card.row(kpi)
    context = {
        "form": form,
        "row": _row_view(row, code, period),
        "kpi_label": Kpi(kpi).label,
        "unit_name": unit.name if unit else municipality.name,
        "period": period,
        "back_url": scorecard_url(code, period),
    }
    status = 409 if form.errors and request.method == "POST" else 200
    return render(request, "steering/scorecard_note.html", context, status=status)


@page
def scorecard_settings(request):
    """KPI targets (dated, per unit) and survey scores."""
    municipality = _municipality(request)
    units = _unit_choices(municipality)
    which = request.POST.get("form") if request.method == "POST" else None
    target_form = KpiTargetForm(
        request.POST if which == "target" else None, units=units, prefix="target"
    )
    survey_form = SurveyScoreForm(
        request.POST if which == "survey" else None, units=units, prefix="survey"
    )
    if which == "target" and target_form.is_valid():
        data = target_form.cleaned_data
        if call_service(
            target_form,
            services.kpi_target_set,
            actor=request.user,
            municipality=municipality,
            unit=unit_by_code(municipality, data["unit"]),
            kpi=data["kpi"],
            valid_from=data["valid_from"],
            target=data["target"],
            near_margin=data["near_margin"],
        ):
            return redirect("steering_scorecard_settings")
    if which == "survey" and survey_form.is_valid():
        data = survey_form.cleaned_data
        if call_service(
            survey_form,
            services.survey_score_record,
            actor=request.user,
            municipality=municipality,
            unit=unit_by_code(municipality, data["unit"]),
            kind=data["kind"],
            period=data["period"],
            score=data["score"],
            respondents=data["respondents"],
        ):
            return redirect("steering_scorecard_settings")
    context = {
        "target_form": target_form,
        "survey_form": survey_form,
        "targets": [
            {
                "target": target,
                "label": Kpi(target.kpi).label,
                "value": number(target.target),
                "margin": number(target.near_margin),
            }
            for target in selectors.targets_of(municipality)
        ],
        "surveys": [
            {"survey": survey, "score": number(survey.score)}
            for survey in selectors.survey_scores_of(municipality)
        ],
    }
    failed = target_form.errors or survey_form.errors
    return render(
        request, "steering/scorecard_settings.html", context, status=422 if failed else 200
    )
