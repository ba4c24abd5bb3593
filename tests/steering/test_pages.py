"""The import pages (issue 9 §1): upload → preview with every bad row by line → confirm; the
history with undo; only leaders, management and administrators of the municipality."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from omsorg.core.models import Role
from omsorg.steering.models import BudgetMonth, ImportEvent, PendingImport
from tests import factories

BUDGET = "month;unit;budget_nok;accounts_nok"


def _upload(client, content: str, kind: str = "budget", language: str = "nb"):
    upload = SimpleUploadedFile("budsjett.csv", content.encode(), content_type="text/csv")
    return client.post(
        reverse("steering_imports"),
        {"kind": kind, "file": upload},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_upload_preview_confirm(client_as, leader, units):
    client = client_as(leader)
    assert client.get(reverse("steering_imports")).status_code == 200
    response = _upload(client, f"{BUDGET}\n2024-01;SONE-A;100;90\n2024-02;SONE-A;100;95\n")
    pending = PendingImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("steering_import_preview", args=[pending.pk])
    preview = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="nb")
    assert "2 rader blir importert" in preview.content.decode()
    assert not BudgetMonth.objects.exists()  # nothing before the confirmation
    confirmed = client.post(response["Location"], follow=True, HTTP_ACCEPT_LANGUAGE="nb")
    event = ImportEvent.objects.get()
    assert (event.actor, event.row_count, BudgetMonth.objects.count()) == (leader, 2, 2)
    assert f"Importerte 2 rader (import {event.pk})." in confirmed.content.decode()
    assert not PendingImport.objects.exists()


def test_the_preview_lists_every_bad_row_by_line_and_offers_no_import(client_as, leader, units):
    client = client_as(leader)
    response = _upload(
        client, f"{BUDGET}\n2024-01;SONE-A;100;90\n2024-01;NOPE;1;1\n2024-13;SONE-A;-1;1\n"
    )
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "2 linjer har feil. Ingenting blir importert" in page
    assert '<th scope="row" class="app-num">3</th><td>Ingen enhet har koden «NOPE».</td>' in page
    assert "month er ikke en måned (ÅÅÅÅ-MM): «2024-13»." in page
    assert "budget_nok kan ikke være negativ: «-1»." in page
    assert 'type="submit">Importer</button>' not in page
    # Confirming anyway loads nothing: the file is checked again.
    client.post(response["Location"])
    assert not BudgetMonth.objects.exists() and not ImportEvent.objects.exists()


def test_the_preview_speaks_nynorsk(client_as, leader, units):
    client = client_as(leader)
    response = _upload(client, f"{BUDGET}\n2024-01;NOPE;1;1\n")
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="nn").content.decode()
    assert "Inga eining har koden «NOPE»." in page


def test_undo_from_the_history(client_as, leader, units):
    client = client_as(leader)
    response = _upload(client, f"{BUDGET}\n2024-01;SONE-A;100;90\n")
    client.post(response["Location"])
    event = ImportEvent.objects.get()
    history = client.get(reverse("steering_imports")).content.decode()
    assert reverse("steering_import_undo", args=[event.pk]) in history
    client.post(reverse("steering_import_undo", args=[event.pk]))
    event.refresh_from_db()
    assert event.undone and event.undone_by == leader
    assert not BudgetMonth.objects.exists()


@override_settings(OMSORG_IMPORT_MAX_BYTES=20)
def test_a_file_over_the_size_limit_is_refused(client_as, leader, units):
    response = _upload(client_as(leader), f"{BUDGET}\n2024-01;SONE-A;100;90\n")
    assert response.status_code == 422
    assert "Filen er større enn" in response.content.decode()
    assert not PendingImport.objects.exists()


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.CARE_WORKER, Role.GUARDIAN])
def test_other_roles_are_refused(client_as, municipality, units, role):
    client = client_as(factories.user(municipality, role))
    assert client.get(reverse("steering_imports")).status_code == 403
    assert _upload(client, f"{BUDGET}\n2024-01;SONE-A;100;90\n").status_code == 403


@pytest.mark.parametrize("role", [Role.MANAGEMENT, Role.ADMINISTRATOR])
def test_management_and_administrators_may_import(client_as, municipality, units, role):
    client = client_as(factories.user(municipality, role))
    assert _upload(client, f"{BUDGET}\n2024-01;SONE-A;100;90\n").status_code == 302


def test_one_leader_cannot_open_anothers_upload(client_as, municipality, leader, units):
    response = _upload(client_as(leader), f"{BUDGET}\n2024-01;SONE-A;100;90\n")
    other = factories.user(municipality, Role.MANAGEMENT)
    assert client_as(other).get(response["Location"]).status_code == 404
