"""The competence register's pages: the leader's views, refusals, the import's error list."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from omsorg.core.models import Role
from omsorg.staffing import plan_io
from omsorg.staffing.models import Absence, Employee, Offer, Vacancy
from omsorg.staffing.rotations import rotation_publish
from omsorg.staffing.substitutes import absence_register
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


@pytest.fixture
def offered(shifts, team, make_rotation, leader, users, hire):
    """A published rotation, the first full-timer sick on their first shift: the best one
    proposed has the care worker's login (one in the substitute pool: always someone)."""
    hire("assistent", 100, kind="substitute", first_name="Pia")
    rotation = make_rotation()
    rotation_publish(actor=leader, rotation=rotation, expected_version=rotation.version)
    days = Employee.objects.get(pk=team[0].pk).unit.rotations.get().roster
    day = next(d for d, code in enumerate(days[plan_io.staff_id(team[0].pk)]) if code)
    date = rotation.start + datetime.timedelta(days=day)
    absence_register(actor=leader, employee=team[0], first_day=date, last_day=date, kind="sick")
    offer = Offer.objects.order_by("rank").first()
    offer.employee.user = users[Role.CARE_WORKER]
    offer.employee.save(update_fields=["user"])
    return offer


def test_the_employee_says_no_to_an_offer(client, offered, users, leader):
    url = reverse("staffing_offer_decline", args=[offered.pk])
    client.force_login(leader)  # not the offer's employee
    assert client.post(url).status_code == 404
    client.force_login(users[Role.CARE_WORKER])
    page = client.get(reverse("staffing_my_rotation"))
    assert "Takk nei" in page.text and url in page.text
    response = client.post(url, follow=True)
    assert "Du har takket nei til vakten" in response.text
    offered.refresh_from_db()
    assert offered.status == Offer.Status.DECLINED
    assert Vacancy.objects.get().status == Vacancy.Status.OPEN


def test_the_employee_reports_themself_sick_on_the_own_page(client, offered, users, today):
    worker = users[Role.CARE_WORKER]
    client.force_login(worker)
    url = reverse("staffing_own_sickness")
    page = client.get(url)
    assert page.status_code == 200 and "Meld deg syk" in page.text
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    refused = client.post(url, {"first_day": yesterday, "last_day": today.isoformat()})
    assert "fra i dag eller en senere dag" in refused.text
    assert not Absence.objects.filter(employee__user=worker).exists()
    done = client.post(url, {"first_day": today, "last_day": today}, follow=True)
    assert "God bedring" in done.text
    assert Absence.objects.get(employee__user=worker).kind == "sick"


def test_own_sickness_page_is_for_employees_only(client, users):
    client.force_login(users[Role.CASEWORKER])
    assert client.get(reverse("staffing_own_sickness")).status_code == 404


def test_the_leader_offers_an_open_shift_to_one_more(leader_client, offered, hire):
    """Issue 11 §4: a shift still open (everyone said no, or no one answers) can be offered
    to someone from the proposal who has not been asked; here a substitute hired later."""
    pool = hire("helsefagarbeider", 100, kind="substitute", first_name="Vera")
    rotation = offered.vacancy.rotation
    url = reverse("staffing_rotation", args=[rotation.unit_id, rotation.pk])
    page = leader_client.get(url)
    assert "Send tilbudet" in page.text and f'<option value="{pool.pk}">' in page.text
    vacancy = offered.vacancy
    done = leader_client.post(
        url, {"action": "offer", "vacancy": vacancy.pk, "employee": pool.pk}, follow=True
    )
    assert "Tilbudet er sendt" in done.text
    assert vacancy.offers.get(employee=pool).status == Offer.Status.OPEN
    again = leader_client.post(url, {"action": "offer", "vacancy": vacancy.pk, "employee": 0})
    assert again.status_code == 302 and vacancy.offers.count() == len(vacancy.offers.all())
