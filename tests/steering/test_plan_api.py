"""The business-plan API (issue 9 §5): plans with goal areas, numbered goals and measures and
their status; a measure's status and result set by the plan's unit head only, along the
transition table, with the version read (else 409); the pages' access rules (a plan one may
not read is 404, a measure one may read but not edit 403); every error in both languages and
declared in the schema."""

import pytest

from omsorg.core.models import Role, Unit
from omsorg.steering.plan_models import Measure
from tests import factories
from tests.api_support import API, assert_error, post, token_client
from tests.steering.plan_fixtures import PLAN_YAML, heads, plan, tree, year  # noqa: F401

pytestmark = pytest.mark.django_db


def _measure(plan, text):  # noqa: F811
    return Measure.objects.get(area__plan=plan, text__startswith=text)


def test_list_and_detail_show_areas_goals_and_measures(plan, heads):  # noqa: F811
    client = token_client(heads["TT-KON"])  # a department head reads the unit's plan
    (listed,) = client.get(f"{API}/steering/plans").json()
    assert (listed["unit"], listed["title"], listed["may_edit"]) == ("TT", "Virksomhetsplan",
                                                                     False)  # fmt: skip
    assert listed["measures_by_status"] == {"planned": 2}
    body = client.get(f"{API}/steering/plans/{plan.pk}").json()
    economy, equality = body["areas"]
    assert (economy["number"], economy["title"]) == ("5", "Økonomi og rapportering")
    (goal,) = economy["goals"]
    assert (goal["series"], goal["number"]) == ("TT. mål", "5.2")
    (measure,) = goal["measures"]
    assert measure["goal"] == "TT. mål 5.2" and measure["responsible"] == "Virksomhetsleder"
    assert measure["status"] == "planned" and measure["version"] == 1
    assert measure["next_statuses"] == ["cancelled", "done", "in_progress"]
    (loose,) = equality["measures"]  # seed 000's kind: a measure straight under its area
    assert (loose["with_whom"], loose["due"]) == ("Ansatte", "Hele året")
    assert loose["due_date"].endswith("-12-31") and loose["goal"] is None


def test_the_unit_head_sets_status_and_result_with_the_version_read(plan, heads):  # noqa: F811
    measure = _measure(plan, "Utvikle turnus")
    client = token_client(heads["TT"])
    path = f"/steering/plans/{plan.pk}/measures/{measure.pk}"
    answer = post(client, path, {"status": "in_progress", "result": "Utkast i mars",
                                 "version": 1})  # fmt: skip
    assert answer.status_code == 200, answer.content
    assert (answer.json()["status"], answer.json()["version"]) == ("in_progress", 2)
    measure.refresh_from_db()
    assert (measure.status, measure.result) == ("in_progress", "Utkast i mars")
    # The result alone (the same status), then a stale version: 409, nothing saved.
    kept = post(client, path, {"status": "in_progress", "result": "Vedtatt", "version": 2})
    assert kept.status_code == 200 and kept.json()["result"] == "Vedtatt"
    stale = post(client, path, {"status": "done", "version": 2})
    assert_error(stale, 409, "stale_version")
    measure.refresh_from_db()
    assert (measure.status, measure.result, measure.version) == ("in_progress", "Vedtatt", 3)


def test_a_status_the_table_does_not_allow_is_refused(plan, heads):  # noqa: F811
    measure = _measure(plan, "Utvikle turnus")
    client = token_client(heads["TT"])
    path = f"/steering/plans/{plan.pk}/measures/{measure.pk}"
    refused = post(client, path, {"status": "delayed", "version": 1})  # planned → delayed
    body = assert_error(refused, 409, "invalid_transition", field="status")
    assert body["message"] != body["message_en"]
    unknown = post(client, path, {"status": "forgotten", "version": 1})
    assert_error(unknown, 422, "invalid_input")
    extra = post(client, path, {"status": "done", "version": 1, "owner": "x"})
    assert_error(extra, 422, "invalid_input")
    measure.refresh_from_db()
    assert (measure.status, measure.version) == ("planned", 1)


def test_access_as_the_pages(plan, heads, municipality):  # noqa: F811
    measure = _measure(plan, "Utvikle turnus")
    path = f"/steering/plans/{plan.pk}/measures/{measure.pk}"
    # Management reads every plan of the municipality but edits none: 403.
    manager = token_client(heads["management"])
    assert manager.get(f"{API}{path}").status_code == 200
    assert_error(post(manager, path, {"status": "done", "version": 1}), 403, "permission_denied")
    # A department head reads the unit's plan, and may not edit it.
    department = token_client(heads["TT-KON"])
    assert_error(post(department, path, {"status": "done", "version": 1}), 403,
                 "permission_denied")  # fmt: skip
    # A leader of a unit outside the plan's tree, a caseworker: as if the plan did not exist.
    other = Unit.objects.create(municipality=municipality, code="X", name="Annen", kind="zone")
    for user in (factories.user(municipality, Role.SERVICE_LEADER, unit=other),
                 factories.user(municipality, Role.CASEWORKER)):  # fmt: skip
        client = token_client(user)
        assert client.get(f"{API}/steering/plans").json() == []
        assert_error(client.get(f"{API}/steering/plans/{plan.pk}"), 404, "not_found")
        assert_error(post(client, path, {"status": "done", "version": 1}), 404, "not_found")
    # A measure of another plan under this plan's address: 404.
    assert_error(manager.get(f"{API}/steering/plans/{plan.pk + 1}/measures/{measure.pk}"),
                 404, "not_found")  # fmt: skip
    assert_error(post(manager, "/steering/plans/1/measures/0", {"status": "done",
                                                                 "version": 1}), 422,
                 "invalid_input")  # fmt: skip
    measure.refresh_from_db()
    assert measure.status == "planned"


def test_without_a_token_401(plan):  # noqa: F811
    from django.test import Client

    assert_error(Client().get(f"{API}/steering/plans"), 401, "not_authenticated")


def test_the_schema_declares_the_endpoints_and_their_errors():
    from omsorg.api import api

    paths = api.get_openapi_schema()["paths"]
    write = paths["/api/v1/steering/plans/{plan_id}/measures/{measure_id}"]["post"]
    assert {"200", "400", "401", "403", "404", "409", "422"} <= set(map(str, write["responses"]))
    read = paths["/api/v1/steering/plans/{plan_id}"]["get"]
    assert {"200", "401", "404", "422"} <= set(map(str, read["responses"]))
    assert "/api/v1/steering/plans" in paths
