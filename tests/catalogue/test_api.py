"""The service catalogue endpoint (catalogue/api.py): public to every logged-in user.

Criteria are data (DESIGN.md: kind + parameters + legal basis); the API shows them as such.
"""

import pytest

from tests.api_support import API, assert_error, token_client

pytestmark = pytest.mark.django_db


def test_every_role_reads_the_catalogue_with_criteria(users):
    for user in users.values():
        response = token_client(user).get(f"{API}/catalogue/service-types", {"limit": 100})
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["count"] == 8  # seed 004: eight services for children's respite
        support = next(item for item in body["items"] if item["code"] == "support_contact")
        assert (support["max_quantity"], support["scope_unit"]) == (10, "hours")
        codes = {criterion["code"] for criterion in support["criteria"]}
        assert "hours_per_month_max_10" in codes
        assert all(criterion["text"]["nb"] for criterion in support["criteria"])


def test_the_catalogue_is_least_intrusive_first(users, caseworker):
    items = token_client(caseworker).get(f"{API}/catalogue/service-types").json()["items"]
    levels = [item["staircase_level"] for item in items]
    assert levels == sorted(levels)


def test_the_catalogue_needs_a_login(client, catalogue_version):
    assert_error(client.get(f"{API}/catalogue/service-types"), 401, "not_authenticated")


def test_the_catalogue_list_stays_within_a_query_budget(caseworker, django_assert_max_num_queries):
    client = token_client(caseworker)
    # token user, versions, count, page with versions; criteria come from the cached parse.
    with django_assert_max_num_queries(6):
        response = client.get(f"{API}/catalogue/service-types")
    assert response.status_code == 200
