"""CSV import from HR (issue 11 §1): all rows or none, every bad row listed by line."""

import datetime

import pytest

from omsorg.core.errors import PermissionDenied
from omsorg.core.models import Role
from omsorg.staffing.imports import ImportRefused, courses_import, employees_import
from omsorg.staffing.models import Certificate, Employee

pytestmark = pytest.mark.django_db

HEADER = "ansattnr;fornavn;etternavn;yrke;hpr;stilling;type\n"


def _csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(lines) + "\n").encode()


def test_a_good_file_creates_every_employee(leader, department):
    content = _csv(
        "H1;Kari;Nordmann;vernepleier;1234567;80;fast", "H2;Ola;Vik;assistent;;50,5;vikar"
    )
    result = employees_import(actor=leader, unit=department, content=content)
    assert (result.created, result.updated) == (2, 0)
    assert Employee.objects.get(employee_number="H2").kind == Employee.Kind.SUBSTITUTE


def test_bad_rows_are_listed_by_line_and_nothing_is_saved(leader, department):
    content = _csv(
        "H1;Kari;Nordmann;vernepleier;1234567;80;fast",  # line 2: good
        "H2;Ola;Vik;snekker;;50;fast",  # line 3: unknown profession
        "H3;Per;Li;sykepleier;12x;50;fast",  # line 4: bad HPR
        "H4;Eva;Ek;assistent;;120;fast",  # line 5: position over 100
        "H5;Eva;Ek;assistent;;50",  # line 6: a column short
        "H1;Kari;Nordmann;vernepleier;1234567;80;fast",  # line 7: number twice
    )
    with pytest.raises(ImportRefused) as refused:
        employees_import(actor=leader, unit=department, content=content)
    assert [line for line, _message in refused.value.errors] == [3, 4, 5, 6, 7]
    assert not Employee.objects.exists()


def test_wrong_header_is_refused_on_line_1(leader, department):
    with pytest.raises(ImportRefused) as refused:
        employees_import(actor=leader, unit=department, content=_csv("x", header="navn;alder\n"))
    assert refused.value.errors[0][0] == 1


def test_not_utf8_is_refused(leader, department):
    with pytest.raises(ImportRefused):
        employees_import(actor=leader, unit=department, content=HEADER.encode() + b"\xff\xfe;\n")


def test_importing_again_updates_and_bumps_the_version(leader, department):
    employees_import(actor=leader, unit=department, content=_csv("H1;Kari;N;assistent;;50;fast"))
    result = employees_import(
        actor=leader, unit=department, content=_csv("H1;Kari;N;vernepleier;1234567;80;fast")
    )
    assert result.updated == 1
    employee = Employee.objects.get(employee_number="H1")
    assert (employee.profession, employee.version) == ("vernepleier", 2)


def test_an_employee_of_another_unit_is_refused(leader, department, municipality, hire):
    from tests import factories

    other_unit = factories.unit(municipality, "Vesle-Tveit")
    other_leader = factories.user(municipality, Role.SERVICE_LEADER, unit=other_unit)
    number = hire().employee_number
    with pytest.raises(ImportRefused) as refused:
        employees_import(
            actor=other_leader, unit=other_unit, content=_csv(f"{number};A;B;assistent;;50;fast")
        )
    assert refused.value.errors[0][0] == 2


def test_care_worker_cannot_import(users, department):
    with pytest.raises(PermissionDenied):
        employees_import(actor=users[Role.CARE_WORKER], unit=department, content=_csv())


def test_courses_import_all_or_nothing(leader, department, hire, today):
    employee = hire()
    completed = (today - datetime.timedelta(days=10)).strftime("%d.%m.%Y")
    expires = (today + datetime.timedelta(days=365)).isoformat()
    header = "ansattnr;kurs;fullfort;utloper\n"
    bad = _csv(
        f"{employee.employee_number};epilepsi;{completed};{expires}",
        f"NOPE;ask;{completed};",  # line 3: unknown employee
        f"{employee.employee_number};sveising;{completed};",  # line 4: unknown course
        f"{employee.employee_number};ask;31.02.2020;",  # line 5: not a date
        header=header,
    )
    with pytest.raises(ImportRefused) as refused:
        courses_import(actor=leader, unit=department, content=bad, today=today)
    assert [line for line, _m in refused.value.errors] == [3, 4, 5]
    assert not Certificate.objects.exists()
    good = _csv(f"{employee.employee_number};epilepsi;{completed};{expires}", header=header)
    assert courses_import(actor=leader, unit=department, content=good, today=today).created == 1
