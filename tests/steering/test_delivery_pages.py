"""The decided-vs-delivered page and API (issue 9 §2, §8): leaders and management see
figures with small groups suppressed; caseworkers also the persons, each read logged; the
API's aggregate endpoints give figures only, suppressed, with declared errors."""

import pytest
from django.urls import reverse

from omsorg.core.models import Role
from omsorg.people.models import AccessLog
from tests.api_support import API, assert_error, token_client

pytestmark = pytest.mark.django_db


def _get(client, last_month, **params):
    return client.get(
        reverse("steering_delivery"),
        {"period": last_month.label, **params},
        HTTP_ACCEPT_LANGUAGE="nb",
    )


def test_management_sees_counts_without_names(client_as, users, world, last_month):
    response = _get(client_as(users[Role.MANAGEMENT]), last_month)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vedtatt og levert" in page
    assert "Ikke vist (liten gruppe)" in page  # SONE-B's single person, and SONE-A with it
    # The defaults the comparison used, the day stay's as its home's times (no one figure).
    assert "boligens tider for dagopphold" in page
    for person in world["persons"]:
        assert person.family_name not in page
    assert not AccessLog.objects.exists()


def test_a_caseworker_sees_the_persons_to_follow_up_and_is_logged(
    client_as,
    users,
    world,
    last_month,
):
    caseworker = users[Role.CASEWORKER]
    page = _get(client_as(caseworker), last_month).content.decode()
    persons = world["persons"]
    for shown in (persons[4], persons[5], persons[6]):
        assert shown.family_name in page
    assert persons[0].family_name not in page  # delivered as decided: not listed
    logged = set(AccessLog.objects.filter(actor=caseworker).values_list("person_id", flat=True))
    assert logged == {persons[4].pk, persons[5].pk, persons[6].pk}


def test_a_care_worker_and_a_guardian_are_refused(client_as, users, municipality, last_month):
    assert _get(client_as(users[Role.CARE_WORKER]), last_month).status_code == 403


def test_a_bad_period_is_a_clear_message(client_as, users, last_month):
    response = _get(client_as(users[Role.MANAGEMENT]), last_month, period="2025-T4")
    assert response.status_code == 400
    assert "ÅÅÅÅ-T1" in response.content.decode()


def test_api_figures_are_suppressed_for_a_small_group(users, world, last_month):
    client = token_client(users[Role.MANAGEMENT])
    body = client.get(f"{API}/steering/delivery", {"period": last_month.label, "unit": "HBT"})
    assert body.status_code == 200, body.content
    figures = body.json()
    assert figures["persons"] == 7 and figures["suppressed"] is False
    small = client.get(f"{API}/steering/delivery", {"period": last_month.label, "unit": "SONE-B"})
    assert small.json()["suppressed"] is True and small.json()["persons"] is None
    units = client.get(f"{API}/steering/delivery/units", {"period": last_month.label}).json()
    assert {row["unit"]: row["suppressed"] for row in units["units"]} == {
        "SONE-A": True, "SONE-B": True,
    }  # fmt: skip


def test_api_declares_its_errors(users, world, last_month):
    client = token_client(users[Role.MANAGEMENT])
    assert_error(client.get(f"{API}/steering/delivery", {"period": "20-1"}), 422,
                 "invalid_input", "period")  # fmt: skip
    assert_error(client.get(f"{API}/steering/delivery", {"period": "0000"}), 422,
                 "invalid_input", "period")  # fmt: skip
    unknown = client.get(f"{API}/steering/delivery", {"period": last_month.label, "unit": "X"})
    assert unknown.status_code == 404
    refused = token_client(users[Role.CARE_WORKER]).get(
        f"{API}/steering/delivery", {"period": last_month.label}
    )
    assert refused.status_code == 403
