"""Apply at least N calendar months before departure ("senest 2 måneder før avreise").

The assessment knows how many days before departure the application came
(`applied_days_before_departure`), not the departure date. The application date is taken as
the date the rules are applied (`on_date`), so departure = on_date + days, and the rule holds
when on_date is on or before departure minus N calendar months. Month arithmetic clamps to the
month's end (31 March minus 1 month is 28 or 29 February), so "2 months" is 59 to 62 days
depending on the calendar, never a fixed day count.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from omsorg.catalogue.criteria.base import (
    WHEN_NOT_MET,
    CriterionKind,
    Finding,
    Outcome,
    Param,
    day,
    exception_note,
    join,
    missing,
)


def months_before(value: date, months: int) -> date:
    """`value` moved back whole calendar months, clamped to the end of a shorter month."""
    index = value.year * 12 + value.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(value.day, last))


def evaluate(params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date) -> Finding:
    key, months = params["fact"], params["min_months"]
    days = facts.get(key)
    if days is None:
        return missing(key)
    departure = on_date + timedelta(days=days)
    deadline = months_before(departure, months)
    d = {lang: (day(departure, lang), day(deadline, lang)) for lang in ("nb", "nn", "en")}
    sentences = {
        "nb": f"Søkt {days} dager før avreise ({d['nb'][0]}); fristen er {months} måneder før "
        f"avreise, {d['nb'][1]}.",
        "nn": f"Søkt {days} dagar før avreise ({d['nn'][0]}); fristen er {months} månader før "
        f"avreise, {d['nn'][1]}.",
        "en": f"Applied {days} days before departure ({d['en'][0]}); the deadline is {months} "
        f"months before departure, {d['en'][1]}.",
    }
    if on_date <= deadline:
        return Finding(Outcome.MET, sentences)
    outcome = Outcome(params["when_not_met"])
    return Finding(outcome, join(sentences, exception_note(outcome)))


KIND = CriterionKind(
    name="advance_notice",
    evaluate=evaluate,
    params={
        "fact": Param("fact", default="applied_days_before_departure", fact_type="int"),
        "min_months": Param("int", required=True),
        "when_not_met": Param("choice", default="not_met", choices=WHEN_NOT_MET),
    },
)
