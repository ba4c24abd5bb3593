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
from omsorg.catalogue.criteria.wording import per_language, say


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
    sentences = say(
        "Applied %(days)s days before departure (%(departure)s); the deadline is %(months)s "
        "months before departure, %(deadline)s.",
        days=days,
        months=months,
        departure=per_language(lambda lang: day(departure, lang)),
        deadline=per_language(lambda lang: day(deadline, lang)),
    )
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
