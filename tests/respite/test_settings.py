"""The home's settings page (avlastning/<id>/innstillinger/): the leader edits beds and staffing
under optimistic concurrency, adds and removes closures (no overlaps), sets and removes owner
municipalities' shares (at most 100 % in all); other staff are refused; the page is bokmål."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from omsorg.core.errors import InvalidInput, PermissionDenied, StaleVersion
from omsorg.core.models import CaseEvent, Role, Unit
from omsorg.respite.models import WEEKDAYS, Closure, Owner, Stay
from omsorg.respite.services.homes import (
    HomeInput,
    closure_add,
    home_setup,
    home_update,
    owner_set,
)
from omsorg.respite.services.stays import stay_create, stay_set_status
from tests import factories

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def url(home):
    return reverse("respite_home_settings", args=[home.pk])


@pytest.fixture
def askim():
    return factories.other_municipality("0124", "Askim")


@pytest.fixture
def painting(leader, home, today):
    """The home is closed three nights for painting, a month from today."""
    first = today + 30 * DAY
    return closure_add(actor=leader, home=home, first_night=first, last_night=first + 2 * DAY,
                       kind="other", name="Maling")  # fmt: skip


def home_post(version: int, **fields) -> dict:
    values = {"beds": 3, "max_one_to_one_per_night": "", "price_per_night": "",
              "staffed_weekdays": ["fri", "sat", "sun"]}  # fmt: skip
    values.update(fields)
    return {
        "action": "home",
        "home-version": version,
        **{f"home-{k}": v for k, v in values.items()},
    }


def test_leader_edits_beds_staffing_and_price_and_the_change_is_an_event(
    client_as, leader, home, url
):
    response = client_as(leader).post(
        url, home_post(1, beds=3, max_one_to_one_per_night=1, price_per_night="4500,50")
    )
    assert response.status_code == 302
    home.refresh_from_db()
    assert home.beds == 3
    assert home.max_one_to_one_per_night == 1
    assert home.staffed_weekdays == ["fri", "sat", "sun"]
    assert home.price_per_night == Decimal("4500.50")
    assert home.version == 2
    page = client_as(leader).get(url).content.decode()
    assert 'name="home-price_per_night" value="4500,50"' in page
    event = CaseEvent.objects.get(kind="respite_home_updated", subject_id=home.pk)
    assert (event.before["beds"], event.after["beds"]) == (2, 3)


def test_blank_one_to_one_limit_means_no_limit(client_as, leader, home, url):
    home.max_one_to_one_per_night = 2
    home.save()
    client_as(leader).post(url, home_post(home.version, max_one_to_one_per_night=""))
    home.refresh_from_db()
    assert home.max_one_to_one_per_night is None


def test_a_home_has_at_least_one_bed_said_next_to_the_field(client_as, leader, home, url):
    response = client_as(leader).post(url, home_post(1, beds=0))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_home-beds_error">En avlastningsbolig har minst én seng.' in body
    home.refresh_from_db()
    assert (home.beds, home.version) == (2, 1)


def test_a_home_is_staffed_at_least_one_night_a_week(client_as, leader, home, url):
    response = client_as(leader).post(url, home_post(1, staffed_weekdays=[]))
    body = response.content.decode()
    assert "Boligen må være bemannet minst én natt i uka." in body
    with pytest.raises(InvalidInput) as refused:
        home_update(actor=leader, home=home, data=HomeInput(beds=2, staffed_weekdays=()),
                    expected_version=1)  # fmt: skip
    assert refused.value.field == "staffed_weekdays"
    home.refresh_from_db()
    assert (home.staffed_weekdays, home.version) == (list(WEEKDAYS), 1)


def test_stale_version_is_refused_and_nothing_is_saved(client_as, leader, users, home, url):
    admin = users[Role.ADMINISTRATOR]
    home_update(actor=admin, home=home, data=HomeInput(beds=4), expected_version=1)
    response = client_as(leader).post(url, home_post(1, beds=3))
    assert response.status_code == 200
    assert "Noen andre har endret disse opplysningene" in response.content.decode()
    home.refresh_from_db()
    assert (home.beds, home.version) == (4, 2)
    with pytest.raises(StaleVersion):
        home_update(actor=leader, home=home, data=HomeInput(beds=1), expected_version=1)
    home.refresh_from_db()
    assert home.beds == 4
    assert CaseEvent.objects.filter(kind="respite_home_updated").count() == 1


def test_care_worker_is_refused_the_settings_page_and_its_changes(
    client_as, care_worker, home, url
):
    client = client_as(care_worker)
    assert client.get(url).status_code == 403
    assert client.post(url, home_post(1, beds=5)).status_code == 403
    home.refresh_from_db()
    assert home.beds == 2
    with pytest.raises(PermissionDenied):
        home_update(actor=care_worker, home=home, data=HomeInput(beds=5), expected_version=1)


def test_caseworker_and_another_municipalitys_administrator_do_not_see_the_page(
    client_as, caseworker, home, url
):
    assert client_as(caseworker).get(url).status_code == 404
    other = factories.other_municipality("0301", "Oslo")
    outsider = factories.user(other, Role.ADMINISTRATOR)
    assert client_as(outsider).get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        closure_add(actor=outsider, home=home, first_night=datetime.date(2030, 1, 1),
                    last_night=datetime.date(2030, 1, 1), kind="other")  # fmt: skip


def test_the_municipalitys_administrator_may_set_the_home_up(client_as, users, home, url):
    response = client_as(users[Role.ADMINISTRATOR]).post(url, home_post(1, beds=5))
    assert response.status_code == 302
    home.refresh_from_db()
    assert home.beds == 5


def test_the_administrator_finds_the_settings_from_the_homes_list_but_not_the_children(
    client_as, users, home, url
):
    """Set-up, not care: the home's name links to its settings; the home's page with the
    children's names stays closed to the administrator."""
    client = client_as(users[Role.ADMINISTRATOR])
    page = client.get(reverse("respite_homes")).content.decode()
    assert f'href="{url}"' in page
    assert f'href="{reverse("respite_home", args=[home.pk])}"' not in page
    assert client.get(reverse("respite_home", args=[home.pk])).status_code == 404


def test_leader_adds_a_closure_on_the_page(client_as, leader, home, url, today):
    first = today + 10 * DAY
    response = client_as(leader).post(url, {"action": "closure", "closure-first_night": first,
        "closure-last_night": first + DAY, "closure-kind": "holiday",
        "closure-name": "Påske"})  # fmt: skip
    assert response.status_code == 302
    closure = home.closures.get()
    assert (closure.first_night, closure.last_night, closure.name) == (first, first + DAY, "Påske")
    assert CaseEvent.objects.filter(kind="respite_closure_added", subject_id=closure.pk).exists()


def test_overlapping_closure_is_refused_with_the_message(client_as, leader, home, url, painting):
    last = painting.last_night
    response = client_as(leader).post(url, {"action": "closure", "closure-first_night": last,
        "closure-last_night": last + 5 * DAY, "closure-kind": "summer",
        "closure-name": "Sommer"})  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    nights = f"{painting.first_night:%d.%m.%Y}–{painting.last_night:%d.%m.%Y}"
    assert (
        f'id="id_closure-first_night_error">Boligen er allerede stengt {nights} (Maling).' in body
    )
    assert home.closures.count() == 1
    with pytest.raises(InvalidInput) as refused:
        closure_add(actor=leader, home=home, first_night=painting.first_night - DAY,
                    last_night=painting.first_night, kind="other")  # fmt: skip
    assert refused.value.field == "first_night"


def test_closures_that_only_touch_do_not_overlap(leader, home, painting):
    after = closure_add(actor=leader, home=home, first_night=painting.last_night + DAY,
                        last_night=painting.last_night + DAY, kind="holiday")  # fmt: skip
    before = closure_add(actor=leader, home=home, first_night=painting.first_night - DAY,
                         last_night=painting.first_night - DAY, kind="holiday")  # fmt: skip
    assert home.closures.count() == 3
    assert after.pk and before.pk


def test_leader_removes_a_closure_and_it_is_an_event(client_as, leader, home, url, painting):
    response = client_as(leader).post(
        url, {"action": "closure_remove", "closure_remove-closure": painting.pk}
    )
    assert response.status_code == 302
    assert not Closure.objects.filter(pk=painting.pk).exists()
    event = CaseEvent.objects.get(kind="respite_closure_removed", subject_id=painting.pk)
    assert event.before["name"] == "Maling"


def test_a_closure_of_another_home_cannot_be_removed_here(
    client_as, leader, users, home, url, painting
):
    unit = Unit.objects.create(municipality=home.unit.municipality, name="Lia avlastning",
                               kind=Unit.Kind.RESPITE_HOME)  # fmt: skip
    other = home_setup(actor=users[Role.ADMINISTRATOR], unit=unit, data=HomeInput(beds=1))
    night = painting.first_night
    theirs = closure_add(actor=users[Role.ADMINISTRATOR], home=other, first_night=night,
                         last_night=night, kind="other")  # fmt: skip
    response = client_as(leader).post(
        url, {"action": "closure_remove", "closure_remove-closure": theirs.pk}
    )
    assert response.status_code == 200
    assert Closure.objects.filter(pk=theirs.pk).exists()


def test_leader_sets_an_owners_share_choosing_the_municipality(client_as, leader, home, url, askim):
    response = client_as(leader).post(
        url, {"action": "owner", "owner-municipality": askim.pk, "owner-share": "62,5"}
    )
    assert response.status_code == 302
    owner = home.owners.get()
    assert (owner.municipality, owner.share_percent) == (askim, Decimal("62.5"))


def test_owners_shares_over_100_percent_are_refused(client_as, leader, home, url, askim):
    owner_set(actor=leader, home=home, municipality=askim, share_percent=Decimal("60"))
    eidsberg = factories.other_municipality("0125", "Eidsberg")
    response = client_as(leader).post(
        url, {"action": "owner", "owner-municipality": eidsberg.pk, "owner-share": "50"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_owner-share_error">Eiernes andeler kan til sammen være høyst 100 %.' in body
    assert list(home.owners.values_list("municipality", flat=True)) == [askim.pk]
    # Changing Askim's own share is measured against the others only.
    owner_set(actor=leader, home=home, municipality=askim, share_percent=Decimal("100"))
    assert home.owners.get().share_percent == Decimal("100")


def test_leader_removes_an_owner_and_it_is_an_event(client_as, leader, home, url, askim):
    owner = owner_set(actor=leader, home=home, municipality=askim, share_percent=Decimal("40"))
    response = client_as(leader).post(
        url, {"action": "owner_remove", "owner_remove-owner": owner.pk}
    )
    assert response.status_code == 302
    assert not Owner.objects.filter(pk=owner.pk).exists()
    event = CaseEvent.objects.get(kind="respite_owner_removed", subject_id=owner.pk)
    assert event.before["municipality"] == askim.pk


def test_the_home_page_links_to_the_settings_only_for_the_leader(
    client_as, leader, care_worker, home, url
):
    assert url in client_as(leader).get(reverse("respite_home", args=[home.pk])).content.decode()
    page = client_as(care_worker).get(reverse("respite_home", args=[home.pk]))
    assert url not in page.content.decode()


# English that would show if a string on the page lost its translation or was never extracted.
ENGLISH_ON_THE_SETTINGS_PAGE = [
    "Settings",
    "Beds and staffing",
    "Beds",
    "Staffed nights",
    "Leave empty",
    "Price per night",
    "Closures",
    "First night",
    "Last night",
    "Kind of closure",
    "Add a closure",
    "Add the closure",
    "Remove",
    "the closure",
    "Owner municipalities",
    "Share of the bed-nights",
    "as owner",
    "Set an owner's share",
    "Save the share",
    "Total",
    "Monday",
    "Friday",
    "public holiday",
    "other",
    "optional",
    "Municipality",
    "The home's beds and staffing are saved",
]


def visible_text(body: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", body)


def test_settings_page_is_in_bokmal_without_english_left(
    client_as, leader, home, url, painting, askim
):
    owner_set(actor=leader, home=home, municipality=askim, share_percent=Decimal("60"))
    client = client_as(leader)
    client.post(url, home_post(1, beds=2))
    response = client.get(url)
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    for bokmal in ("Innstillinger for Flata avlastning", "Senger og bemanning",
                   "Stenginger", "Eierkommuner", "Maling", "Askim", "60 %", "Sum", "Fredag",
                   "Fjern"):  # fmt: skip
        assert bokmal in text, bokmal
    left = [w for w in ENGLISH_ON_THE_SETTINGS_PAGE if re.search(rf"\b{re.escape(w)}\b", text)]
    assert not left, f"English on the bokmål settings page: {left}"


# -- settings never leave a booked stay outside the planner's hard rules (rules 2-3) ----------


@pytest.fixture
def booked(leader, child, today):
    """Two children booked for the same two nights, two weeks from today (a Friday and
    Saturday or whatever weekdays those are); the second needs one-to-one staffing."""
    first = today + 14 * DAY
    stays = [
        stay_create(actor=leader, placement=child(), first_night=first, nights=2, today=today),
        stay_create(
            actor=leader, placement=child(one_to_one=True), first_night=first, nights=2,
            today=today,
        ),
    ]  # fmt: skip
    return stays


def test_a_closure_over_booked_stays_is_refused_naming_the_first(leader, home, booked, today):
    first = booked[0].first_night
    with pytest.raises(InvalidInput) as refused:
        closure_add(actor=leader, home=home, first_night=first - DAY, last_night=first,
                    kind="other", name="Vannlekkasje")  # fmt: skip
    assert refused.value.field == "first_night"
    assert str(refused.value).startswith("2 ")  # two stays fall on the closed nights
    assert not Closure.objects.filter(home=home).exists()


def test_fewer_beds_than_children_booked_on_a_night_is_refused(leader, home, booked, today):
    with pytest.raises(InvalidInput) as refused:
        home_update(actor=leader, home=home, data=HomeInput(beds=1), expected_version=1,
                    today=today)  # fmt: skip
    assert refused.value.field == "beds"
    home.refresh_from_db()
    assert home.beds == 2 and home.version == 1


def test_a_one_to_one_limit_below_the_booked_one_to_one_children_is_refused(
    leader, home, booked, today
):
    home_update(actor=leader, home=home, data=HomeInput(beds=2, max_one_to_one_per_night=1),
                expected_version=1, today=today)  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        home_update(actor=leader, home=home, data=HomeInput(beds=2, max_one_to_one_per_night=0),
                    expected_version=2, today=today)  # fmt: skip
    assert refused.value.field == "max_one_to_one_per_night"


def test_unstaffing_a_weekday_with_a_booked_night_is_refused(leader, home, booked, today):
    booked_day = WEEKDAYS[booked[0].first_night.weekday()]
    others = tuple(day for day in WEEKDAYS if day != booked_day)
    with pytest.raises(InvalidInput) as refused:
        home_update(actor=leader, home=home, data=HomeInput(beds=2, staffed_weekdays=others),
                    expected_version=1, today=today)  # fmt: skip
    assert refused.value.field == "staffed_weekdays"


def test_past_and_cancelled_stays_do_not_hold_the_settings_back(
    leader, home, child, past_stay, today
):
    """Delivered stays are history, a cancelled stay books nothing: two children stayed the
    same nights last week and two have stays next week, one cancelled; one bed is fine now."""
    first, second = (child(valid_from=today - 60 * DAY) for _ in range(2))
    past_stay(first)
    past_stay(second)
    kept = stay_create(actor=leader, placement=first, first_night=today + 7 * DAY, nights=1,
                       today=today)  # fmt: skip
    cancelled = stay_create(actor=leader, placement=second, first_night=today + 7 * DAY,
                            nights=1, today=today)  # fmt: skip
    stay_set_status(actor=leader, stay=cancelled, status=Stay.Status.CANCELLED,
                    expected_version=cancelled.version)  # fmt: skip
    home_update(actor=leader, home=home, data=HomeInput(beds=1), expected_version=1, today=today)
    home.refresh_from_db()
    assert home.beds == 1
    assert Stay.objects.filter(pk=kept.pk, status=Stay.Status.PLANNED).exists()
