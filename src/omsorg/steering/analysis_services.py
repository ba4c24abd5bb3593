"""Writes for the service analysis (issue 9 §7): where an import's figures come from.

KOSTRA figures are compared side by side with the municipality's own, so a reader must see
where each column comes from: SSB's table and date for published figures, and a plain mark
for synthetic ones (the demo's), which must never pass for published statistics.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import InvalidInput
from omsorg.core.models import User
from omsorg.steering.models import ImportEvent
from omsorg.steering.services import require_importer


@transaction.atomic
def import_source_set(
    *, actor: User | None, event: ImportEvent, source: str, synthetic: bool = False
) -> ImportEvent:
    """Record where the import's figures come from; `synthetic` marks invented figures."""
    require_importer(actor, event.municipality)
    source = (source or "").strip()
    if not source:
        raise InvalidInput(_("Say where the figures come from."), field="source")
    if len(source) > 300:
        raise InvalidInput(_("The source is at most 300 characters."), field="source")
    event.source, event.synthetic = source, synthetic
    event.save(update_fields=["source", "synthetic"])
    return event
