"""The web import's preview of a registrations file (issue 9 §1: upload, preview with every bad
row listed by line, then confirm) takes the command's fast path: on PostgreSQL a clean file is
checked by the server (`registration_copy.stage`, rolled back) and only counted, so the web
process holds no row of it; a bad file is still read row by row and lists every bad row. The
answers are the same on SQLite, where the file is read in Python."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from omsorg.steering import registration_copy
from omsorg.steering.models import ImportEvent, PendingImport, Registration
from omsorg.steering.services import file_check
from tests.steering.conftest import csv_bytes

HEADER = "date,national_id,unit,service,hours"


def _stage_left() -> bool:
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [registration_copy.STAGE])
        return cursor.fetchone()[0] is not None


def _clean(registered) -> bytes:
    return csv_bytes(
        HEADER,
        f"2024-01-02,{registered[0]},SONE-A,support_contact,2.5",
        f"2024-01-03,{registered[1]},SONE-B,respite_home,24",
        f"2024-02-01,{registered[0]},SONE-A,support_contact,0.75",
    )


def test_a_clean_file_is_counted_not_read_row_by_row_on_postgresql(municipality, units,
                                                                   registered):  # fmt: skip
    parsed = file_check(municipality=municipality, kind="registrations", content=_clean(registered))
    assert parsed.ok and parsed.row_count == 3
    if registration_copy.available():
        assert parsed.rows == [] and parsed.counted == 3  # no row in the web process
    # The check leaves nothing: no rows, no event, no staging table.
    assert not Registration.objects.exists()
    assert not ImportEvent.objects.filter(kind="registrations").exists()
    assert not _stage_left()


def test_a_bad_file_still_lists_every_bad_row_by_line(municipality, units, registered):
    content = csv_bytes(
        HEADER,
        f"2024-01-02,{registered[0]},SONE-A,support_contact,2.5",
        f"2024-01-02,{registered[0]},NOPE,support_contact,1",
        f"2024-01-02,{registered[0]},SONE-A,support_contact,3",
    )
    parsed = file_check(municipality=municipality, kind="registrations", content=content)
    assert [(error.line, error.code) for error in parsed.errors] == [
        (3, "unknown_unit"), (4, "duplicate"),
    ]  # fmt: skip
    assert not _stage_left()


def test_upload_preview_confirm_of_registrations(client_as, leader, municipality, units,
                                                  registered):  # fmt: skip
    client = client_as(leader)
    upload = SimpleUploadedFile("levert.csv", _clean(registered), content_type="text/csv")
    response = client.post(
        reverse("steering_imports"), {"kind": "registrations", "file": upload},
        HTTP_ACCEPT_LANGUAGE="nb",
    )  # fmt: skip
    assert response.status_code == 302
    preview = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "3 rader blir importert" in preview
    assert not Registration.objects.exists()
    client.post(response["Location"], HTTP_ACCEPT_LANGUAGE="nb")
    event = ImportEvent.objects.get(kind="registrations")
    assert (event.row_count, Registration.objects.count()) == (3, 3)
    assert not PendingImport.objects.exists()
