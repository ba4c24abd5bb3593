"""Day stays on the pages (seed 004 §1.2, §1.4: respite "på timebasis", afternoons, holidays):
the leader's month calendar lists them per date apart from the beds, with a legend; the day-stay
page confirms one; the family page and the iCal feed show them as "dagopphold"; the accounting
counts them in days of their own, never in nights; the settings page sets the day places."""

import datetime

import icalendar
import pytest
from django.urls import reverse

from omsorg.core.errors import InvalidInput
from omsorg.core.models import Role
from omsorg.respite.accounting import owner_accounting
from omsorg.respite.calendar import CalendarDay, CalendarStay, build_calendar
from omsorg.respite.models import DayStay
from omsorg.respite.services.days import day_places_add, home_days_update

from .conftest import next_monday
from .test_family import _new_link

DAY = datetime.timedelta(days=1)


def test_the_calendar_lists_day_stays_per_date_beside_the_beds():
    """Seed 004 §1.4: a day stay takes no bed; its date lists it with the day places."""
    first = datetime.date(2027, 1, 4)
    calendar = build_calendar(
        first,
        first + 2 * DAY,
        beds=1,
        stays=[CalendarStay(1, first, 1, "Ada")],
        closed={},
        day_stays=[CalendarDay(2, first, "Brage"), CalendarDay(3, first, "Ada B")],
        day_places={first: 2, first + DAY: 2, first + 2 * DAY: 0},
    )
    assert calendar.has_days
    assert [d.label for d in calendar.rows[0].days] == ["Ada B", "Brage"]
    assert (calendar.rows[0].occupancy, calendar.rows[0].day_places) == (1, 2)
    plain = build_calendar(first, first, beds=1, stays=[], closed={}, day_places={first: 0})
    assert not plain.has_days


@pytest.fixture
def day_home(home, users):
    return home_days_update(actor=users[Role.ADMINISTRATOR], home=home, day_places=2,
                            day_start_time=datetime.time(14), day_end_time=datetime.time(18),
                            expected_version=home.version)  # fmt: skip


@pytest.fixture
def day_stay(day_home, child, leader, today):
    """A planned day stay next Monday, as an accepted plan leaves it (rows, not a solve)."""

    def make(placement=None, date=None, status="planned"):
        placement = placement or child()
        return DayStay.objects.create(home=day_home, placement=placement,
                                      date=date or next_monday(today), status=status,
                                      created_by=leader, updated_by=leader)  # fmt: skip

    return make


@pytest.mark.django_db
def test_the_leaders_calendar_shows_day_stays_with_a_legend(client_as, leader, day_stay, today):
    """Seed 004 §1.4: the month calendar has a day-stay column, a legend entry, and links."""
    day = day_stay()
    url = reverse("respite_home", args=[day.home_id]) + f"?maaned={day.date:%Y-%m}"
    body = client_as(leader).get(url).content.decode()
    assert "dagopphold (uten natt)" in body  # the legend
    assert '<th scope="col">Dagopphold</th>' in body
    assert reverse("day_stay_detail", args=[day.home_id, day.pk]) in body
    assert "1 av 2 dagplasser" in body
    assert "Dagopphold denne måneden" in body


@pytest.mark.django_db
def test_the_leader_confirms_a_day_stay_on_its_page(client_as, leader, day_stay):
    """Seed 004 §1.4: a confirmed day stay is kept when the home is planned again."""
    day = day_stay()
    url = reverse("day_stay_detail", args=[day.home_id, day.pk])
    client = client_as(leader)
    assert "Bekreft dagoppholdet" in client.get(url).content.decode()
    response = client.post(url, {"status-status": "confirmed", "status-version": day.version})
    assert response.status_code == 302
    day.refresh_from_db()
    assert day.status == DayStay.Status.CONFIRMED


@pytest.mark.django_db
def test_family_page_and_feed_show_day_stays_apart(client, day_stay, child, guardian_of, leader,
                                                   today):  # fmt: skip
    """Seed 004 §1.4: the family sees "dagopphold" with the home's day hours, and its calendar
    gets an event of its own from 14:00 to 18:00, named as a day stay."""
    placement = child(valid_from=today - 60 * DAY)
    day = day_stay(placement)
    guardian = guardian_of(placement)
    client.force_login(guardian)
    body = client.get(reverse("family_home")).content.decode()
    assert "Kommende dagopphold" in body and "14:00–18:00" in body
    assert "Dager dere sperrer eller ønsker" in body
    link = _new_link(client)
    client.logout()
    calendar = icalendar.Calendar.from_ical(client.get(link).content)
    (event,) = list(calendar.walk("VEVENT"))
    assert str(event["summary"]) == "Dagopphold (avlastning) på Flata avlastning"
    assert event.decoded("dtstart").date() == day.date
    assert (event.decoded("dtstart").hour, event.decoded("dtend").hour) == (14, 18)
    assert str(event["status"]) == "TENTATIVE"


@pytest.mark.django_db
def test_the_family_wishes_a_day_on_its_page(client, child, guardian_of, day_home, today):
    placement = child()
    client.force_login(guardian_of(placement))
    date = today + 5 * DAY
    response = client.post(reverse("family_home"), {"action": "day", "placement": placement.pk,
                                                    "day-date": date.isoformat(),
                                                    "day-kind": "wished"})  # fmt: skip
    assert response.status_code == 302
    assert placement.days.get().date == date


@pytest.mark.django_db
def test_accounting_counts_day_stays_in_days_never_in_nights(day_stay, child, leader, today):
    """Seed 004 §1.4: a day stay uses no bed-night; it is counted apart and not invoiced."""
    placement = child(valid_from=today - 60 * DAY)
    done = day_stay(placement, date=today - 2 * DAY)
    coming = day_stay(placement, date=today + 2 * DAY)
    months, year = owner_accounting(done.home, done.date.year, today=today)
    assert (year.days_completed, year.completed, year.planned) == (1, 0, 0)  # no nights
    assert months[done.date.month - 1].days_completed == 1
    assert year.own.days_completed == 1 and year.own.used == 0  # the home's own municipality
    _months, later = owner_accounting(done.home, coming.date.year, today=today)
    assert (later.days_planned, later.used) == (1, 0)


@pytest.mark.django_db
def test_the_settings_page_sets_day_places_and_hours(client_as, users, home):
    client = client_as(users[Role.ADMINISTRATOR])
    url = reverse("respite_home_settings", args=[home.pk])
    assert "Dagplasser" in client.get(url).content.decode()
    response = client.post(url, {"action": "days", "days-version": home.version,
                                 "days-day_places": 3, "days-day_start_time": "13:30",
                                 "days-day_end_time": "17:30"})  # fmt: skip
    assert response.status_code == 302
    home.refresh_from_db()
    assert (home.day_places, home.day_stay_hours) == (3, 4.0)


@pytest.mark.django_db
def test_fewer_day_places_than_booked_day_stays_is_refused(day_stay, child, users, today):
    """Day rule 2 (seed 004 §1.4): a change of day places that would leave a date with more
    booked day stays than places is refused with the date; nothing is saved."""
    first = day_stay()
    day_stay(child(), date=first.date)
    home = first.home
    admin = users[Role.ADMINISTRATOR]
    with pytest.raises(InvalidInput) as refused:
        home_days_update(actor=admin, home=home, day_places=1, day_start_time=datetime.time(14),
                         day_end_time=datetime.time(18), expected_version=home.version,
                         today=today)  # fmt: skip
    assert refused.value.field == "day_places"
    home.refresh_from_db()
    assert home.day_places == 2
    with pytest.raises(InvalidInput):
        day_places_add(actor=admin, home=home, first_day=first.date, last_day=first.date,
                       places=0, today=today)  # fmt: skip
    period = day_places_add(actor=admin, home=home, first_day=first.date, last_day=first.date,
                            places=3, name="Høstferie", today=today)  # fmt: skip
    assert period.places == 3
