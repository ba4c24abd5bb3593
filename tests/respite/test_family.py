"""Families (seed 000: written feedback after every stay): a guardian sees only their own
child's stays and only reviewed reports, never the case record; the iCalendar feed is a secret,
revocable link that parses with icalendar."""

import datetime
import re

import icalendar
import pytest
from django.urls import reverse

from omsorg.people.models import AccessLog
from omsorg.respite.models import StayReport
from omsorg.respite.services.stays import stay_create

from .conftest import next_monday

pytestmark = pytest.mark.django_db
LONG_AGO = datetime.timedelta(days=60)


@pytest.fixture
def family(child, guardian_of, assign, care_worker, today):
    """Two children, each with a guardian login; the care worker serves both."""
    ours = child(quantity=12, valid_from=today - LONG_AGO)
    theirs = child(quantity=12, valid_from=today - LONG_AGO)
    for placement in (ours, theirs):
        assign(placement, care_worker)
    return ours, theirs, guardian_of(ours), guardian_of(theirs)


def test_guardian_sees_own_childs_stays_and_only_reviewed_reports(
    client, family, past_stay, leader, today
):
    ours, theirs, guardian, _other = family
    reviewed = past_stay(ours, ago=10, reviewed=True)
    unreviewed = past_stay(ours, ago=3, report=True)
    hidden = past_stay(theirs, ago=10, reviewed=True)
    coming = stay_create(actor=leader, placement=ours, first_night=next_monday(today),
                         nights=2, today=today)  # fmt: skip
    client.force_login(guardian)
    body = client.get(reverse("family_home")).content.decode()
    assert reverse("family_report", args=[reviewed.pk]) in body
    assert reverse("family_report", args=[unreviewed.pk]) not in body
    assert f"{coming.nights}</td>" in body
    assert reverse("family_report", args=[hidden.pk]) not in body
    assert client.get(reverse("family_report", args=[reviewed.pk])).status_code == 200
    assert client.get(reverse("family_report", args=[unreviewed.pk])).status_code == 404
    assert client.get(reverse("family_report", args=[hidden.pk])).status_code == 404
    assert AccessLog.objects.filter(actor=guardian, person=ours.person).exists()


def test_guardian_never_sees_the_case_record_or_staff_pages(client, family, home):
    ours, _theirs, guardian, _other = family
    client.force_login(guardian)
    assert client.get(reverse("person_detail", args=[ours.person.pk])).status_code == 404
    assert client.get(reverse("respite_home", args=[home.pk])).status_code == 404
    response = client.get(reverse("worklist"))  # no caseworker tasks: sent to their own page
    assert response.status_code == 302 and response.url == reverse("family_home")


def test_reviewed_report_shows_its_text_to_the_guardian(client, family, past_stay):
    ours, _theirs, guardian, _other = family
    stay = past_stay(ours, reviewed=True)
    client.force_login(guardian)
    body = client.get(reverse("family_report", args=[stay.pk])).content.decode()
    assert "Tur i skogen." in body
    assert StayReport.objects.get(stay=stay).status == "reviewed"


def _new_link(client) -> str:
    body = client.post(reverse("family_home"), {"action": "renew"}).content.decode()
    return re.search(r'href="(http://testserver/kalender/[^"]+\.ics)"', body).group(1)


def test_calendar_feed_parses_and_revoking_kills_the_old_link(
    client, family, leader, today, past_stay
):
    ours, _theirs, guardian, _other = family
    past_stay(ours, ago=5)
    stay_create(actor=leader, placement=ours, first_night=next_monday(today), nights=2,
                today=today)  # fmt: skip
    client.force_login(guardian)
    link = _new_link(client)
    client.logout()  # the feed needs no login: the token is the key
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    assert list(calendar.walk("VTIMEZONE"))[0]["TZID"] == "Europe/Oslo"
    starts = sorted(event.decoded("dtstart") for event in events)
    assert starts[-1].date() == next_monday(today)
    assert starts[-1].hour == 16
    # A stay whose nights have passed took place: CONFIRMED, never TENTATIVE (issue 7,
    # "Calendar"); the one to come is still planned, so TENTATIVE.
    status = {event.decoded("dtstart").date(): str(event["status"]) for event in events}
    assert [status[day] for day in sorted(status)] == ["CONFIRMED", "TENTATIVE"]
    client.force_login(guardian)
    newer = _new_link(client)
    client.logout()
    assert client.get(link).status_code == 404
    assert client.get(newer).status_code == 200
    client.force_login(guardian)
    client.post(reverse("family_home"), {"action": "revoke"})
    assert client.get(newer).status_code == 404


def test_only_a_hash_of_the_token_is_stored(client, family):
    _ours, _theirs, guardian, _other = family
    client.force_login(guardian)
    link = _new_link(client)
    token = link.rsplit("/", 1)[1].removesuffix(".ics")
    feed = guardian.relative.feeds.get()
    assert token not in feed.token_hash
    assert len(feed.token_hash) == 64


def test_family_page_query_count_does_not_grow_with_stays(
    client, family, past_stay, django_assert_max_num_queries
):
    ours, _theirs, guardian, _other = family
    for ago in (3, 8, 13, 18, 23):
        past_stay(ours, ago=ago, nights=1, reviewed=True)
    client.force_login(guardian)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("family_home"))
    assert response.status_code == 200


def test_calendar_feed_reads_are_logged_as_the_guardians_and_refusals_as_denied(
    client, family, leader, today
):
    """Normen (issue 8 §4): the secret link's reads are logged as its owner's: who (the
    guardian), which child, when; a revoked link's attempt is logged as a denied read."""
    ours, _theirs, guardian, _other = family
    stay_create(actor=leader, placement=ours, first_night=next_monday(today), nights=2,
                today=today)  # fmt: skip
    client.force_login(guardian)
    link = _new_link(client)
    client.logout()
    AccessLog.objects.all().delete()
    assert client.get(link).status_code == 200
    entry = AccessLog.objects.get()
    assert (entry.actor, entry.person, entry.channel, entry.denied) == (
        guardian,
        ours.person,
        "feed",
        False,
    )
    assert entry.what == "family: calendar feed" and entry.at is not None
    client.force_login(guardian)
    client.post(reverse("family_home"), {"action": "revoke"})
    client.logout()
    AccessLog.objects.all().delete()
    assert client.get(link).status_code == 404
    refused = AccessLog.objects.get()
    assert (refused.actor, refused.person, refused.denied) == (guardian, ours.person, True)
    assert client.get(link[:-8] + "xxxx.ics").status_code == 404  # unknown: no one to log
    assert AccessLog.objects.count() == 1


def test_guardian_sees_who_has_read_the_childs_record_paginated(
    client, family, leader, care_worker, today
):
    """Normen (issue 8 §4): the guardian sees who has read the child's record: name, role,
    unit, when and what; refused tries are marked; the guardian's own reads are left out."""
    ours, theirs, guardian, _other = family
    log = [
        AccessLog(actor=leader, role=leader.role, person=ours.person, what="respite calendar",
                  channel="page"),
        AccessLog(actor=care_worker, role=care_worker.role, person=ours.person,
                  what="decision 7", channel="page", denied=True),
        AccessLog(actor=leader, role=leader.role, person=theirs.person, what="stay",
                  channel="page"),
    ] + [
        AccessLog(actor=leader, role=leader.role, person=ours.person, what="person record",
                  channel="page")
        for _ in range(30)
    ]  # fmt: skip
    AccessLog.objects.bulk_create(log)
    client.force_login(guardian)
    assert reverse("family_access_log") in client.get(reverse("family_home")).content.decode()
    body = client.get(reverse("family_access_log")).content.decode()
    assert leader.display_name in body and "tjenesteleder" in body.lower()
    assert "Flata avlastning" in body  # the reader's unit
    assert body.count('data-label="Hvem"') == 25  # one page
    assert "på familiesiden" not in body  # the guardian's own reads are left out
    last = client.get(reverse("family_access_log") + "?page=2").content.decode()
    assert "vedtak nr. 7" in last and "avvist" in last  # the refused try, in words
    assert "respite calendar" not in last and "kalender" in last
    assert AccessLog.objects.filter(actor=guardian, what="family: access log").count() == 2


def test_only_a_guardian_has_the_family_access_log(client, users):
    client.force_login(users["caseworker"])
    assert client.get(reverse("family_access_log")).status_code == 403
