"""The cost calculator page (issue 9 §3): seed 003's figure on first view, every assumption
editable, wrong input refused with the field named, no page for guardians."""

import pytest
from django.test import Client

from omsorg.core.models import Role
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/styring/kostnad/"


@pytest.fixture
def leader(municipality):
    return factories.user(municipality, Role.MANAGEMENT)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_first_view_shows_seed003s_259_hours_as_4_fte_and_3_5_million(leader):
    """Seed 003: "259 timer per veke, utgjer 4 årsverk, 3,5 mill. kr"."""
    response = _client(leader).get(URL)
    assert response.status_code == 200
    text = response.content.decode().replace("\xa0", " ")  # Norwegian thousands separator
    assert "Om lag 4 årsverk, 3,5 millioner kr i året" in text
    assert "13 468" in text and "6 734" in text  # decided and staff hours a year


def test_an_edited_assumption_changes_the_answer(leader):
    query = {"hours_per_week": "259", "staffing_factor": "1", "annual_hours_per_fte": "1695",
             "cost_per_fte": "875000", "weeks_per_year": "52"}  # fmt: skip
    text = _client(leader).get(URL, query).content.decode()
    assert "Om lag 8 årsverk, 7,0 millioner kr i året" in text


def test_wrong_input_is_refused_with_the_field(leader):
    query = {"hours_per_week": "x", "staffing_factor": "0", "annual_hours_per_fte": "1695",
             "cost_per_fte": "875000", "weeks_per_year": "52"}  # fmt: skip
    response = _client(leader).get(URL, query)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"hours_per_week", "staffing_factor"}


def test_a_guardian_gets_no_cost_page(municipality):
    guardian = factories.user(municipality, Role.GUARDIAN)
    assert _client(guardian).get(URL).status_code == 403
