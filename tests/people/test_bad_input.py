"""Issue 8 §3, the security report's L4 and L5 with its exact requests: a name with CR/LF
(`given_name = "Ola\\r\\nBEGIN:VEVENT"`, person 351) and postal code "abcd" were accepted with
201. The register refuses both with a clear message, on the API (both languages) and the page."""

import random

import pytest
from django.urls import reverse

from omsorg.people.identity import make_synthetic_number
from omsorg.people.models import Person
from tests.api_support import assert_error, post, token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def number(today):
    return make_synthetic_number(today.replace(year=today.year - 9), rng=random.Random(8))


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"given_name": "Ola\r\nBEGIN:VEVENT"}, "given_name", "Linjeskift"),
        ({"family_name": "Nord\u2028mann"}, "family_name", "Linjeskift"),
        ({"city": "Ålen\t"}, "city", "Linjeskift"),
        ({"postal_code": "abcd"}, "postal_code", "fire sifre"),
    ],
)
def test_the_register_refuses_it_through_the_api(caseworker, number, change, field, words):
    payload = {"identity_number": number, "given_name": "Ola", "family_name": "Nordmann", **change}
    body = assert_error(post(token_client(caseworker), "/persons", payload), 422, "invalid_input",
                        field=field)  # fmt: skip
    assert words in body["message"]
    assert not Person.objects.exists()


def test_the_register_refuses_it_on_the_page(client_as, caseworker, number):
    page = client_as(caseworker).post(
        reverse("person_create"),
        {"identity_number": number, "given_name": "Ola\r\nBEGIN:VEVENT", "family_name": "N"},
    )
    assert page.status_code == 200
    assert "Linjeskift" in page.content.decode()
    assert not Person.objects.exists()
