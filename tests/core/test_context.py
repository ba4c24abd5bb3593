"""The navigation a role gives (core/context.py): no item leads to a page that refuses its user."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from omsorg.core.context import MUNICIPALITY_PAGES, navigation
from omsorg.core.models import Role, User

pytestmark = pytest.mark.django_db


def _urls(user) -> set[str]:
    request = RequestFactory().get("/")
    request.user, request.resolver_match = user, None
    return {item["url"] for item in navigation(request)["nav_items"]}


def test_leader_of_an_intermunicipal_home_is_not_offered_a_municipality_s_figures(
    client_as, department
):
    """Seed 000: the IKS's leader belongs to no municipality; scorecard, imports, tertial
    report and decided-vs-delivered would all refuse them."""
    leader = User.objects.create_user(
        username="iks-leder", password="x", role=Role.SERVICE_LEADER, unit=department
    )
    offered = _urls(leader)
    assert not offered & {reverse(name) for name in MUNICIPALITY_PAGES}
    client = client_as(leader)
    answers = {url: client.get(url, follow=True).status_code for url in offered}
    assert answers == dict.fromkeys(offered, 200)


def test_a_municipality_s_leader_keeps_the_steering_pages(users):
    offered = _urls(users[Role.SERVICE_LEADER])
    assert {reverse("steering_scorecard"), reverse("steering_tertial")} <= offered


@pytest.mark.parametrize("role", [Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR])
def test_the_steering_assumptions_are_in_the_menu_of_those_who_edit_them(users, client_as, role):
    """Issue 9 §3: the hours per unit and the cost model's assumptions are edited by unit heads
    and management on their own page, reached from the menu (not only from the calculator)."""
    url = reverse("steering_assumptions")
    assert url in _urls(users[role])
    assert client_as(users[role]).get(url).status_code == 200


def test_the_steering_assumptions_are_not_offered_to_caseworkers_or_care_workers(users):
    url = reverse("steering_assumptions")
    assert url not in _urls(users[Role.CASEWORKER]) | _urls(users[Role.CARE_WORKER])
