"""Issue 8 §2: an import that fails in the database leaves nothing behind (issue 9's "all or
nothing", here against a real database failure, not a refused row).

The database refuses import_file's last write, the UPDATE that stores the event's counts,
after every imported row is written (tests/db_failure.py).
"""

import pytest
from django.db import DatabaseError

from omsorg.steering.models import BudgetMonth, ImportEvent
from omsorg.steering.services import import_file
from tests.db_failure import failing_update, table_counts
from tests.steering.conftest import csv_bytes

pytestmark = pytest.mark.django_db(transaction=True)
BUDGET = "month;unit;budget_nok;accounts_nok"


def test_a_failed_import_leaves_no_event_and_no_row(municipality, units, leader):
    content = csv_bytes(BUDGET, "2024-01;SONE-A;100000;90000", "2024-01;SONE-B;50000;60000.50")
    before = table_counts()
    with failing_update("steering_importevent"), pytest.raises(DatabaseError):
        import_file(actor=leader, municipality=municipality, kind="budget", content=content)
    assert table_counts() == before
    assert not ImportEvent.objects.exists() and not BudgetMonth.objects.exists()
    import_file(actor=leader, municipality=municipality, kind="budget", content=content)
    assert BudgetMonth.objects.count() == 2
