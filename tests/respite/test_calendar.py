"""The home's calendar (issue 7, "Calendar"; seed 004 §4, the respite home): a stay of several
nights is one block, free beds are shown, a legend explains the colours, and a stay whose
nights have passed is completed."""

import datetime

import pytest
from django.urls import reverse

from omsorg.respite.calendar import CalendarStay, build_calendar
from omsorg.respite.rules import COMPLETED, stay_state
from omsorg.respite.services.stays import stay_create

from .conftest import next_monday

DAY = datetime.timedelta(days=1)


def test_a_stay_of_three_nights_is_one_block_and_free_beds_are_counted():
    first = datetime.date(2027, 1, 4)
    stays = [CalendarStay(1, first, 3, "Ada"), CalendarStay(2, first + DAY, 1, "Brage")]
    calendar = build_calendar(first, first + 4 * DAY, beds=2, stays=stays,
                              closed={first + 4 * DAY: "Stengt"})  # fmt: skip
    rows = calendar.rows
    assert (rows[0].blocks[0].stay.label, rows[0].blocks[0].rows) == ("Ada", 3)
    assert [row.blocks[0].rows for row in rows[1:3]] == [0, 0]  # covered by the block
    assert (rows[1].blocks[1].stay.label, rows[1].blocks[1].rows) == ("Brage", 1)
    assert [row.free for row in rows] == [1, 0, 1, 2, 0]  # a closed night has no free bed


@pytest.mark.django_db
def test_a_stay_whose_nights_have_passed_is_completed(child, past_stay, leader, today):
    placement = child(valid_from=today - 30 * DAY)
    done = past_stay(placement, ago=0, nights=2)  # the child went home this morning
    assert stay_state(done, today) == COMPLETED
    coming = stay_create(actor=leader, placement=placement, first_night=next_monday(today),
                         nights=1, today=today)  # fmt: skip
    assert stay_state(coming, today) == "planned"


@pytest.mark.django_db
def test_home_page_draws_blocks_with_a_legend_and_free_beds(client_as, leader, home, child, today):
    placement = child()
    first = next_monday(today)
    stay_create(actor=leader, placement=placement, first_night=first, nights=3, today=today)
    page = client_as(leader).get(reverse("respite_home", args=[home.pk]) + f"?maaned={first:%Y-%m}")
    body = page.content.decode()
    assert 'rowspan="3"' in body
    assert "app-legend" in body and "bekreftet" in body and "gjennomført" in body
    assert "Ledige senger" in body


@pytest.mark.django_db
def test_the_stay_page_shows_free_beds_to_the_leader_moving_it(
    client_as, leader, home, child, today
):
    a, b = child(), child()
    first = next_monday(today)
    stay = stay_create(actor=leader, placement=a, first_night=first, nights=2, today=today)
    stay_create(actor=leader, placement=b, first_night=first + 3 * DAY, nights=1, today=today)
    body = client_as(leader).get(reverse("stay_detail", args=[home.pk, stay.pk])).content.decode()
    assert "Ledige senger rundt oppholdet" in body
    assert "(nå)" in body


@pytest.mark.django_db
def test_the_stay_page_says_completed_after_the_nights(client_as, leader, home, child, past_stay,
                                                       today):  # fmt: skip
    stay = past_stay(child(valid_from=today - 30 * DAY), ago=2)
    body = client_as(leader).get(reverse("stay_detail", args=[home.pk, stay.pk])).content.decode()
    assert "gjennomført" in body
