"""Issue 8 §3 with the security report's exact requests (L1, L5, M5): a body over the limit is
413, the API takes JSON only (415), and nothing with person data is kept in a cache."""

import pytest
from django.urls import reverse

from omsorg.people.models import Person
from tests.api_support import API, assert_error, token_client

pytestmark = pytest.mark.django_db


def test_l1_a_body_over_the_limit_is_413_in_both_languages(caseworker):
    """L1: a 10 MB given_name (the report's python3 -c '…"A"*10000000…' | curl)."""
    body = '{"given_name":"' + "A" * 10_000_000 + '"}'
    response = token_client(caseworker).post(
        f"{API}/persons", body, content_type="application/json"
    )
    assert_error(response, 413, "request_too_large")
    assert "2,5 MB" in response.json()["message"]
    assert not Person.objects.exists()


def test_a_page_post_over_the_limit_is_a_413_page(client_as, caseworker):
    response = client_as(caseworker).post(reverse("person_create"), {"given_name": "A" * 3_000_000})
    assert response.status_code == 413
    assert "for stor" in response.content.decode()


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_l5_the_api_refuses_a_body_that_is_not_json_with_415(caseworker, content_type):
    """L5: `Content-Type: text/plain`, or none at all, was parsed as JSON."""
    body = '{"identity_number":"x","given_name":"A","family_name":"B"}'
    response = token_client(caseworker).generic(
        "POST", f"{API}/persons", body, content_type=content_type
    )
    assert_error(response, 415, "unsupported_media_type")


def test_json_with_a_charset_is_json(caseworker):
    response = token_client(caseworker).post(
        f"{API}/persons", "{}", content_type="application/json; charset=utf-8"
    )
    assert response.status_code == 422  # read, then found wanting


def test_m5_pages_pdfs_and_api_answers_are_not_stored(client_as, caseworker, make_person):
    """M5: `GET /personer/1/` and the letter PDF had no Cache-Control."""
    person = make_person()
    client = client_as(caseworker)
    for response in (
        client.get(reverse("person_detail", args=[person.pk])),
        client.get(f"{API}/persons/{person.pk}"),
        client.get(reverse("worklist")),
    ):
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def _operations():
    from omsorg.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_every_operation_declares_503_and_every_body_413_and_415():
    """DESIGN.md convention 4 (every error declared): the guard's answers come from middleware
    and the lock handler, outside the handlers' own response maps, so the schema adds them."""
    for path, method, operation in _operations():
        responses = operation["responses"]
        assert 503 in responses, (method, path)
        if "requestBody" in operation:
            assert {413, 415} <= set(responses), (method, path)
            assert responses[415]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorOut"
            }


def test_the_declared_415_is_what_a_text_body_gets(caseworker):
    declared = {
        (path, method) for path, method, operation in _operations() if 415 in operation["responses"]
    }
    assert (f"{API}/persons", "post") in declared
    response = token_client(caseworker).generic(
        "POST", f"{API}/persons", "{}", content_type="text/plain"
    )
    assert_error(response, 415, "unsupported_media_type")
