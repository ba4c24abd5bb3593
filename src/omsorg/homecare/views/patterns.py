"""Visit patterns: make one from a decision, edit it, confirm it after the decision changed."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omsorg.core.clock import today
from omsorg.core.errors import OmsorgError
from omsorg.core.web import call_service, page
from omsorg.homecare import selectors
from omsorg.homecare.forms import PatternForm, VersionedForm
from omsorg.homecare.rules import minutes_of, time_of
from omsorg.homecare.services.patterns import (
    PatternInput,
    pattern_create,
    pattern_defaults,
    pattern_end,
    pattern_review_confirm,
    pattern_update,
)

TIME_FIELDS = ("window_start", "window_end")


def _initial(source) -> dict:
    initial = {
        "label": source.label,
        "weekdays": source.weekdays,
        "every_weeks": source.every_weeks,
        "window_start": time_of(source.window_start),
        "window_end": time_of(source.window_end),
        "window_hard": source.window_hard,
        "duration": source.duration,
        "tasks": list(source.tasks),
        "level": source.level,
        "staff_count": source.staff_count,
        "follows": getattr(source.follows, "pk", None),
        "min_gap": source.min_gap,
        "max_gap": source.max_gap,
    }
    if hasattr(source, "version"):
        initial["version"] = source.version
    return initial


def _input(form: PatternForm, others) -> PatternInput:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    for name in TIME_FIELDS:
        data[name] = minutes_of(data[name])
    follows = data.pop("follows")
    data["follows"] = next((p for p in others if p.pk == follows), None)
    data["min_gap"] = data["min_gap"] or 0
    return PatternInput(**data)


def _form_page(request, zone, form, title, pattern=None):
    context = {"zone": zone, "form": form, "title": title, "pattern": pattern}
    if pattern is not None:
        context["reasons"] = selectors.review_reasons(pattern, today())
        context["version_form"] = VersionedForm(initial={"version": pattern.version})
    return render(request, "homecare/pattern.html", context)


@page
def pattern_new(request, zone_id: int, decision_id: int):
    zone = selectors.zone_get(actor=request.user, zone_id=zone_id)
    decision = selectors.decision_for_pattern(
        actor=request.user, zone=zone, decision_id=decision_id, today=today()
    )
    others = list(selectors.person_patterns(decision.person, zone))
    form = PatternForm(
        request.POST or None, others=others, initial=_initial(pattern_defaults(decision))
    )
    if request.method == "POST" and form.is_valid():
        made = call_service(
            form,
            pattern_create,
            actor=request.user,
            zone=zone,
            decision=decision,
            data=_input(form, others),
            today=today(),
        )
        if made:
            messages.success(request, _("The visit pattern is saved."))
            return redirect("homecare_zone", zone_id=zone.pk)
    title = _("New visit for %(name)s: %(service)s") % {
        "name": decision.person.full_name,
        "service": decision.service_type.name,
    }
    return _form_page(request, zone, form, title)


@page
def pattern_edit(request, zone_id: int, pattern_id: int):
    zone = selectors.zone_get(actor=request.user, zone_id=zone_id)
    pattern = selectors.pattern_get(
        actor=request.user, zone=zone, pattern_id=pattern_id, today=today()
    )
    others = [p for p in selectors.person_patterns(pattern.person, zone) if p.pk != pattern.pk]
    form = PatternForm(request.POST or None, others=others, initial=_initial(pattern))
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            pattern_update,
            actor=request.user,
            pattern=pattern,
            data=_input(form, others),
            expected_version=form.cleaned_data["version"] or pattern.version,
        )
        if saved:
            messages.success(request, _("The visit pattern is saved."))
            return redirect("homecare_zone", zone_id=zone.pk)
    title = _("Visit %(label)s for %(name)s") % {
        "label": pattern.label,
        "name": pattern.person.full_name,
    }
    return _form_page(request, zone, form, title, pattern)


def _decide(request, zone_id: int, pattern_id: int, service, done: str, **extra):
    zone = selectors.zone_get(actor=request.user, zone_id=zone_id)
    pattern = selectors.pattern_get(
        actor=request.user, zone=zone, pattern_id=pattern_id, today=today()
    )
    form = VersionedForm(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, pattern=pattern,
                    expected_version=form.cleaned_data["version"], **extra)  # fmt: skip
        except OmsorgError as error:
            messages.error(request, error.text())
            return redirect("homecare_pattern", zone_id=zone.pk, pattern_id=pattern.pk)
        messages.success(request, done)
    return redirect("homecare_zone", zone_id=zone.pk)


@page
@require_POST
def pattern_review_view(request, zone_id: int, pattern_id: int):
    return _decide(request, zone_id, pattern_id, pattern_review_confirm,
                   _("The visit pattern is confirmed."), today=today())  # fmt: skip


@page
@require_POST
def pattern_end_view(request, zone_id: int, pattern_id: int):
    return _decide(request, zone_id, pattern_id, pattern_end, _("The visit pattern is ended."))
