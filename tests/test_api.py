"""The API as a whole (omsorg/api.py): the schema it publishes, who gets in, one error body.

Convention 4-5 (DESIGN.md): every error response is declared, and pages and the API map the
same stable codes; a client never sees a stack trace.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client

from omsorg.core.models import Role
from tests.api_support import API, assert_error, post, session_client, token_client

pytestmark = pytest.mark.django_db

UNSAFE = {"post", "put", "patch", "delete"}


@pytest.fixture
def schema(client):
    return client.get(f"{API}/openapi.json").json()


def _operations(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_openapi_names_the_api_and_serves_docs(client, schema):
    assert schema["info"]["title"] == "Omsorg API"
    assert schema["info"]["version"] == "1"
    assert client.get(f"{API}/docs").status_code == 200


def test_every_operation_declares_its_errors_with_the_error_schema(schema):
    for path, method, operation in _operations(schema):
        declared = {int(code) for code in operation["responses"]}
        expected = {401} if path != f"{API}/auth/token" else {401, 429}
        if "{" in path:
            expected |= {404, 422}
        if method in UNSAFE:
            expected |= {422}
        assert expected <= declared, (method, path, declared)
        for code in declared - {200, 201, 202}:  # successes; the rest are errors
            content = operation["responses"][str(code)]["content"]["application/json"]
            assert content["schema"]["$ref"].endswith("/ErrorOut"), (method, path, code)


def test_without_login_or_token_every_operation_is_401(client, schema):
    for path, method, _operation in _operations(schema):
        if path == f"{API}/auth/token":
            continue
        url = path.replace("{", "").replace("}", "")  # ids need not exist: auth comes first
        url = url.replace("person_id", "1").replace("application_id", "1")
        url = url.replace("decision_id", "1").replace("appeal_id", "1")
        url = url.replace("service_code", "support_contact")
        response = getattr(client, method)(url, {}, content_type="application/json")
        assert_error(response, 401, "not_authenticated")


def test_a_wrong_bearer_token_is_401(make_person):
    client = Client(headers={"Authorization": "Bearer 1:abc:def"})
    assert_error(client.get(f"{API}/persons"), 401, "not_authenticated")


def test_session_writes_need_the_csrf_token(caseworker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)
    assert client.get(f"{API}/persons").status_code == 200  # reads are safe
    body = assert_error(post(client, "/persons", {}), 403, "csrf_failed")
    assert body["message"] != body["message_en"]


def test_a_bearer_token_needs_no_csrf_token(caseworker):
    # A browser never adds an Authorization header on its own, so CSRF cannot use it.
    client = token_client(caseworker)
    client.handler.enforce_csrf_checks = True
    assert_error(post(client, "/persons", {}), 422, "invalid_input")


@pytest.mark.parametrize(
    ("payload", "field", "words"),
    [
        ({"kind": "processing", "given_on": "31.12.2024"}, "given_on", "ÅÅÅÅ-MM-DD"),
        ({"kind": "processing", "given_on": 0}, "given_on", "ÅÅÅÅ-MM-DD"),
        ({"kind": "processing", "given_on": "2024-02-30"}, "given_on", "ÅÅÅÅ-MM-DD"),
        ({"kind": "processing", "given_on": "2024-01-01T10:00"}, "given_on", "ÅÅÅÅ-MM-DD"),
        ({"kind": "gossip", "given_on": "2024-01-01"}, "kind", "en av"),
        ({"given_on": "2024-01-01"}, "kind", "mangler"),
        ({"kind": "processing", "given_on": "2024-01-01", "x": 1}, "x", "kjent felt"),
        (
            {"kind": "processing", "given_on": "2024-01-01", "given_by_id": 0},
            "given_by_id",
            "minst",
        ),
    ],
)
def test_bad_input_is_422_with_a_sentence_in_both_languages(
    caseworker, make_person, payload, field, words
):
    person = make_person()
    response = post(session_client(caseworker), f"/persons/{person.pk}/consents", payload)
    body = assert_error(response, 422, "invalid_input", field=field)
    assert words in body["message"]
    assert field in body["message_en"]
    assert body["message"] != body["message_en"]


def test_a_body_that_is_not_json_is_refused_without_a_500(caseworker):
    client = session_client(caseworker)
    response = client.post(f"{API}/persons", "{not json", content_type="application/json")
    assert response.status_code in {400, 422}
    assert set(response.json()) >= {"code", "message", "message_en"}


def test_a_path_id_that_is_not_a_number_is_422(caseworker):
    response = session_client(caseworker).get(f"{API}/persons/abc")
    assert_error(response, 422, "invalid_input", field="person_id")


def test_a_path_id_beyond_any_row_is_422_not_a_database_overflow(caseworker):
    response = session_client(caseworker).get(f"{API}/persons/{2**64}")
    assert_error(response, 422, "invalid_input", field="person_id")


def test_an_unexpected_failure_is_500_without_a_stack_trace(caseworker, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("omsorg.people.selectors.person_search", broken)
    response = session_client(caseworker).get(f"{API}/persons")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert b"secret internals" not in response.content


@pytest.mark.parametrize(
    ("raised", "status", "code"),
    [(PermissionDenied, 403, "permission_denied"), (Http404, 404, "not_found")],
)
def test_djangos_own_refusals_get_the_same_error_body(caseworker, monkeypatch, raised, status,
                                                      code):  # fmt: skip
    def refuse(**kwargs):
        raise raised("internal detail")

    monkeypatch.setattr("omsorg.people.selectors.person_search", refuse)
    body = assert_error(session_client(caseworker).get(f"{API}/persons"), status, code)
    assert "internal detail" not in body["message_en"]


def test_each_role_reaches_the_api_but_only_a_caseworker_writes_the_register(users):
    for role, user in users.items():
        client = token_client(user)
        assert client.get(f"{API}/catalogue/service-types").status_code == 200
        if role != Role.CASEWORKER:
            payload = {"identity_number": "12345678901", "given_name": "A", "family_name": "B"}
            assert_error(post(client, "/persons", payload), 403, "permission_denied")
