"""A day stay moved by hand (seed 004 §1.2 and §1.4: respite "på timebasis", afternoons), on
the page and over the API: judged by the engine's checker as a moved night stay is, so a move
that breaks a day rule is refused with the rule in words, and the leader sees the free day
places around the day stay."""

import datetime

import pytest
from django.urls import reverse

from omsorg.core.errors import InvalidInput, PermissionDenied, StaleVersion
from omsorg.core.models import CaseEvent, Role
from omsorg.people.models import AccessLog
from omsorg.respite.models import DayStay
from omsorg.respite.services.common import RuleBroken
from omsorg.respite.services.days import day_stay_move, home_days_update
from omsorg.respite.services.stays import stay_create
from tests.api_support import API, assert_error, post, token_client

from .conftest import next_monday

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def day_home(home, users):
    """One day place, 14:00-18:00."""
    return home_days_update(actor=users[Role.ADMINISTRATOR], home=home, day_places=1,
                            day_start_time=datetime.time(14), day_end_time=datetime.time(18),
                            expected_version=home.version)  # fmt: skip


@pytest.fixture
def day_child(make_person, grant, place):
    """A child granted 4 day stays a month (and `nights` nights a month)."""

    def make(nights=0):
        person = make_person(age_years=10)
        if nights:
            grant(person, quantity=nights, per="month")
        grant(person, quantity=4, per="month", unit="days")
        return place(person)

    return make


@pytest.fixture
def day_stay(day_home, leader, today):
    """A planned day stay on a Tuesday two weeks on, as an accepted plan leaves it."""

    def make(placement, date=None):
        return DayStay.objects.create(home=day_home, placement=placement,
                                      date=date or next_monday(today, weeks=2) + DAY,
                                      created_by=leader, updated_by=leader)  # fmt: skip

    return make


def test_the_leader_moves_a_day_stay_and_it_is_an_event(day_child, day_stay, leader, today):
    day = day_stay(day_child())
    target = day.date + DAY
    moved = day_stay_move(actor=leader, day_stay=day, date=target, expected_version=1, today=today)
    day.refresh_from_db()
    assert (moved.date, day.date, day.version) == (target, target, 2)
    assert CaseEvent.objects.filter(kind="day_stay_moved", subject_id=day.pk).exists()


def test_a_move_onto_a_full_date_is_refused_with_the_day_places_named(
    day_child, day_stay, leader, today
):
    """Day rule 2 (seed 004 §1.4): no more children by day than the home's day places."""
    day = day_stay(day_child())
    other = day_stay(day_child(), date=day.date + DAY)
    with pytest.raises(RuleBroken) as refused:
        day_stay_move(actor=leader, day_stay=day, date=other.date, expected_version=1, today=today)
    assert "alle dagplassene er opptatt" in refused.value.text()
    day.refresh_from_db()
    assert day.date == other.date - DAY


def test_a_move_onto_a_night_the_child_stays_is_refused(day_child, day_stay, leader, today):
    """Day rule 1 (seed 004 §1.4): a child does not come by day on a date it stays the night."""
    placement = day_child(nights=4)
    day = day_stay(placement)
    night = day.date + 2 * DAY
    stay_create(actor=leader, placement=placement, first_night=night, nights=1, today=today)
    with pytest.raises(RuleBroken) as refused:
        day_stay_move(actor=leader, day_stay=day, date=night, expected_version=1, today=today)
    assert "overnatter" in refused.value.text()


def test_past_dates_a_second_day_stay_and_a_stale_version_are_refused(
    day_child, day_stay, leader, today
):
    placement = day_child()
    day, later = day_stay(placement), day_stay(placement, date=next_monday(today, 3))
    with pytest.raises(InvalidInput) as past:
        day_stay_move(actor=leader, day_stay=day, date=today - DAY, expected_version=1,
                      today=today)  # fmt: skip
    assert past.value.field == "date"
    with pytest.raises(InvalidInput) as twice:
        day_stay_move(actor=leader, day_stay=day, date=later.date, expected_version=1,
                      today=today)  # fmt: skip
    assert "har allerede et dagopphold" in twice.value.text()
    with pytest.raises(StaleVersion):
        day_stay_move(actor=leader, day_stay=day, date=day.date + DAY, expected_version=7,
                      today=today)  # fmt: skip
    day.refresh_from_db()
    assert (day.date, day.version) == (next_monday(today, weeks=2) + DAY, 1)


def test_only_the_homes_leader_moves_a_day_stay(day_child, day_stay, care_worker, today):
    day = day_stay(day_child())
    with pytest.raises(PermissionDenied):
        day_stay_move(actor=care_worker, day_stay=day, date=day.date + DAY, expected_version=1,
                      today=today)  # fmt: skip


def test_the_page_moves_a_day_stay_and_shows_the_free_day_places(
    client_as, day_child, day_stay, leader
):
    day = day_stay(day_child())
    day_stay(day_child(), date=day.date + DAY)
    url = reverse("day_stay_detail", args=[day.home_id, day.pk])
    client = client_as(leader)
    body = client.get(url).content.decode()
    assert "Flytt dagoppholdet" in body and "Ledige dagplasser" in body
    full = client.post(url, {"action": "move", "move-date": (day.date + DAY).isoformat(),
                             "move-version": 1})  # fmt: skip
    assert full.status_code == 200
    assert "alle dagplassene er opptatt" in full.content.decode()
    moved = client.post(url, {"action": "move", "move-date": (day.date + 2 * DAY).isoformat(),
                              "move-version": 1})  # fmt: skip
    assert moved.status_code == 302
    day.refresh_from_db()
    assert day.version == 2


def test_the_api_lists_moves_and_confirms_day_stays_with_reads_logged(
    day_child, day_stay, leader, today
):
    placement = day_child()
    day = day_stay(placement)
    busy = day_stay(day_child(), date=day.date + DAY)
    client = token_client(leader)
    base = f"/respite/homes/{day.home_id}/day-stays"
    listed = client.get(f"{API}{base}?first={day.date}&days=7").json()
    assert [(d["id"], d["status"]) for d in listed] == [(day.pk, "planned"), (busy.pk, "planned")]
    assert AccessLog.objects.filter(actor=leader, channel="api", person=placement.person).exists()
    body = {"date": busy.date.isoformat(), "version": 1}
    error = assert_error(post(client, f"{base}/{day.pk}/move", body), 409, "respite_rule_broken")
    assert "all day places are taken" in error["message_en"]
    moved = post(client, f"{base}/{day.pk}/move", {**body, "date": (busy.date + DAY).isoformat()})
    assert moved.status_code == 200 and moved.json()["version"] == 2
    confirmed = post(client, f"{base}/{day.pk}/status", {"status": "confirmed", "version": 2})
    assert confirmed.json()["status"] == "confirmed"


def test_a_care_worker_reads_occupied_for_a_day_stay_of_a_child_she_does_not_serve(
    day_child, day_stay, care_worker, assign, today
):
    served, other = day_child(), day_child()
    assign(served, care_worker)
    mine = day_stay(served)
    theirs = day_stay(other, date=mine.date + DAY)
    client = token_client(care_worker)
    listed = client.get(f"{API}/respite/homes/{mine.home_id}/day-stays?first={mine.date}").json()
    assert sorted(d["child"] for d in listed) == sorted([served.person.full_name, "opptatt"])
    url = f"{API}/respite/homes/{mine.home_id}/day-stays/{theirs.pk}"
    assert_error(client.get(url), 404, "not_found")
