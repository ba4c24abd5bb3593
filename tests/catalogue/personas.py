"""Named cases for the catalogue tests, on a fixed assessment date.

Birth dates are computed from ON_DATE with date arithmetic, never typed in, so the tests do not
age: `born(12)` turned 12 on ON_DATE; `born(9, birthday_in_days=1)` turns 10 the day after.
"""

from __future__ import annotations

from datetime import date, timedelta

from omsorg.catalogue.assess import Evaluation, evaluate_service
from omsorg.catalogue.spec import CatalogueSpec, load_catalogue

ON_DATE = date(2024, 5, 15)


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def born(age: int, *, on: date = ON_DATE, birthday_in_days: int | None = None) -> str:
    """Birth date (ISO) of someone exactly `age` today, or whose next birthday is in N days."""
    birth = years_before(on, age)
    if birthday_in_days is not None:
        # Turns age + 1 in `birthday_in_days` days, so is still `age` today.
        birth = years_before(on + timedelta(days=birthday_in_days), age + 1)
    return birth.isoformat()


# A family whose every fact is given and every rule met: the suggestion is "granted".
GRANTED_FACTS: dict[str, dict] = {
    "support_contact": {
        "birth_date": born(12),
        "resident": True,
        "requested_hours_per_month": 8,
        "needs_help_for_leisure": True,
        "wants_leisure_activity": True,
        "needs_covered_by_family": False,
        "purpose_escort_offices_doctor": False,
        "purpose_norwegian_tuition": False,
        "purpose_relief_of_parents": False,
        "purpose_health_care": False,
        "one_to_one_staffing": False,
    },
    "private_respite": {"birth_date": born(3), "resident": True, "particularly_heavy_care": True},
    "bpa": {
        "birth_date": born(12),
        "resident": True,
        "need_duration_months": 36,
        "hours_per_week": 35,
        "school_hours_per_week": 0,
        "work_leader_available": True,
        "needs_two_or_more_staff": False,
        "needs_night_service": False,
        "continuous_need": False,
        "traditional_services_assessed": True,
    },
    "respite_home": {"birth_date": born(8), "resident": True, "particularly_heavy_care": True},
    "respite_in_home": {
        "birth_date": born(2),
        "resident": True,
        "particularly_heavy_care": True,
        "demanding_medical_needs": False,
        "night_monitoring_needed": False,
        "cooperation_contract": True,
    },
    "farm_respite": {
        "birth_date": born(9),
        "resident": True,
        "judged_best_for_child": True,
        "particularly_heavy_care": True,
        "requested_weekends_per_month": 2,
    },
    "respite_outside": {
        "birth_date": born(10),
        "resident": True,
        "particularly_heavy_care": True,
        "recommended_by_coordinator": True,
        "stay_days": 5,
        "applied_days_before_departure": 90,
    },
    "care_allowance": {
        "birth_date": born(7),
        "resident": True,
        "particularly_demanding_care": True,
        "assistance_allowance_applied": True,
    },
}

_CATALOGUES: dict[str, CatalogueSpec] = {}


def catalogue(name: str = "holtalen") -> CatalogueSpec:
    if name not in _CATALOGUES:
        _CATALOGUES[name] = load_catalogue(name)
    return _CATALOGUES[name]


def assess(service: str, on_date: date = ON_DATE, **changes) -> Evaluation:
    """Evaluate a Holtålen service for the granted family with some facts changed."""
    facts = {**GRANTED_FACTS[service], **changes}
    facts = {key: value for key, value in facts.items() if value is not None}
    return evaluate_service(catalogue().service(service), facts, on_date)


def result(evaluation: Evaluation, code: str):
    return next(r for r in evaluation.criteria if r.code == code)
