"""Imports into the database (issue 9 §1): all or nothing, re-import replaces exactly the
(month, unit) pairs in the file, every import is an event that can be undone."""

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.test import override_settings

from omsorg.core.errors import PermissionDenied
from omsorg.core.models import Role, Unit
from omsorg.people.models import Person
from omsorg.steering.models import BudgetMonth, ImportEvent, KostraFigure, Registration, StaffMonth
from omsorg.steering.services import (
    ImportRefused,
    UndoRefused,
    import_file,
    import_undo,
)
from tests import factories
from tests.steering.conftest import csv_bytes

BUDGET = "month;unit;budget_nok;accounts_nok"
STAFF = (
    "month,unit,employee_id,position_pct,profession,relevant_education,"
    "contracted_hours,sick_leave_hours"
)
KOSTRA = "year,municipality_number,indicator,value"
REGISTRATIONS = "date,national_id,unit,service,hours"


def _import(municipality, kind, content, actor=None):
    return import_file(actor=actor, municipality=municipality, kind=kind, content=content)


def _current(model):
    return model.objects.filter(replaced_by__isnull=True)


def test_an_import_is_an_event_with_hash_and_counts(municipality, units, leader):
    content = csv_bytes(BUDGET, "2024-01;SONE-A;100000;90000", "2024-01;SONE-B;50000;60000.50")
    event = _import(municipality, "budget", content, actor=leader)
    assert (event.kind, event.actor, event.row_count, event.created_count) == (
        "budget",
        leader,
        2,
        2,
    )
    assert event.file_sha256 == hashlib.sha256(content).hexdigest()
    row = BudgetMonth.objects.get(unit=units["SONE-B"])
    assert (row.month, row.budget_nok, row.accounts_nok, row.import_event) == (
        datetime.date(2024, 1, 1),
        Decimal("50000"),
        Decimal("60000.50"),
        event,
    )


@pytest.mark.parametrize(
    "kind, content",
    [
        ("budget", csv_bytes(BUDGET, "2024-01;SONE-A;1;1", "2024-01;NOPE;1;1")),
        ("budget", csv_bytes(BUDGET, "2024-01;SONE-A;1;1", "2024-01;SONE-A;2;2")),
        (
            "staff",
            csv_bytes(STAFF, "2024-01,SONE-A,e1,100,x,true,1,1", "2024-01,SONE-A,e2,-1,x,1,1,1"),
        ),
        ("registrations", csv_bytes(REGISTRATIONS, "2024-01-01,00000000000,SONE-A,bpa,1")),
        ("kostra", csv_bytes(KOSTRA, "2023,0301,x,1", "2023,0301,y,n/a")),
        ("persons", csv_bytes("national_id,given_name,family_name", "123,Kari,Nordmann")),
        ("units", csv_bytes("code,name,kind,parent_code", "NY,Ny enhet,zone,", "NY2,Ny 2,moon,")),
        ("budget", "month;unit;budget_nok;accounts_nok\n2024-01;Bø;1;1".encode("latin-1")),
    ],
)
def test_a_file_with_a_bad_row_loads_nothing(municipality, units, kind, content):
    units_before = Unit.objects.count()
    with pytest.raises(ImportRefused) as refused:
        _import(municipality, kind, content)
    assert refused.value.errors
    assert not ImportEvent.objects.exists()
    assert Unit.objects.count() == units_before
    for model in (BudgetMonth, StaffMonth, Registration, KostraFigure, Person):
        assert not model.objects.exists()


def test_reimport_replaces_exactly_the_month_and_unit_pairs_in_the_file(municipality, units):
    _import(
        municipality,
        "budget",
        csv_bytes(
            BUDGET,
            "2024-01;SONE-A;100;90",
            "2024-02;SONE-A;100;90",
            "2024-01;SONE-A1;10;10",  # below SONE-A: not replaced by a file naming SONE-A
            "2024-01;SONE-B;7;7",
        ),
    )
    second = _import(municipality, "budget", csv_bytes(BUDGET, "2024-01;SONE-A;200;150"))
    assert second.replaced_count == 1
    current = {(r.unit.code, r.month.month): r.budget_nok for r in _current(BudgetMonth)}
    assert current == {
        ("SONE-A", 1): Decimal(200),
        ("SONE-A", 2): Decimal(100),
        ("SONE-A1", 1): Decimal(10),
        ("SONE-B", 1): Decimal(7),
    }


def test_undo_brings_back_the_replaced_rows(municipality, units):
    first = _import(municipality, "staff", csv_bytes(STAFF, "2024-03,SONE-A,e1,100,x,true,150,10"))
    second = _import(
        municipality,
        "staff",
        csv_bytes(STAFF, "2024-03,SONE-A,e1,50,x,true,75,0", "2024-03,SONE-A,e2,50,x,true,75,0"),
    )
    with pytest.raises(UndoRefused):  # the later import replaced its row
        import_undo(actor=None, event=first)
    import_undo(actor=None, event=second)
    second.refresh_from_db()
    assert second.undone and second.undone_at is not None
    assert [(r.employee_id, r.position_pct) for r in _current(StaffMonth)] == [("e1", Decimal(100))]
    assert StaffMonth.objects.count() == 1
    with pytest.raises(UndoRefused):  # once is enough
        import_undo(actor=None, event=second)
    import_undo(actor=None, event=first)
    assert not StaffMonth.objects.exists()


def test_registrations_are_matched_to_persons_units_and_services(municipality, units, registered):
    content = csv_bytes(
        REGISTRATIONS,
        f"2024-01-02,{registered[0]},SONE-A,support_contact,2.5",
        f"2024-01-03,{registered[1]},SONE-B,respite_home,24",
    )
    event = _import(municipality, "registrations", content)
    rows = Registration.objects.order_by("date")
    found = [(r.person.identity_number, r.unit.code, r.service_type.code, r.hours) for r in rows]
    assert found == [
        (registered[0], "SONE-A", "support_contact", Decimal("2.5")),
        (registered[1], "SONE-B", "respite_home", Decimal(24)),
    ]
    assert rows[0].month == datetime.date(2024, 1, 1) and event.created_count == 2


def test_persons_import_registers_new_and_keeps_known(municipality, national_ids):
    header = "national_id,given_name,family_name"
    first = _import(municipality, "persons", csv_bytes(header, f"{national_ids[0]},Kari,Nordmann"))
    person = Person.objects.get(identity_number=national_ids[0])
    assert (person.given_name, person.synthetic) == ("Kari", True)
    assert person.municipality == municipality
    second = _import(
        municipality,
        "persons",
        csv_bytes(header, f"{national_ids[0]},Kari,Nordmann", f"{national_ids[1]},Ola,Nordmann"),
    )
    assert (second.row_count, second.created_count) == (2, 1)
    import_undo(actor=None, event=second)
    assert list(Person.objects.values_list("identity_number", flat=True)) == [national_ids[0]]
    assert first.created_count == 1


def test_a_person_of_another_municipality_is_refused(municipality, national_ids):
    other = factories.other_municipality("3001", "Halden")
    header = "national_id,given_name,family_name"
    _import(other, "persons", csv_bytes(header, f"{national_ids[0]},Kari,Nordmann"))
    with pytest.raises(ImportRefused) as refused:
        _import(municipality, "persons", csv_bytes(header, f"{national_ids[0]},Kari,Nordmann"))
    assert [(e.line, e.code) for e in refused.value.errors] == [(2, "registered_elsewhere")]


@override_settings(OMSORG_ALLOW_SYNTHETIC_PERSONS=False)
def test_synthetic_persons_are_refused_in_production(municipality, national_ids):
    header = "national_id,given_name,family_name"
    with pytest.raises(ImportRefused) as refused:
        _import(municipality, "persons", csv_bytes(header, f"{national_ids[0]},Kari,Nordmann"))
    assert refused.value.errors[0].params["reason_en"] == (
        "Synthetic test numbers are not accepted here."
    )


def test_units_import_creates_and_updates_the_tree_and_undo_restores_it(municipality, units):
    content = csv_bytes(
        "code;name;kind;parent_code",
        "SONE-C;Sone C;zone;NY-AVD",  # its parent comes later in the file
        "NY-AVD;Ny avdeling;department;",
        "SONE-B;Sone Bee;zone;NY-AVD",  # moved and renamed
    )
    event = _import(municipality, "units", content)
    assert (event.created_count, event.updated_count) == (2, 1)
    moved = Unit.objects.get(municipality=municipality, code="SONE-B")
    assert (moved.name, moved.parent.code) == ("Sone Bee", "NY-AVD")
    assert Unit.objects.get(code="SONE-C").parent.code == "NY-AVD"
    import_undo(actor=None, event=event)
    moved.refresh_from_db()
    assert (moved.name, moved.parent.code) == ("Sone B", "HBT")
    assert not Unit.objects.filter(code__in=["SONE-C", "NY-AVD"]).exists()


def test_kostra_figures_may_name_municipalities_not_in_the_database(municipality):
    indicator = "Andel over 80 år med hjemmetjenester"
    _import(municipality, "kostra", csv_bytes(KOSTRA, f"2023,0301,{indicator},28.4"))
    second = _import(municipality, "kostra", csv_bytes(KOSTRA, f"2023,0301,{indicator},28.9"))
    assert second.replaced_count == 1
    figure = _current(KostraFigure).get()
    assert (figure.municipality_number, figure.value) == ("0301", Decimal("28.9"))


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.CARE_WORKER, Role.GUARDIAN])
def test_only_leaders_management_and_administrators_import(municipality, units, role):
    actor = factories.user(municipality, role)
    with pytest.raises(PermissionDenied):
        _import(municipality, "budget", csv_bytes(BUDGET, "2024-01;SONE-A;1;1"), actor=actor)


def test_a_leader_of_another_municipality_may_not_import(municipality, units):
    other = factories.other_municipality("3001", "Halden")
    stranger = factories.user(other, Role.MANAGEMENT)
    with pytest.raises(PermissionDenied):
        _import(municipality, "budget", csv_bytes(BUDGET, "2024-01;SONE-A;1;1"), actor=stranger)
