"""Access by service need (Normen; DOMAIN.md 'What a real user expects'): each role's rule,
one error for absent and forbidden, and an access-log row for every read."""

import datetime

import pytest

from omsorg.cases.deadlines import add_months
from omsorg.cases.models import Decision
from omsorg.core.errors import NotFound, PermissionDenied
from omsorg.core.models import Municipality, Role
from omsorg.people.access import (
    Purpose,
    _need_providers,
    access_person_by_id,
    accessible_persons,
    may_read_case_record,
    register_need_provider,
)
from omsorg.people.models import AccessLog, Assignment, Person

pytestmark = pytest.mark.django_db


def active_decision(person, service_type, unit, today, **overrides):
    values = {
        "person": person,
        "service_type": service_type,
        "unit": unit,
        "status": Decision.Status.NOTIFIED,
        "outcome": Decision.Outcome.GRANTED,
        "quantity": 4,
        "scope_unit": "nights",
        "scope_period": "month",
        "valid_from": today,
        "valid_to": add_months(today, 6),
        "review_date": add_months(today, 5),
        "reasons": "Test.",
    }
    values.update(overrides)
    return Decision.objects.create(**values)


def read(actor, person, today):
    return access_person_by_id(actor, person.pk, today=today, what="test", channel="page")


def test_caseworker_reads_every_person_of_the_municipality_and_is_logged(users, make_person, today):
    person = make_person()
    caseworker = users[Role.CASEWORKER]
    assert read(caseworker, person, today) == person
    entry = AccessLog.objects.get(person=person)
    assert (entry.actor, entry.role, entry.what, entry.channel) == (
        caseworker,
        Role.CASEWORKER,
        "test",
        "page",
    )


@pytest.mark.parametrize("role", [Role.MANAGEMENT, Role.ADMINISTRATOR])
def test_management_and_administrators_read_no_person(users, make_person, today, role):
    person = make_person()
    with pytest.raises(NotFound):
        read(users[role], person, today)
    assert not AccessLog.objects.filter(denied=False).exists()
    assert AccessLog.objects.get().denied  # the refused try is in the log (Normen)


def test_service_leader_reads_only_persons_with_an_active_decision_in_the_unit(
    users, make_person, department, service_type, today
):
    leader = users[Role.SERVICE_LEADER]
    served, other, expired = make_person(), make_person(), make_person()
    respite = service_type("respite_home")
    active_decision(served, respite, department, today)
    active_decision(
        expired,
        respite,
        department,
        today,
        valid_from=add_months(today, -6),
        valid_to=today - datetime.timedelta(days=1),
    )
    assert read(leader, served, today) == served
    for person in (other, expired):
        with pytest.raises(NotFound):
            read(leader, person, today)


def test_care_worker_reads_only_persons_they_serve(users, make_person, today):
    worker = users[Role.CARE_WORKER]
    served, not_served = make_person(), make_person()
    Assignment.objects.create(
        person=served,
        staff=worker,
        kind="care_worker",
        valid_from=today - datetime.timedelta(days=3),
    )
    assert read(worker, served, today) == served
    with pytest.raises(NotFound) as refused:
        read(worker, not_served, today)
    with pytest.raises(NotFound) as absent:
        access_person_by_id(worker, 10**9, today=today, what="test", channel="page")
    assert refused.value.text("en") == absent.value.text("en")


def test_ended_assignment_ends_the_service_need(users, make_person, today):
    worker = users[Role.CARE_WORKER]
    person = make_person()
    Assignment.objects.create(
        person=person,
        staff=worker,
        kind="care_worker",
        valid_from=today - datetime.timedelta(days=30),
        valid_to=today - datetime.timedelta(days=1),
    )
    assert not accessible_persons(worker, today).filter(pk=person.pk).exists()


def test_other_municipality_is_invisible_to_a_caseworker(
    users, make_person, today, django_user_model
):
    elsewhere = Municipality.objects.create(number="0301", name="Oslo", coordinating_unit="X")
    stranger = django_user_model.objects.create_user(
        username="oslo", password="x" * 12, role=Role.CASEWORKER, municipality=elsewhere
    )
    with pytest.raises(NotFound):
        read(stranger, make_person(), today)


def test_a_refusal_naming_the_unit_gives_the_leader_no_service_need(
    users, make_person, department, service_type, today
):
    applicant = make_person()
    active_decision(
        applicant,
        service_type("respite_home"),
        department,
        today,
        outcome=Decision.Outcome.REFUSED,
        quantity=None,
    )
    with pytest.raises(NotFound):
        read(users[Role.SERVICE_LEADER], applicant, today)


def test_delivery_need_is_not_the_case_record_only_the_deciding_unit_has_it(
    users, make_person, department, service_type, today
):
    """Need to know (issue 8 §4): a leader whose unit delivers a grant reads the person for
    delivery; asking for the case record is refused with 403 and logged as denied."""
    leader, caseworker = users[Role.SERVICE_LEADER], users[Role.CASEWORKER]
    served = make_person()
    active_decision(served, service_type("respite_home"), department, today)
    assert may_read_case_record(caseworker, served, today)
    assert not may_read_case_record(leader, served, today)
    assert accessible_persons(leader, today).filter(pk=served.pk).exists()
    assert not accessible_persons(leader, today, Purpose.CASE_RECORD).exists()
    with pytest.raises(PermissionDenied):
        access_person_by_id(
            leader, served.pk, today=today, what="case", channel="page",
            purpose=Purpose.CASE_RECORD,
        )  # fmt: skip
    assert AccessLog.objects.get(actor=leader).denied


def test_a_provider_registered_for_the_case_record_gives_the_case_record(users, make_person, today):
    """An app may give a role the case record (e.g. a coordinating unit's leader)."""
    worker = users[Role.CARE_WORKER]
    person = make_person()

    def everyone(actor, on):
        return Person.objects.filter(pk=person.pk).values("pk")

    register_need_provider(Role.CARE_WORKER, everyone, purpose=Purpose.CASE_RECORD)
    try:
        assert may_read_case_record(worker, person, today)
    finally:
        _need_providers[Role.CARE_WORKER].remove((everyone, Purpose.CASE_RECORD))
    assert not may_read_case_record(worker, person, today)
