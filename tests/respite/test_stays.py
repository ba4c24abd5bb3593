"""Stays moved by hand are judged by the engine's checker: a move that breaks a hard rule is
refused with the reason in the user's language; one that keeps every rule is saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from omsorg.core.errors import InvalidInput, StaleVersion
from omsorg.core.models import CaseEvent
from omsorg.respite.models import Closure, FamilyNight, Incompatibility, Stay
from omsorg.respite.services.common import RuleBroken
from omsorg.respite.services.stays import stay_create, stay_move, stay_set_status

from .conftest import next_monday

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def monday(today):
    return next_monday(today, weeks=2)


def add(leader, placement, first, nights, today):
    return stay_create(
        actor=leader, placement=placement, first_night=first, nights=nights, today=today
    )


def test_move_over_capacity_is_refused_with_the_reason(child, leader, monday, today):
    a, b, c = child(), child(), child()  # the home has 2 beds
    add(leader, a, monday, 2, today)
    add(leader, b, monday, 2, today)
    stay = add(leader, c, monday + 3 * DAY, 2, today)
    with pytest.raises(RuleBroken) as refused:
        stay_move(actor=leader, stay=stay, first_night=monday + DAY, nights=2,
                  expected_version=stay.version, today=today)  # fmt: skip
    assert "all beds are taken" in refused.value.text("en")
    assert "alle sengene er opptatt" in refused.value.text("nb")
    stay.refresh_from_db()
    assert stay.first_night == monday + 3 * DAY  # nothing saved


def test_a_move_that_keeps_the_rules_is_saved_and_recorded(child, leader, monday, today):
    a = child()
    stay = add(leader, a, monday, 2, today)
    moved = stay_move(actor=leader, stay=stay, first_night=monday + 4 * DAY, nights=3,
                      expected_version=stay.version, today=today)  # fmt: skip
    assert (moved.first_night, moved.nights, moved.version) == (monday + 4 * DAY, 3, 2)
    assert CaseEvent.objects.filter(kind="stay_moved", subject_id=stay.pk).exists()


def test_a_stale_move_is_refused(child, leader, monday, today):
    stay = add(leader, child(), monday, 2, today)
    with pytest.raises(StaleVersion):
        stay_move(actor=leader, stay=stay, first_night=monday + 3 * DAY, nights=2,
                  expected_version=stay.version + 1, today=today)  # fmt: skip


@pytest.mark.parametrize(
    ("setup", "reason"),
    [
        ("closed", "the home is closed"),
        ("blocked", "the family has blocked the night"),
        ("too_long", "shorter or longer than the child's limits"),
        ("incompatible", "must not stay the same night"),
        ("entitlement", "grants no more nights"),
    ],
)
def test_each_hard_rule_refuses_a_stay(setup, reason, child, home, leader, monday, today):
    a = child(quantity=2, per="week")
    other = child()
    if setup == "closed":
        Closure.objects.create(home=home, first_night=monday, last_night=monday, kind="holiday")
    elif setup == "blocked":
        FamilyNight.objects.create(placement=a, night=monday + DAY, kind="blocked")
    elif setup == "incompatible":
        Incompatibility.objects.create(home=home, first=a, second=other)
        add(leader, other, monday, 1, today)
    nights = {"too_long": 4, "entitlement": 3}.get(setup, 2)
    with pytest.raises(RuleBroken) as refused:
        add(leader, a, monday, nights, today)
    assert reason in refused.value.text("en")
    assert not Stay.objects.filter(placement=a).exists()


def test_no_night_at_home_between_two_stays_is_refused(child, leader, monday, today):
    a = child(quantity=8, per="month")
    add(leader, a, monday, 2, today)
    with pytest.raises(RuleBroken):
        add(leader, a, monday + 2 * DAY, 1, today)


def test_a_stay_cannot_start_in_the_past(child, leader, today):
    with translation.override("nb"), pytest.raises(InvalidInput):
        add(leader, child(), today - DAY, 1, today)


def test_a_past_stay_that_did_not_take_place_is_cancelled_on_its_page(
    child, past_stay, client_as, leader, today
):
    """Issue 7 §2: only completed stays are invoiced, so a stay the child never came to must
    be cancellable after its nights have passed (its page offers it)."""
    stay = past_stay(child(valid_from=today - datetime.timedelta(days=30)))
    url = reverse("stay_detail", args=[stay.home_id, stay.pk])
    client = client_as(leader)
    with translation.override("nb"):
        page = client.get(url).content.decode()
    assert "Ble ikke oppholdet noe av?" in page
    client.post(url, {"action": "status", "status-version": stay.version,
                      "status-status": "cancelled"})  # fmt: skip
    assert Stay.objects.get(pk=stay.pk).status == Stay.Status.CANCELLED


def test_a_stay_with_a_report_took_place_and_cannot_be_cancelled(
    child, past_stay, leader, care_worker, assign, today
):
    placement = child(valid_from=today - datetime.timedelta(days=30))
    assign(placement, care_worker)
    stay = past_stay(placement, report=True)
    with pytest.raises(InvalidInput) as error:
        stay_set_status(
            actor=leader, stay=stay, status=Stay.Status.CANCELLED, expected_version=stay.version
        )
    assert error.value.field == "status"
    assert Stay.objects.get(pk=stay.pk).status != Stay.Status.CANCELLED
