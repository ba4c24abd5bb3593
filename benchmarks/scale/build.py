"""Build the scale benchmark's municipality (issue 8 §5) in a PostgreSQL database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/omsorg_scale \\
        .venv/bin/python -m benchmarks.scale.build [--persons 4000] [--decisions 60000] \\
        [--access-rows 2000000]

A municipality of 30 000 inhabitants has about 4 000 persons with services. The small demo
gives the organisation, the catalogue, the staff and about 350 persons with real case
histories; this script adds persons until there are `--persons`, each a copy of a demo
person's case history (applications, requested services and decisions) under a new synthetic
name and identity number, repeated back in time so the decisions span ten years, and two years
of access log. Copies keep the template's units and services, so the same staff have the same
service need for them: the access door is exercised as in daily use.

It writes `targets.json` beside itself: the persons and decisions the demo caseworker may read,
which the load test (locustfile.py) picks from.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = HERE / "targets.json"
BATCH = 5000
YEARS_OF_DECISIONS = 10
MAX_GENERATIONS = 40  # copies of one template's history over the ten years
YEARS_OF_ACCESS_LOG = 2
CASEWORKER = "saksbehandler"


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omsorg.settings")
    import django

    django.setup()


def _clone(instance, **changes):
    """A new row with the same fields as `instance` but for `changes`."""
    row = copy.copy(instance)
    row.pk = row.id = None
    row._state = copy.copy(instance._state)
    row._state.adding, row._state.db = True, None
    row._state.fields_cache = {}  # else the copies share the template's cached relations
    row.__dict__.pop("_prefetched_objects_cache", None)
    for name, value in changes.items():
        setattr(row, name, value)
    return row


def _months_back(value: dt.date | None, months: int) -> dt.date | None:
    from omsorg.cases.deadlines import add_months

    return None if value is None else add_months(value, -months)


def _templates(caseworker):
    """Demo persons with decisions that the demo caseworker may read."""
    from omsorg.people.access import accessible_persons
    from omsorg.people.models import Person

    today = dt.date.today()
    readable = accessible_persons(caseworker, today).values_list("id", flat=True)
    persons = Person.objects.filter(id__in=list(readable), decisions__isnull=False).distinct()
    return list(persons.prefetch_related("applications__requested_services", "decisions"))


def _add_persons(templates, wanted: int, decisions_wanted: int, seed: int) -> tuple[int, int]:
    """Persons until there are `wanted`, and decisions until there are `decisions_wanted`: each
    new person gets as many copies of the template's history (spread over ten years) as keep the
    running total of decisions on course, so the total lands on the target whatever the
    templates' sizes (the first version copied ten yearly generations and reached 47 692)."""
    from django.db import transaction

    from omsorg.cases.models import Decision
    from omsorg.demo.identities import People
    from omsorg.people.models import Person

    today = dt.date.today()
    people = People(seed, today)
    people.numbers.update(Person.objects.values_list("identity_number", flat=True))
    missing = max(0, wanted - Person.objects.count())
    needed = max(0, decisions_wanted - Decision.objects.count())
    made_decisions = 0
    for start in range(0, missing, 500):
        batch = []
        for i in range(start, min(missing, start + 500)):
            template = templates[i % len(templates)]
            size = max(1, len(template.decisions.all()))
            on_course = needed * (i + 1) / missing
            generations = round((on_course - made_decisions) / size)
            generations = max(1, min(MAX_GENERATIONS, generations))
            made_decisions += generations * len(template.decisions.all())
            batch.append((template, generations))
        with transaction.atomic():  # a batch is whole or absent, so a rerun goes on from it
            _add_batch(batch, people)
        print(
            f"  persons {Person.objects.count()}, decisions {Decision.objects.count()}", flush=True
        )
    return missing, made_decisions


def _add_batch(batch, people) -> int:
    from omsorg.cases.models import Application, Decision, RequestedService
    from omsorg.people.models import Person

    new_persons = []
    for template, _generations in batch:
        gender = template.gender or people.gender()
        given, family = people.name(gender)
        street, postal_code, city = people.address()
        new_persons.append(
            _clone(
                template,
                given_name=given,
                family_name=family,
                identity_number=people.identity_number(template.birth_date, gender),
                street_address=street,
                postal_code=postal_code,
                city=city,
            )
        )
    Person.objects.bulk_create(new_persons)
    applications, requested, decisions = [], [], []
    span = 12 * YEARS_OF_DECISIONS
    for (template, generations), person in zip(batch, new_persons, strict=True):
        spacing = span // generations
        for generation in range(generations):
            months = generation * spacing
            decisions.extend(_history(template, person, months, spacing, applications, requested))
    Application.objects.bulk_create(applications, batch_size=BATCH)
    for service in requested:
        service.application_id = service.application.id
    RequestedService.objects.bulk_create(requested, batch_size=BATCH)
    for decision in decisions:
        decision.application_id = decision.application.id if decision.application else None
    Decision.objects.bulk_create(decisions, batch_size=BATCH)
    return len(decisions)


def _history(template, person, months, spacing, applications, requested):
    """The template's applications and decisions for `person`, `months` back in time; an older
    copy has ended (before the next newer copy starts), so at most the newest is in force."""
    from omsorg.cases.models import Decision

    copies = {}
    for application in template.applications.all():
        clone = _clone(
            application,
            person=person,
            case_file=None,
            received_on=_months_back(application.received_on, months),
        )
        copies[application.id] = clone
        applications.append(clone)
        requested.extend(
            _clone(service, application=clone) for service in application.requested_services.all()
        )
    decisions = []
    for decision in template.decisions.all():
        changes = {
            "person": person,
            "application": copies.get(decision.application_id),
            "replaces": None,
            "case_file": None,
            "valid_from": _months_back(decision.valid_from, months),
            "valid_to": _months_back(decision.valid_to, months),
            "review_date": _months_back(decision.review_date, months),
            "decided_on": _months_back(decision.decided_on, months),
            "notified_on": _months_back(decision.notified_on, months),
        }
        if months and decision.status in (Decision.Status.DECIDED, Decision.Status.NOTIFIED):
            start = changes["valid_from"] or changes["decided_on"]
            changes["status"] = Decision.Status.ENDED
            if start and (
                changes["valid_to"] is None
                or changes["valid_to"] >= _months_back(dt.date.today(), months - spacing)
            ):
                changes["valid_to"] = _months_back(start, -spacing) - dt.timedelta(days=1)
        decisions.append(_clone(decision, **changes))
    return decisions


def _access_log(rows: int, seed: int) -> None:
    """`rows` reads spread over two years, mostly in working hours, by the staff who read.

    Generated by PostgreSQL itself (one INSERT … SELECT over generate_series, seeded), not row
    by row from Python: two million rows take a minute or two instead of most of the build."""
    from django.db import connection

    from omsorg.core.models import User
    from omsorg.people.models import AccessLog, Person

    existing = AccessLog.objects.count()
    if existing >= rows:
        return
    staff = list(
        User.objects.exclude(role__in=["guardian", ""])
        .filter(is_active=True)
        .order_by("id")
        .values_list("id", "role")
    )
    person_ids = list(Person.objects.order_by("id").values_list("id", flat=True))
    table = AccessLog._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [random.Random(f"{seed}:access").random() * 2 - 1])
        cursor.execute(
            f"""
            INSERT INTO {table} (at, actor_id, role, person_id, what, channel, denied)
            SELECT date_trunc('day', now()) - make_interval(days => pick.d)
                       + make_interval(hours => pick.h, secs => pick.sec),
                   (%(actors)s::bigint[])[pick.s], (%(roles)s::text[])[pick.s],
                   (%(persons)s::bigint[])[pick.p], 'person page', 'page', false
            FROM (
                SELECT 1 + floor(random() * %(n_staff)s)::int AS s,
                       1 + floor(random() * %(n_persons)s)::int AS p,
                       floor(random() * %(days)s)::int AS d,
                       (ARRAY[8, 9, 10, 11, 12, 13, 14, 15, 20])[1 + floor(random() * 9)::int] AS h,
                       floor(random() * 3600)::int AS sec
                FROM generate_series(1, %(rows)s)
            ) AS pick
            """,
            {
                "actors": [user_id for user_id, _role in staff],
                "roles": [role for _user_id, role in staff],
                "persons": person_ids,
                "n_staff": len(staff),
                "n_persons": len(person_ids),
                "days": 365 * YEARS_OF_ACCESS_LOG,
                "rows": rows - existing,
            },
        )
    print(f"  access log {AccessLog.objects.count()}", flush=True)


def _write_targets(caseworker) -> dict:
    from omsorg.cases.models import Decision
    from omsorg.people.access import accessible_persons

    readable = list(accessible_persons(caseworker, dt.date.today()).values_list("id", flat=True))
    decisions = list(
        Decision.objects.filter(person_id__in=readable)
        .exclude(status=Decision.Status.DRAFT)
        .values_list("person_id", "id")
    )
    targets = {"persons": readable, "decisions": decisions, "user": CASEWORKER}
    TARGETS.write_text(json.dumps(targets))
    return targets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=4000)
    parser.add_argument("--decisions", type=int, default=60000)
    parser.add_argument("--access-rows", type=int, default=2_000_000)
    parser.add_argument("--seed", type=int, default=30000)
    args = parser.parse_args(argv)
    _setup()
    from django.core.management import call_command
    from django.db import connection

    from omsorg.cases.models import Decision
    from omsorg.core.models import User
    from omsorg.people.models import AccessLog, Person

    if connection.vendor != "postgresql":
        print("The scale benchmark runs on PostgreSQL: set DATABASE_URL.", file=sys.stderr)
        return 2
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    if not User.objects.filter(username=CASEWORKER).exists():
        with open(os.devnull, "w") as quiet:
            call_command("demo", size="small", stdout=quiet)
    caseworker = User.objects.get(username=CASEWORKER)
    templates = _templates(caseworker)
    added, decisions = _add_persons(templates, args.persons, args.decisions, args.seed)
    _access_log(args.access_rows, args.seed)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    targets = _write_targets(caseworker)
    print(
        f"built in {time.monotonic() - started:.0f} s: {Person.objects.count()} persons "
        f"({added} added), {Decision.objects.count()} decisions, "
        f"{AccessLog.objects.count()} access-log rows; the caseworker reads "
        f"{len(targets['persons'])} persons and {len(targets['decisions'])} decisions"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
