"""Case and document numbers (saksnummer and dokumentnummer): "2026/123-4" is document 4 of
case 123 of 2026 in the municipality. Both are counted under a row lock, stored, and never
given twice; the letters print them as "Vår referanse".
"""

import datetime

from django.db import transaction

from omsorg.cases.models import (
    Appeal,
    CaseFile,
    CaseNumberSeries,
    Decision,
    Document,
    PreliminaryReply,
)
from omsorg.core.models import Municipality


@transaction.atomic
def case_file_open(*, municipality: Municipality, opened_on: datetime.date) -> CaseFile:
    """The next case number of the municipality's year (from 1 each year)."""
    series, _created = CaseNumberSeries.objects.select_for_update().get_or_create(
        municipality=municipality, year=opened_on.year
    )
    series.last += 1
    series.save(update_fields=["last"])
    return CaseFile.objects.create(
        municipality=municipality, year=opened_on.year, number=series.last, opened_on=opened_on
    )


@transaction.atomic
def document_register(
    *,
    case_file: CaseFile,
    kind: str,
    dated: datetime.date,
    decision: Decision | None = None,
    appeal: Appeal | None = None,
    preliminary_reply: PreliminaryReply | None = None,
) -> Document:
    """The next document number in the case, for one letter."""
    locked = CaseFile.objects.select_for_update().get(pk=case_file.pk)
    locked.last_document += 1
    locked.save(update_fields=["last_document"])
    case_file.last_document = locked.last_document
    return Document.objects.create(
        case_file=locked,
        number=locked.last_document,
        kind=kind,
        dated=dated,
        decision=decision,
        appeal=appeal,
        preliminary_reply=preliminary_reply,
    )


def case_file_for_decision(
    *, municipality: Municipality, application, replaces: Decision | None, on: datetime.date
) -> CaseFile:
    """A decision belongs to its application's case; one made without an application (a
    review's renewal) to the case of the decision it replaces; else it opens a case."""
    if application is not None and application.case_file_id:
        return application.case_file
    if replaces is not None and replaces.case_file_id:
        return replaces.case_file
    return case_file_open(municipality=municipality, opened_on=on)
