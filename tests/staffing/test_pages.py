"""The competence register's pages: the leader's views, refusals, the import's error list."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from omsorg.core.models import Role
from omsorg.staffing.models import Employee
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


def test_staff_menu_leads_the_leader_to_the_units_register(leader_client, department):
    response = leader_client.get(reverse("staffing_home"))
    assert response.url == reverse("staffing_register", args=[department.pk])


def test_register_lists_employees_and_registers_one(leader_client, department, hire):
    hire(first_name="Siri")
    url = reverse("staffing_register", args=[department.pk])
    assert "Siri" in leader_client.get(url).text
    response = leader_client.post(url, {
        "employee_number": "N9", "first_name": "Nils", "last_name": "Berg",
        "profession": "vernepleier", "hpr_number": "123", "position_percent": "60",
        "kind": "permanent",
    })  # fmt: skip
    assert response.status_code == 200
    assert "7 til 9 sifre" in response.text  # the service's message on the field, in bokmål
    assert not Employee.objects.filter(employee_number="N9").exists()


def test_another_units_register_is_not_found(client, municipality, department):
    other = factories.user(
        municipality, Role.SERVICE_LEADER, unit=factories.unit(municipality, "Lia")
    )
    client.force_login(other)
    assert client.get(reverse("staffing_register", args=[department.pk])).status_code == 404


def test_care_worker_has_no_register(client, users, department):
    client.force_login(users[Role.CARE_WORKER])
    assert client.get(reverse("staffing_register", args=[department.pk])).status_code == 404


def test_gap_page_shows_the_share_and_the_needs(leader_client, department, hire, served_child):
    hire("vernepleier", hpr="1234567")
    url = reverse("staffing_gaps", args=[department.pk])
    page = leader_client.get(url)
    assert "34" in page.text
    response = leader_client.post(url, {"person": served_child.pk, "competence": "epilepsi"})
    assert response.status_code == 302
    assert served_child.family_name in leader_client.get(url).text


def test_import_page_lists_bad_rows_by_line(leader_client, department):
    content = b"ansattnr;fornavn;etternavn;yrke;hpr;stilling;type\nH1;A;B;snekker;;50;fast\n"
    response = leader_client.post(
        reverse("staffing_import", args=[department.pk]),
        {"kind": "employees", "file": SimpleUploadedFile("hr.csv", content)},
    )
    assert response.status_code == 200
    assert "Linje 2" in response.text
    assert not Employee.objects.exists()


def test_rotation_page_shows_grid_and_evaluation(leader_client, shifts, team, make_rotation):
    rotation = make_rotation()
    url = reverse("staffing_rotation", args=[rotation.unit_id, rotation.pk])
    page = leader_client.get(url)
    assert page.status_code == 200
    assert "app-rotation__grid" in page.text
    assert "Evaluering av turnusen" in page.text
    listing = leader_client.get(reverse("staffing_rotations", args=[rotation.unit_id]))
    assert listing.status_code == 200


def test_my_rotation_without_an_employee_says_so(client, users):
    client.force_login(users[Role.CARE_WORKER])
    page = client.get(reverse("staffing_my_rotation"))
    assert page.status_code == 200
    assert "ikke registrert som ansatt" in page.text
