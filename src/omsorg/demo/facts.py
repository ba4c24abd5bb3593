"""What the assessment found, as the structured facts the catalogue's criteria read.

A grant gets facts that meet the service's criteria (seed 004 §1), a refusal facts that break
one of them, so the criteria's suggestion mostly agrees with the decision, as it would in a
careful office. Home-based services have no local criteria beyond an individual assessment
(catalogues/hjemmetjenester.yaml), so their suggestion is always "discretion".
"""

from omsorg.demo.specs import REFUSED

HEAVY = {"particularly_heavy_care": True}
NOT_HEAVY = {"particularly_heavy_care": False}


def _support_contact(refused: bool, requested: int | None) -> dict:
    return {
        "needs_help_for_leisure": True,
        "wants_leisure_activity": True,
        "requested_hours_per_month": requested or 0,
        "one_to_one_staffing": False,
        # Seed 004 §1.1: not granted when close family is expected to cover the need.
        "needs_covered_by_family": refused,
        # Seed 004 §1.1: nor for escorts to offices, Norwegian tuition, relief or health care.
        "purpose_escort_offices_doctor": False,
        "purpose_norwegian_tuition": False,
        "purpose_relief_of_parents": False,
        "purpose_health_care": False,
    }


def _bpa(refused: bool, requested: int | None) -> dict:
    return {
        # pbrl §2-1 d: a need of at least two years; a refusal here is a shorter need.
        "need_duration_months": 18 if refused else 48,
        # The need is counted outside school time, so nothing more is deducted (seed §1.3).
        "hours_per_week": requested or 0,
        "school_hours_per_week": 0,
        "work_leader_available": True,
        "needs_two_or_more_staff": False,
        "needs_night_service": False,
        "traditional_services_assessed": True,
    }


def _respite_in_home(refused: bool, requested: int | None) -> dict:
    return {
        "particularly_heavy_care": not refused,
        "demanding_medical_needs": not refused,
        "night_monitoring_needed": False,
        "cooperation_contract": True,
    }


def _farm_respite(refused: bool, requested: int | None) -> dict:
    return {
        **(NOT_HEAVY if refused else HEAVY),
        "judged_best_for_child": True,
        "requested_weekends_per_month": requested or 0,
    }


def _respite_outside(refused: bool, requested: int | None) -> dict:
    return {
        **(NOT_HEAVY if refused else HEAVY),
        "recommended_by_coordinator": True,
        "stay_days": requested or 3,
        "applied_days_before_departure": 70,
    }


def _care_allowance(refused: bool, requested: int | None) -> dict:
    return {
        "particularly_demanding_care": not refused,
        "assistance_allowance_applied": True,
    }


def _heavy_care(refused: bool, requested: int | None) -> dict:
    return dict(NOT_HEAVY if refused else HEAVY)


def _weekly_hours(refused: bool, requested: int | None) -> dict:
    return {"hours_per_week": requested or 0}


def _none(refused: bool, requested: int | None) -> dict:
    return {}


FACTS_BY_SERVICE = {
    "support_contact": _support_contact,
    "private_respite": _heavy_care,
    "bpa": _bpa,
    "respite_home": _heavy_care,
    "respite_in_home": _respite_in_home,
    "farm_respite": _farm_respite,
    "respite_outside": _respite_outside,
    "care_allowance": _care_allowance,
    "practical_help": _weekly_hours,
    "training_daily_tasks": _weekly_hours,
}


def facts_for(decisions) -> dict:
    """The assessment's facts for an application's decisions (merged; they never conflict)."""
    facts: dict = {}
    for decision in decisions:
        make = FACTS_BY_SERVICE.get(decision.service, _none)
        facts.update(make(decision.outcome == REFUSED, decision.requested))
    return facts


CHILD_METHODS = ["home_visit", "relatives", "school"]
ADULT_METHODS = ["home_visit"]
HEALTH_METHODS = ["home_visit", "doctor"]


def methods_for(decisions, child: bool) -> list[str]:
    """How the assessment was done (seed 004 §2: home visit, relatives, doctor, school)."""
    if child:
        return CHILD_METHODS
    if any(d.service in ("home_nursing", "rehabilitation_at_home") for d in decisions):
        return HEALTH_METHODS
    return ADULT_METHODS
