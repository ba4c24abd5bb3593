"""The parts of a decision letter that are computed: scope, rules, criteria, appeal.

Every function here returns text in the active language, so call them inside
translation.override (render.py does).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from omsorg.cases.letters.common import cite, letter_date
from omsorg.cases.letters.wording import one_law_form
from omsorg.cases.models import Assessment, Decision
from omsorg.cases.selectors import appeal_deadline_of
from omsorg.catalogue.selectors import service_type_spec
from omsorg.catalogue.spec import LAWS, LegalReference, ServiceTypeSpec
from omsorg.core.clock import today
from omsorg.core.scope import Scope
from omsorg.core.scope_text import scope_text


def decision_scope_text(decision: Decision) -> str:
    """Scope in words and numbers: "10 timer per måned", "2 helger per måned"."""
    return scope_text(decision.scope)


def applied_text(decision: Decision) -> str:
    """What was applied for, when the application states a quantity (for partial grants)."""
    if decision.application is None:
        return ""
    requested = decision.application.requested_services.filter(
        service_type__code=decision.service_type.code
    ).first()
    if requested is None or not requested.quantity:
        return ""
    return scope_text(Scope.of(requested.quantity, decision.scope_unit, decision.scope_period))


def period_text(decision: Decision, lang: str) -> str:
    start = letter_date(decision.valid_from, lang)
    if decision.valid_to is None:
        return _("from %(start)s until further notice") % {"start": start}
    end = letter_date(decision.valid_to, lang)
    return _("from %(start)s to %(end)s") % {"start": start, "end": end}


def _statute_order(ref: LegalReference) -> tuple:
    """Law by law as LAWS lists them, then by section: hol § 3-1 before § 3-2 before § 3-6."""
    laws = list(LAWS)
    numbers = tuple(int(part) for part in re.findall(r"\d+", ref.section))
    return (laws.index(ref.law) if ref.law in laws else len(laws), numbers, ref.section)


def rules_applied(spec: ServiceTypeSpec, on_date: datetime.date, lang: str) -> list[str]:
    """The provisions in force on the decision date that the service and its criteria rest
    on, once each, in the order of the statute book."""
    refs = [*spec.legal_basis]
    for criterion in spec.criteria:
        refs.extend(criterion.legal_basis)
    in_force = sorted((ref for ref in refs if ref.in_force(on_date)), key=_statute_order)
    return list(dict.fromkeys(ref.cite(lang) for ref in in_force))


# How the criteria's own reasons say "met" (catalogue/criteria/flags.py LABELS).
MET_LABELS = ("Oppfylt", "Met")


@dataclass(frozen=True)
class CriterionRow:
    text: str
    result: str  # met / not_met / discretion, for the CSS class
    result_label: str
    reason: str
    statement: str = ""  # the caseworker's facts behind a criterion met by judgement


def _result_label(result: str) -> str:
    labels = {
        "met": pgettext("criterion result", "met"),
        "not_met": pgettext("criterion result", "not met"),
        "discretion": pgettext("criterion result", "needs discretion"),
    }
    return labels.get(result, result)


def _recorded_reason(item: dict, lang: str) -> str:
    reason = item.get("reason") or ""
    if isinstance(reason, dict):  # decision_make records every language
        return reason.get(lang) or reason.get("nb", "")
    return reason


def _bare(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text).strip().lower()


def _repeats(reason: str, text: str, result: str) -> bool:
    """A reason that only restates the criterion: its own words, or a yes/no criterion's
    "Oppfylt: «…»" (the row already says "oppfylt"), adds nothing to the letter."""
    if not reason or _bare(reason) == _bare(text):
        return True
    return result == "met" and reason.split(":")[0].strip() in MET_LABELS and "«" in reason


def criterion_rows(decision: Decision, spec: ServiceTypeSpec, lang: str) -> list[CriterionRow]:
    """The facts as the criteria found them when the decision was made (fvl § 25)."""
    texts = {criterion.code: criterion.text for criterion in spec.criteria}
    statements = decision.fact_statements or {}
    rows = []
    for item in decision.evaluation.get("criteria", []):
        text = texts.get(item.get("code"), {})
        shown = text.get(lang) or text.get("nb") or item.get("code", "")
        result = item.get("result", "")
        reason = one_law_form(_recorded_reason(item, lang), lang)
        rows.append(
            CriterionRow(
                text=shown,
                result=result,
                result_label=_result_label(result),
                reason="" if _repeats(reason, shown, result) else reason,
                statement=one_law_form(statements.get(item.get("code"), ""), lang),
            )
        )
    return rows


@dataclass(frozen=True)
class AppealInfo:
    period: str  # "4 uker"
    law: str  # where the period comes from, e.g. pbrl § 7-5 first paragraph
    notified_on: str
    deadline: str  # empty until the day the letter reached the recipient is known
    body: str  # who decides when the municipality does not uphold the appeal
    forward_law: str


def appeal_info(decision: Decision, spec: ServiceTypeSpec, lang: str) -> AppealInfo:
    """Deadline and appeal body from the service's legal data (pbrl § 7-5, not fvl § 29)."""
    weeks = decision.service_type.appeal_weeks
    municipality = decision.person.municipality
    return AppealInfo(
        period=ngettext("%(count)s week", "%(count)s weeks", weeks) % {"count": weeks},
        law=spec.appeal.legal_basis.cite(lang),
        notified_on=letter_date(decision.notified_on, lang),
        deadline=letter_date(appeal_deadline_of(decision), lang),
        body=municipality.statsforvalter or spec.appeal.body,
        forward_law=cite("pbrl", "7-2", lang),
    )


def guideline_title(version) -> str:
    """The local guideline's own title as the catalogue version states it ("Retningslinjer for
    avlastningstjenesten"); never the internal code and number ("holtalen v1")."""
    return (version.label or "").strip()


def assessment_text(decision: Decision, lang: str) -> str:
    """How the facts were gathered: "hjemmebesøk, 3. november 2025"."""
    assessment = getattr(decision.application, "assessment", None)
    if assessment is None or assessment.status != Assessment.Status.DONE:
        return ""
    methods = [str(Assessment.Method(m).label) for m in assessment.methods]
    parts = [", ".join(methods), letter_date(assessment.performed_on, lang)]
    return ", ".join(part for part in parts if part)


def terms_text(decision: Decision, spec: ServiceTypeSpec, lang: str) -> dict:
    """The form of the grant, its conditions (seed 004 §1.1, §1.5) and its staircase step
    (seed 004 §1.0, §2.1), as the letter states them."""
    forms = {f.code: f.names.get(lang) or f.names["nb"] for f in spec.forms}
    conditions = [c["text"].get(lang) or c["text"]["nb"] for c in decision.conditions or []]
    staircase = decision.staircase or {}
    step = ""
    if staircase.get("level"):
        lower = {
            "tried": _("A lower step was tried first."),
            "considered": _("A lower step was considered."),
            "none": _("No lower step was tried or considered."),
        }.get(staircase.get("lower_step", ""), "")
        step = " ".join(
            part
            for part in (
                _(
                    "The service is on step %(level)s of 7 of the municipality's activity and "
                    "mastery staircase, where the least intrusive help is tried first."
                )
                % {"level": staircase["level"]},
                lower,
                staircase.get("note", ""),
            )
            if part
        )
    return {"form": forms.get(decision.service_form, ""), "conditions": conditions, "step": step}


def decision_parts(decision: Decision, lang: str) -> dict:
    spec = service_type_spec(decision.service_type)
    return {
        "scope": decision_scope_text(decision),
        "applied": applied_text(decision),
        "period": period_text(decision, lang) if decision.valid_from else "",
        "review_date": letter_date(decision.review_date, lang),
        "rules": rules_applied(spec, decision.decided_on or today(), lang),
        "criteria": criterion_rows(decision, spec, lang),
        "assessment": assessment_text(decision, lang),
        "appeal": appeal_info(decision, spec, lang),
        "health_care": spec.health_care,
        "terms": terms_text(decision, spec, lang),
    }
