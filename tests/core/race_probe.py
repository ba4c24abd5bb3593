"""Real concurrent requests against a real database file or server (issue 8 §2).

Run by tests/core/test_busy.py in a process of its own, because a race needs several
connections to one committed database: pytest's SQLite test database lives in shared-cache
memory, whose table locks do not behave as a file's. Usage:

    DATABASE_URL=sqlite:////tmp/x.sqlite3 OMSORG_DB_LOCK_WAIT=2 python -m tests.core.race_probe
    DATABASE_URL=postgres://…/omsorg_x OMSORG_DB_LOCK_WAIT=2 python -m tests.core.race_probe

For PostgreSQL it makes (and drops) the test database `test_<name>`. It prints one JSON object:
the status codes of each scenario and the rows they left.
"""

import datetime
import json
import os
import sys
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omsorg.settings")
os.environ.setdefault("OMSORG_TASKS", "immediate")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from omsorg.cases.deadlines import add_months  # noqa: E402
from omsorg.cases.models import Decision  # noqa: E402
from omsorg.cases.services.applications import (  # noqa: E402
    application_register,
    assessment_record,
)
from omsorg.cases.services.decisions import DecisionInput, decision_make  # noqa: E402
from omsorg.core.clock import today as clock_today  # noqa: E402
from omsorg.core.models import Role, Unit  # noqa: E402
from omsorg.core.tokens import token_issue  # noqa: E402
from omsorg.respite.models import WEEKDAYS, PlanRun, Stay  # noqa: E402
from omsorg.respite.services.homes import (  # noqa: E402
    HomeInput,
    PlacementInput,
    home_setup,
    placement_create,
)
from omsorg.respite.services.plans import plan_run_request  # noqa: E402
from tests import factories  # noqa: E402

HOLD_SECONDS = float(os.environ.get("RACE_HOLD_SECONDS", "4"))


def at_once(*calls):
    """Run each call in its own thread, released together; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def setting_up():
    today = clock_today()
    version = factories.catalogue_version("holtalen")
    municipality = factories.municipality_of(version)
    department = factories.unit(municipality, "Flata avlastning", Unit.Kind.RESPITE_HOME)
    caseworker = factories.roles(municipality, department)[Role.CASEWORKER]
    support = version.service_types.get(code="support_contact")
    cases = []
    for _ in range(2):
        child = factories.person(municipality, age_years=12, today=today)
        application = application_register(
            actor=caseworker, person=child, channel="portal", received_on=today,
            services=[(support, 8)], consent_given=True, today=today,
        )  # fmt: skip
        assessment_record(
            actor=caseworker, application=application, performed_on=today,
            methods=["home_visit"], facts=factories.SUPPORT_CONTACT_FACTS, summary="Kartlagt.",
            expected_version=None, today=today,
        )  # fmt: skip
        cases.append((child, application))
    return today, caseworker, support, cases, (municipality, version)


def respite_setting_up(today, caseworker, municipality, version):
    """A respite home with one child granted 4 nights a month, and a finished plan for next
    month (the immediate task backend runs it when the request commits)."""
    department = factories.unit(municipality, "Flata", Unit.Kind.RESPITE_HOME)
    users = factories.roles(municipality, department)
    leader, admin = users[Role.SERVICE_LEADER], users[Role.ADMINISTRATOR]
    home = home_setup(actor=admin, unit=department, data=HomeInput(beds=2))
    child = factories.person(municipality, age_years=9, today=today)
    respite = version.service_types.get(code="respite_home")
    data = DecisionInput(
        service_type=respite, outcome="granted", reasons="Oppfylt.", quantity=4,
        scope_period="month", valid_from=today, valid_to=add_months(today, 12),
        review_date=add_months(today, 11), justification="Skjønn.", unit=department,
    )  # fmt: skip
    decision_make(actor=caseworker, person=child, data=data, today=today)
    placement_create(actor=leader, home=home, person=child,
                     data=PlacementInput(municipality=municipality), today=today)  # fmt: skip
    first = add_months(today, 1).replace(day=1)
    last = add_months(first, 1) - datetime.timedelta(days=1)
    run = plan_run_request(actor=leader, home=home, first_night=first, last_night=last,
                           time_limit=3, today=today)  # fmt: skip
    run.refresh_from_db()
    return leader, admin, home, run


def settings_post(version: int) -> dict:
    # Staffed every night: only the beds change, so no planned stay stands in the way.
    fields = {"beds": 3, "max_one_to_one_per_night": "", "price_per_night": "",
              "staffed_weekdays": list(WEEKDAYS)}  # fmt: skip
    return {"action": "home", "home-version": version,
            **{f"home-{key}": value for key, value in fields.items()}}  # fmt: skip


def respite_scenarios(today, caseworker, municipality, version) -> dict:
    """The probe's plan.py: a plan accepted twice at once, and the home's settings saved by
    its leader and the administrator at once from the same version."""
    leader, admin, home, run = respite_setting_up(today, caseworker, municipality, version)
    out = {"plan_status_before": run.status}
    accept = reverse("plan_run_accept", args=[home.pk, run.pk])
    body = {"version": run.version}
    answers = at_once(page_post(leader, accept, body), page_post(leader, accept, body))
    out["plan_two_accepts"] = sorted(status for status, _ in answers)
    run.refresh_from_db()
    out["plan_status_after"] = run.status
    out["plan_stays"] = Stay.objects.filter(placement__home=home).count()
    out["plan_stays_in_result"] = len(run.result.get("stays", ()))
    out["plan_runs_accepted"] = PlanRun.objects.filter(home=home, status=run.status).count()

    page = reverse("respite_home_settings", args=[home.pk])
    form = settings_post(home.version)
    answers = at_once(page_post(leader, page, form), page_post(admin, page, form))
    out["settings_two_saves"] = sorted(status for status, _ in answers)
    home.refresh_from_db()
    out["settings_version_after"] = home.version
    return out


def grant(today) -> dict:
    return {
        "service_code": "support_contact", "outcome": "granted", "reasons": "Oppfylt.",
        "quantity": 8, "valid_from": today.isoformat(),
        "valid_to": add_months(today, 12).isoformat(),
        "review_date": add_months(today, 11).isoformat(), "service_form": "individual",
    }  # fmt: skip


def api_post(token, path, body):
    def call():
        client = Client(headers={"Authorization": f"Bearer {token}"})
        response = client.post(f"/api/v1{path}", body, content_type="application/json")
        return response.status_code

    return call


def page_post(caseworker, path, body):
    def call():
        client = Client()
        client.force_login(caseworker)
        response = client.post(path, body)
        return response.status_code, response.get("Location", "")

    return call


def standing(application) -> int:
    return Decision.objects.filter(
        application=application, status__in=("decided", "notified")
    ).count()


def hold_write_lock(seconds: float, decision: Decision, ready: threading.Event):
    """Another transaction that keeps the database (SQLite) or the decision's row
    (PostgreSQL) locked for `seconds`."""
    try:
        with transaction.atomic():  # BEGIN IMMEDIATE on SQLite: the write lock
            Decision.objects.select_for_update().filter(pk=decision.pk).update(reasons="Låst.")
            ready.set()
            time.sleep(seconds)
            transaction.set_rollback(True)
    finally:
        connections.close_all()


def while_locked(seconds: float, decision: Decision, call):
    """`call`'s result while another transaction holds the lock for `seconds`."""
    ready = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(seconds, decision, ready))
    holder.start()
    ready.wait()
    try:
        return call()
    finally:
        holder.join()
        connections.close_all()


def scenarios() -> dict:
    today, caseworker, support, cases, where = setting_up()
    token = token_issue(caseworker)
    (child, application), (child2, application2) = cases
    out = {"vendor": connection.vendor}
    path = f"/persons/{child.pk}/applications/{application.pk}/decisions"
    out["api_two_creates"] = sorted(at_once(*[api_post(token, path, grant(today))] * 2))
    out["api_two_creates_standing"] = standing(application)

    page = reverse("decision_create", args=[child2.pk, application2.pk, support.pk])
    form = {**grant(today), "scope_period": "month", "form_token": "same-token"}
    form.pop("service_code")
    out["page_double_click"] = at_once(*[page_post(caseworker, page, form)] * 2)
    out["page_double_click_standing"] = standing(application2)

    decision = Decision.objects.get(application=application, status="decided")
    notify = f"/persons/{child.pk}/decisions/{decision.pk}/notify"
    body = {"notified_on": today.isoformat(), "version": decision.version}
    out["api_two_notifies"] = sorted(at_once(*[api_post(token, notify, body)] * 2))

    other = Decision.objects.get(application=application2, status="decided")
    locked = f"/persons/{child2.pk}/decisions/{other.pk}/notify"
    late = {"notified_on": today.isoformat(), "version": other.version}
    client = Client(headers={"Authorization": f"Bearer {token}"})

    def notify_late():
        response = client.post(f"/api/v1{locked}", late, content_type="application/json")
        return response.status_code, response.get("Retry-After"), response.json()["code"]

    out["write_while_locked_too_long"] = while_locked(HOLD_SECONDS, other, notify_late)
    other.refresh_from_db()
    out["after_lock_status"] = other.status
    page_client = Client()
    page_client.force_login(caseworker)

    def read_page():
        response = page_client.get(reverse("person_detail", args=[child2.pk]))
        return response.status_code, response.get("Retry-After")

    out["read_while_locked_briefly"] = while_locked(0.5, other, read_page)
    out["read_while_locked_too_long"] = while_locked(HOLD_SECONDS, other, read_page)
    out.update(respite_scenarios(today, caseworker, *where))
    return out


def main() -> int:
    vendor = connection.vendor
    name = connection.settings_dict["NAME"]
    if vendor == "postgresql":
        # Never pytest's own test database, which may be in use by the caller.
        connection.settings_dict["TEST"]["NAME"] = f"{name}_race"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0)
    try:
        result = scenarios()
    finally:
        connections.close_all()
        if vendor == "postgresql":
            connection.creation.destroy_test_db(name, verbosity=0)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
