"""Issue 8 §2: a catalogue import that fails in the database leaves nothing behind.

The database refuses the import's last write, its case event (tests/db_failure.py), after the
municipality, the catalogue, its version and every service type are written.
"""

import pytest
from django.db import DatabaseError

from omsorg.catalogue.models import CatalogueVersion, ServiceType
from omsorg.catalogue.services import catalogue_load
from tests.db_failure import failing_event, table_counts

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_failed_catalogue_import_leaves_no_version_and_no_service_type():
    before = table_counts()
    with failing_event("catalogue_version_created"), pytest.raises(DatabaseError):
        catalogue_load(name_or_path="holtalen")
    assert table_counts() == before
    assert not CatalogueVersion.objects.exists() and not ServiceType.objects.exists()
    assert catalogue_load(name_or_path="holtalen").service_types.exists()  # then it succeeds
