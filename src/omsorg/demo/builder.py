"""Build the demo municipality: catalogues, organisation, staff, then persons in batches.

The plan (omsorg.demo.plan) decides everything from (seed, size, today); this module only
carries it out, through the services, acting as the demo caseworker. The set-up is one
transaction and every batch of persons another, so a failure never leaves a half-built person;
an interrupted build is recorded as unfinished and `--reset` removes it.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Count

from omsorg.cases.models import Appeal, Application, Decision, Review
from omsorg.core.clock import now
from omsorg.core.models import Municipality, User
from omsorg.demo.alver import alver_build
from omsorg.demo.business_plans import business_plans_build
from omsorg.demo.care_allowance import rates_create
from omsorg.demo.catalogues import catalogue_versions, catalogues_load, service_types_of
from omsorg.demo.delivery import hours_per_unit_demo
from omsorg.demo.execute import person_build
from omsorg.demo.log_control import log_control_examples
from omsorg.demo.models import DemoBuild
from omsorg.demo.organisation import organisation_build
from omsorg.demo.personas import DEMO_EMAIL_DOMAIN, PERSONA_USERS
from omsorg.demo.plan import Plan, plan_demo
from omsorg.demo.scorecard import scorecard_demo_build
from omsorg.demo.staff import persona_passwords_hash, persona_passwords_set, staff_create
from omsorg.demo.steering_data import steering_demo
from omsorg.demo.steps import Context
from omsorg.homecare.demo import build_homecare_demo
from omsorg.people.models import Assignment, Person, Relative
from omsorg.respite.demo import build_respite_demo
from omsorg.staffing.demo import build_staffing_demo

# Persons per transaction: small enough that a failure loses little work, large enough that
# SQLite does not spend the build syncing commits to disk.
BATCH = 50

BUILT, EXISTS, INCOMPLETE, CONFLICT = "built", "exists", "incomplete", "conflict"


class DemoRefused(Exception):
    """The demo cannot be built here (production, where synthetic persons are refused)."""


@dataclass
class BuildResult:
    status: str
    build: DemoBuild | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    # (username, password, what to try) of the respite homes' leaders, staff and families.
    respite_logins: list[tuple[str, str, str]] = field(default_factory=list)


def existing_build() -> tuple[str, DemoBuild | None] | None:
    """Why a new build must not start (a build or demo users exist), or None."""
    build = DemoBuild.objects.order_by("-started_at").first()
    if build is not None:
        return (EXISTS if build.finished_at else INCOMPLETE), build
    names = [p.username for p in PERSONA_USERS]
    if User.objects.filter(username__in=names).exists():
        return CONFLICT, None
    return None


def _set_up(plan: Plan) -> tuple[Context, DemoBuild]:
    with transaction.atomic():
        municipality, versions = catalogues_load()
        units = organisation_build(municipality)
        staff = staff_create(municipality, units, plan.size, plan.seed)
        rates_create(actor=staff.personas["admin"], municipality=municipality, today=plan.today)
        build = DemoBuild.objects.create(
            municipality=municipality,
            seed=plan.seed,
            size=plan.size,
            today=plan.today,
            digest=plan.digest(),
        )
    context = Context(
        actor=staff.personas["saksbehandler"],
        municipality=municipality,
        units=units,
        service_types=service_types_of(versions),
        care_workers=staff.care_workers,
        personas=staff.personas,
        today=plan.today,
    )
    return context, build


def demo_build(
    *,
    seed: int,
    size: str,
    today: date,
    progress: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build the demo unless one exists; `progress(done, total)` after each batch."""
    if not settings.OMSORG_ALLOW_SYNTHETIC_PERSONS:
        raise DemoRefused("synthetic persons are refused here (production)")
    found = existing_build()
    if found is not None:
        return BuildResult(found[0], found[1])
    started = time.monotonic()
    hashes = persona_passwords_hash()
    plan = plan_demo(seed=seed, size=size, today=today)
    context, build = _set_up(plan)
    persons = plan.persons
    for start in range(0, len(persons), BATCH):
        with transaction.atomic():
            for spec in persons[start : start + BATCH]:
                person_build(context, spec)
        build.persons = min(start + BATCH, len(persons))
        build.save(update_fields=["persons"])
        if progress is not None:
            progress(build.persons, len(persons))
    with transaction.atomic():
        respite = build_respite_demo(
            municipality=build.municipality,
            actor=context.actor,
            today=today,
            rng=random.Random(seed),
            email_domain=DEMO_EMAIL_DOMAIN,
        )
    with transaction.atomic():
        # Hours per respite night and visit for decided vs delivered (issue 9 §2).
        hours_per_unit_demo(municipality=build.municipality)
        # Flata's staff, their competences and the children's needs (issue 11).
        build_staffing_demo(municipality=build.municipality, today=today, rng=random.Random(seed))
    with transaction.atomic():
        # Business plans (issue 9 §5): seed 001's on TT, seed 000's on the IKS.
        plan_logins = business_plans_build(municipality=build.municipality, today=today, seed=seed)
    with transaction.atomic():
        # Seed 002's seven zones: bases, staff, addresses, visit patterns and planned days.
        build_homecare_demo(municipality=build.municipality, today=today, rng=random.Random(seed))
    with transaction.atomic():
        # Alver (seed 003): the nynorsk municipality, on the same catalogues' criteria.
        alver_build(versions=catalogue_versions(), today=today, seed=seed)
    # Steering data (issue 9): a year and more of registrations, staff and budget, imported by
    # management as files, for the tertial report and the service analysis.
    steering_demo(
        municipality=build.municipality, actor=context.personas["leder"], today=today, seed=seed
    )
    with transaction.atomic():
        # Seed 002: Hjemmebaserte tjenester's 2016 scorecard (issue 9 §4).
        scorecard_demo_build(
            municipality=build.municipality,
            admin=context.personas["admin"],
            leader=context.personas["leder"],
        )
    with transaction.atomic():
        log_control_examples(
            municipality=build.municipality, personas=context.personas, today=today
        )
        persona_passwords_set(context.personas, hashes)
        build.finished_at, build.seconds = now(), time.monotonic() - started
        build.save(update_fields=["finished_at", "seconds"])
    logins = [*respite.logins, *plan_logins]
    return BuildResult(BUILT, build, demo_counts(build.municipality), logins)


def _grouped(queryset, name: str) -> dict[str, int]:
    rows = queryset.values(name).annotate(n=Count("pk")).order_by(name)
    return {row[name]: row["n"] for row in rows}


def demo_counts(municipality: Municipality) -> dict[str, dict[str, int]]:
    """What the demo holds, for the summary and the tests."""
    persons = Person.objects.filter(municipality=municipality, synthetic=True)
    decisions = Decision.objects.filter(person__in=persons)
    applications = Application.objects.filter(person__in=persons)
    return {
        "persons": {
            "persons": persons.count(),
            "relatives": Relative.objects.filter(person__in=persons).count(),
            "assignments": Assignment.objects.filter(person__in=persons).count(),
        },
        "applications": _grouped(applications, "status"),
        "decisions": _grouped(decisions, "outcome"),
        "decision statuses": _grouped(decisions, "status"),
        "appeals": _grouped(Appeal.objects.filter(decision__in=decisions), "status"),
        "reviews": _grouped(Review.objects.filter(decision__in=decisions), "outcome"),
    }
