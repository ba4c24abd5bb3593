"""Age limits, computed from the birth date on the day the rules are applied.

Age is in completed years. A person born on 29 February is a year older on 1 March in years
without that day (the plain "has the birthday passed" comparison gives exactly that).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from omsorg.catalogue.criteria.base import (
    WHEN_NOT_MET,
    CriterionKind,
    Finding,
    Outcome,
    Param,
    ParamError,
    day,
    exception_note,
    join,
    missing,
)
from omsorg.catalogue.criteria.wording import per_language, say


def age_on(birth: date, on_date: date) -> int:
    """Completed years at `on_date` (born 67 years ago today: 67, not under 67)."""
    if on_date < birth:
        raise ValueError("on_date is before the birth date")
    had_birthday = (on_date.month, on_date.day) >= (birth.month, birth.day)
    return on_date.year - birth.year - (0 if had_birthday else 1)


def _within(age: int, params: Mapping[str, Any]) -> bool:
    if params["min_age"] is not None and age < params["min_age"]:
        return False
    if params["max_age"] is not None and age > params["max_age"]:
        return False
    return params["under_age"] is None or age < params["under_age"]


def _range_text(params: Mapping[str, Any]) -> dict[str, str]:
    """The range in words: "fra 10 år og under 18 år", "under 67 år", "0–5 år"."""
    low, high, under = params["min_age"], params["max_age"], params["under_age"]
    parts = []
    if low:
        parts.append(say("from %(age)s years", age=low))
    if high is not None:
        parts.append(say("up to and including %(age)s years", age=high))
    if under is not None:
        parts.append(say("under %(age)s years", age=under))
    words = parts[0]
    for part in parts[1:]:
        words = say("%(first)s and %(second)s", first=words, second=part)
    return words


def _check(params: Mapping[str, Any]) -> None:
    if params["max_age"] is not None and params["under_age"] is not None:
        raise ParamError("under_age", "give max_age or under_age, not both")
    upper = params["max_age"] if params["max_age"] is not None else params["under_age"]
    if params["min_age"] is None and upper is None:
        raise ParamError("min_age", "give min_age, max_age or under_age")
    if params["min_age"] is not None and upper is not None and upper < params["min_age"]:
        raise ParamError("min_age", "is above the upper limit")


def _age_texts(age: int, on_date: date, words: dict[str, str], within: bool) -> dict[str, str]:
    on = per_language(lambda lang: day(on_date, lang))
    if within:
        return say(
            "The applicant is %(age)s years old (%(date)s), within the criterion %(range)s.",
            age=age,
            date=on,
            range=words,
        )
    return say(
        "The applicant is %(age)s years old (%(date)s), outside the criterion %(range)s.",
        age=age,
        date=on,
        range=words,
    )


def evaluate(params: Mapping[str, Any], facts: Mapping[str, Any], on_date: date) -> Finding:
    birth = facts.get("birth_date")
    if birth is None:
        return missing("birth_date")
    age = age_on(birth, on_date)
    words = _range_text(params)
    within = _within(age, params)
    sentences = _age_texts(age, on_date, words, within)
    if within:
        return Finding(Outcome.MET, sentences)
    exception = params["exception_fact"]
    if exception and facts.get(exception) is True:
        return Finding(
            Outcome.MET,
            join(
                sentences,
                say("The exception applies: the service was granted before the age limit."),
            ),
        )
    outcome = Outcome(params["outside"])
    return Finding(outcome, join(sentences, exception_note(outcome)))


KIND = CriterionKind(
    name="age",
    evaluate=evaluate,
    params={
        "min_age": Param("int"),  # inclusive: "fra 5 år"
        "max_age": Param("int"),  # inclusive: "0–5 år" is max_age 5
        "under_age": Param("int"),  # exclusive: "under 67 år" is under_age 67
        "outside": Param("choice", default="not_met", choices=WHEN_NOT_MET),
        # A bool fact that, when true, lifts the limit (BPA kept after 67 if granted before).
        # Not given counts as not shown: the main rule applies.
        "exception_fact": Param("fact", fact_type="bool"),
    },
    check=_check,
    reads=("birth_date",),
)
