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
