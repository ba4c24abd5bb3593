"""Person register endpoints (people/api.py): access by service need, every read logged.

Normen: access only with a service need (tjenstlig behov), every read of a person logged;
absent and forbidden give the same 404, so no one learns that a record exists.
"""

import random

import pytest

from omsorg.core.models import Role
from omsorg.people.identity import make_synthetic_number
from omsorg.people.models import AccessLog, Consent, Person
from tests.api_support import API, assert_error, assign, post, session_client, token_client

pytestmark = pytest.mark.django_db


def new_identity_number(today, seed: int = 7) -> str:
    birth = today.replace(year=today.year - 9)
    return make_synthetic_number(birth, rng=random.Random(seed))


def api_reads(user, person=None) -> int:
    rows = AccessLog.objects.filter(actor=user, channel="api")
    return rows.filter(person=person).count() if person else rows.count()


# ---------------------------------------------------------------- list and search


def test_list_shows_what_a_list_needs_and_logs_each_person_shown(caseworker, make_person):
    for index in range(3):
        make_person(family_name=f"Hansen{index}")
    response = session_client(caseworker).get(f"{API}/persons?limit=2")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert len(body["items"]) == 2
    assert set(body["items"][0]) == {"id", "given_name", "family_name", "birth_date", "unit_name"}
    assert api_reads(caseworker) == 2  # the two shown, not the three that exist


def test_search_by_name_and_by_start_of_identity_number(caseworker, make_person):
    ola = make_person(given_name="Ola", family_name="Nordmann")
    make_person(given_name="Kari", family_name="Berg")
    client = token_client(caseworker)
    by_name = client.get(f"{API}/persons", {"q": "nordm"}).json()
    assert [item["id"] for item in by_name["items"]] == [ola.pk]
    by_number = client.get(f"{API}/persons", {"q": ola.identity_number[:6]}).json()
    assert ola.pk in [item["id"] for item in by_number["items"]]


@pytest.mark.parametrize("query", ["limit=101", "limit=0", "offset=-1", "limit=abc"])
def test_pagination_bounds_are_422(caseworker, query):
    response = session_client(caseworker).get(f"{API}/persons?{query}")
    assert_error(response, 422, "invalid_input")


def test_list_stays_within_a_query_budget_with_30_persons(
    caseworker, make_person, department, django_assert_max_num_queries
):
    for _ in range(30):
        make_person(unit=department)
    client = session_client(caseworker)
    # Session, user, count, one page with its units, one access-log insert: 5, whatever N.
    with django_assert_max_num_queries(6):
        response = client.get(f"{API}/persons?limit=30")
    assert len(response.json()["items"]) == 30
    assert response.json()["items"][0]["unit_name"] == department.name


@pytest.mark.parametrize("role", [Role.MANAGEMENT, Role.ADMINISTRATOR, Role.CARE_WORKER])
def test_roles_without_service_need_see_an_empty_list(users, make_person, role):
    make_person()
    body = token_client(users[role]).get(f"{API}/persons").json()
    assert body == {"items": [], "count": 0}


# ---------------------------------------------------------------- one person


def test_get_returns_the_record_with_identity_number_and_logs_the_read(caseworker, make_person):
    person = make_person()
    response = session_client(caseworker).get(f"{API}/persons/{person.pk}")
    assert response.status_code == 200
    assert response.json()["identity_number"] == person.identity_number
    assert response.json()["version"] == 1
    assert api_reads(caseworker, person) == 1
    assert AccessLog.objects.get(actor=caseworker).what == "person record"


@pytest.mark.parametrize("role", [Role.MANAGEMENT, Role.ADMINISTRATOR])
def test_management_and_administrators_get_404_for_any_person(users, make_person, role):
    person = make_person()
    response = token_client(users[role]).get(f"{API}/persons/{person.pk}")
    assert_error(response, 404, "not_found")
    assert not AccessLog.objects.filter(denied=False).exists()
    assert AccessLog.objects.get(person=person).denied


def test_a_care_worker_reads_only_the_persons_they_serve(users, caseworker, make_person, today):
    care_worker = users[Role.CARE_WORKER]
    served, other = make_person(), make_person()
    assign(caseworker, served, care_worker, today)
    client = token_client(care_worker)
    assert client.get(f"{API}/persons/{served.pk}").status_code == 200
    assert_error(client.get(f"{API}/persons/{other.pk}"), 404, "not_found")
    assert_error(client.get(f"{API}/persons/{other.pk}/relatives"), 404, "not_found")
    assert [item["id"] for item in client.get(f"{API}/persons").json()["items"]] == [served.pk]


def test_unknown_person_is_404_like_a_forbidden_one(caseworker):
    body = assert_error(session_client(caseworker).get(f"{API}/persons/999999"), 404, "not_found")
    assert "field" not in body


# ---------------------------------------------------------------- register a person


def test_a_caseworker_registers_a_person_with_birth_date_from_the_number(caseworker, today):
    number = new_identity_number(today)
    payload = {"identity_number": number, "given_name": "Nora", "family_name": "Lie"}
    response = post(session_client(caseworker), "/persons", payload)
    assert response.status_code == 201, response.content
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert body["birth_date"] == person.birth_date.isoformat()
    assert person.created_by == caseworker


def test_a_care_worker_cannot_register_a_person(users, today):
    payload = {"identity_number": new_identity_number(today), "given_name": "A", "family_name": "B"}
    assert_error(
        post(token_client(users[Role.CARE_WORKER]), "/persons", payload), 403, "permission_denied"
    )
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"identity_number": "12345678901"}, "identity_number"),  # check digits wrong
        ({"identity_number": "1234"}, "identity_number"),
        ({"given_name": ""}, "given_name"),
        ({"given_name": "   "}, "given_name"),
        ({"postal_code": "12345"}, "postal_code"),
    ],
)
def test_register_refuses_bad_input_with_422(caseworker, today, change, field):
    payload = {"identity_number": new_identity_number(today), "given_name": "A", "family_name": "B"}
    payload.update(change)
    assert_error(
        post(session_client(caseworker), "/persons", payload), 422, "invalid_input", field=field
    )


def test_register_refuses_a_number_already_registered(caseworker, make_person):
    person = make_person()
    payload = {"identity_number": person.identity_number, "given_name": "A", "family_name": "B"}
    assert_error(
        post(session_client(caseworker), "/persons", payload),
        422,
        "invalid_input",
        field="identity_number",
    )


# ---------------------------------------------------------------- relatives and consents


def test_relatives_are_added_and_listed(caseworker, make_person):
    person = make_person()
    client = session_client(caseworker)
    payload = {"name": "Mor Lie", "relation": "parent", "is_guardian": True}
    response = post(client, f"/persons/{person.pk}/relatives", payload)
    assert response.status_code == 201, response.content
    listed = client.get(f"{API}/persons/{person.pk}/relatives").json()
    assert [item["name"] for item in listed["items"]] == ["Mor Lie"]
    assert api_reads(caseworker, person) == 2


def test_a_care_worker_serving_the_person_still_cannot_add_relatives(
    users, caseworker, make_person, today
):
    person = make_person()
    assign(caseworker, person, users[Role.CARE_WORKER], today)
    payload = {"name": "Far", "relation": "parent"}
    response = post(
        token_client(users[Role.CARE_WORKER]), f"/persons/{person.pk}/relatives", payload
    )
    assert_error(response, 403, "permission_denied")


def test_consent_given_by_a_relative_is_recorded_and_listed(caseworker, make_person):
    person = make_person()
    client = session_client(caseworker)
    relative = post(
        client,
        f"/persons/{person.pk}/relatives",
        {"name": "Mor", "relation": "parent", "is_guardian": True},
    ).json()
    payload = {"kind": "sharing", "given_on": "2024-03-01", "given_by_id": relative["id"]}
    response = post(client, f"/persons/{person.pk}/consents", payload)
    assert response.status_code == 201, response.content
    assert Consent.objects.get().given_by_id == relative["id"]
    listed = client.get(f"{API}/persons/{person.pk}/consents").json()
    assert listed["items"][0]["given_on"] == "2024-03-01"


def test_consent_by_another_persons_relative_is_422(caseworker, make_person):
    person, other = make_person(), make_person()
    client = session_client(caseworker)
    stranger = post(
        client, f"/persons/{other.pk}/relatives", {"name": "Fremmed", "relation": "other"}
    ).json()
    payload = {"kind": "sharing", "given_on": "2024-03-01", "given_by_id": stranger["id"]}
    assert_error(
        post(client, f"/persons/{person.pk}/consents", payload),
        422,
        "invalid_input",
        field="given_by_id",
    )
