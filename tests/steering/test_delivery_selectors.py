"""Decided vs delivered from the database (issue 9 §2): decisions in force, registrations
and respite stays; figures without persons for leaders and the API, small groups suppressed
(§8); persons only for caseworkers, through the access door and logged."""

import datetime
from decimal import Decimal

import pytest

from omsorg.cases.models import Decision
from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.models import Role
from omsorg.people.models import AccessLog
from omsorg.steering.delivery import Status
from omsorg.steering.delivery_selectors import (
    delivery_by_unit_shown,
    delivery_figures,
    delivery_figures_shown,
    delivery_lines,
    delivery_person_lines,
    figures_municipality,
    parse_period_or_refuse,
)
from omsorg.steering.models import HoursPerUnit, ImportEvent, Registration
from omsorg.steering.periods import parse_period
from omsorg.steering.services import import_undo, registration_record
from tests import factories
from tests.steering.conftest import decide

pytestmark = pytest.mark.django_db


def test_figures_of_a_unit_and_the_units_below_it(municipality, world, last_month):
    figures = delivery_figures(municipality, "HBT", last_month)
    assert figures.persons_with_decision == 6
    assert figures.decided_hours == world["decided"] * 6
    assert (figures.persons_under, figures.persons_no_delivery) == (1, 1)
    assert figures.persons_no_decision == 1  # the seventh, served from SONE-B
    assert figures.hours_without_decision > 0
    only_a = delivery_figures(municipality, "SONE-A", last_month)
    assert only_a.persons_no_decision == 0
    assert delivery_figures(municipality, "TT", last_month).persons == 0


def test_lines_name_the_status_of_each_person(municipality, world, last_month):
    lines = delivery_lines(municipality, None, last_month)
    status = {line.person_id: line.status for line in lines}
    persons = world["persons"]
    assert status[persons[0].pk] == Status.AS_DECIDED
    assert status[persons[4].pk] == Status.UNDER
    assert status[persons[5].pk] == Status.NO_DELIVERY
    assert status[persons[6].pk] == Status.NO_DECISION


def test_a_period_in_the_future_compares_nothing(municipality, world, today):
    figures = delivery_figures(municipality, None, parse_period(str(today.year + 1)))
    assert figures.persons == 0 and figures.decided_hours == 0


def test_replaced_and_refused_decisions_do_not_count(municipality, units, make_person,
                                                    service_type, last_month):  # fmt: skip
    person = make_person()
    decide(person, service_type("respite_in_home"), units["SONE-A"],
            status=Decision.Status.REPLACED)  # fmt: skip
    decide(person, service_type("bpa"), units["SONE-A"], outcome=Decision.Outcome.REFUSED)
    assert delivery_figures(municipality, None, last_month).persons == 0


def test_respite_nights_use_the_configured_hours_per_night(municipality, units, make_person,
                                                          service_type, last_month):  # fmt: skip
    person = make_person()
    decide(person, service_type("respite_home"), units["SONE-A"], quantity=4, scope="nights",
            per="month")  # fmt: skip
    HoursPerUnit.objects.create(
        municipality=municipality, service_code="respite_home", hours_per_unit=Decimal(16),
        valid_from=datetime.date(2000, 1, 1),
    )  # fmt: skip
    (line,) = delivery_lines(municipality, None, last_month)
    assert (line.decided, line.decided_hours, line.status) == (4, 64, Status.NO_DELIVERY)


def test_small_groups_are_suppressed_for_leaders_and_the_api(municipality, world, last_month):
    shown = delivery_figures_shown(municipality, "HBT", last_month)
    assert shown["suppressed"] is False and shown["persons"] == 7
    assert isinstance(shown["decided_hours"], (int, float))
    # SONE-B has one person (the delivery without a decision): hidden, and SONE-A with it.
    small = delivery_figures_shown(municipality, "SONE-B", last_month)
    assert small["suppressed"] is True
    assert small["persons"] is None and small["hours_without_decision"] is None
    table = delivery_by_unit_shown(municipality, last_month)
    rows = {row["unit"]: row for row in table["units"]}
    assert rows["SONE-B"]["suppressed"] is True and rows["SONE-B"]["persons"] is None
    assert rows["SONE-A"]["suppressed"] is True  # the one other row: the total would tell


def test_caseworkers_see_the_deviating_persons_and_each_read_is_logged(
    municipality, world, last_month, users
):
    lines = delivery_lines(municipality, None, last_month)
    caseworker = users[Role.CASEWORKER]
    shown = delivery_person_lines(actor=caseworker, lines=lines)
    assert {p.line.status for p in shown} == {Status.UNDER, Status.NO_DELIVERY,
                                             Status.NO_DECISION}  # fmt: skip
    logged = set(AccessLog.objects.filter(actor=caseworker).values_list("person_id", flat=True))
    assert logged == {p.person_id for p in shown}
    for role in (Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR):
        assert delivery_person_lines(actor=users[role], lines=lines) == []
    assert not AccessLog.objects.exclude(actor=caseworker).exists()


def test_who_reads_the_figures(users, municipality):
    assert figures_municipality(users[Role.MANAGEMENT]) == municipality
    with pytest.raises(PermissionDenied):
        figures_municipality(users[Role.CARE_WORKER])
    with pytest.raises(InvalidInput):
        parse_period_or_refuse("2025-T4")


def test_recorded_registrations_share_one_event_a_day_and_can_be_undone(
    municipality, units, make_person, service_type, today
):
    person = make_person()
    kwargs = {"actor": None, "person": person, "unit": units["SONE-A"],
              "service_type": service_type("respite_in_home"), "source": "homecare"}  # fmt: skip
    registration_record(date=today, hours=Decimal("1.5"), **kwargs)
    registration_record(date=today, hours=Decimal("0.75"), **kwargs)
    registration_record(date=today - datetime.timedelta(days=1), hours=1, **kwargs)
    events = ImportEvent.objects.filter(kind="registrations").order_by("pk")
    assert [(e.row_count, e.created_count) for e in events] == [(2, 2), (1, 1)]
    assert Registration.objects.get(hours=Decimal("0.75")).month == today.replace(day=1)
    import_undo(actor=None, event=events[0])
    assert Registration.objects.count() == 1


@pytest.mark.parametrize("hours", [-1, 25, Decimal("24.5")])
def test_recording_refuses_hours_outside_a_day(municipality, units, make_person, service_type,
                                              today, hours):  # fmt: skip
    with pytest.raises(InvalidInput):
        registration_record(actor=None, person=make_person(), unit=units["SONE-A"],
                            service_type=service_type("bpa"), date=today, hours=hours,
                            source="homecare")  # fmt: skip
    assert not Registration.objects.exists()


def test_recording_is_refused_to_a_guardian_and_for_another_municipality(
    municipality, units, make_person, service_type, today
):
    guardian = factories.user(municipality, Role.GUARDIAN)
    with pytest.raises(PermissionDenied):
        registration_record(actor=guardian, person=make_person(), unit=units["SONE-A"],
                            service_type=service_type("bpa"), date=today, hours=1,
                            source="homecare")  # fmt: skip
    other = factories.other_municipality("3118", "Indre Østfold")
    stranger = factories.person(other)
    with pytest.raises(InvalidInput):
        registration_record(actor=None, person=stranger, unit=units["SONE-A"],
                            service_type=service_type("bpa"), date=today, hours=1,
                            source="homecare")  # fmt: skip
