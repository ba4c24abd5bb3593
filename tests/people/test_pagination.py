"""The person list and a person's access log page through the links the shared pagination
include writes (?page=N); they read another parameter before, so page 2 was never reached."""

import pytest

from tests.api_support import session_client

pytestmark = pytest.mark.django_db


def test_the_person_list_follows_its_page_links(caseworker, make_person):
    for _ in range(30):  # PAGE_SIZE is 25
        make_person(age_years=40)
    client = session_client(caseworker)
    first = client.get("/personer/")
    assert first.context["page_obj"].number == 1
    assert "?page=2" in first.content.decode()
    second = client.get("/personer/", {"page": 2})
    assert second.context["page_obj"].number == 2
    assert len(second.context["page_obj"].object_list) == 5
