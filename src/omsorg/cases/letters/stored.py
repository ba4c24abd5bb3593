"""Decision letters' PDFs typeset once per letter text and served from the database after.

The caller has checked access and logged the read before it asks (as for every letter);
this module only saves the typesetting. A failed save is no error: the letter is served
all the same and typeset again next time.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.db import DatabaseError, transaction

from omsorg.cases.models import Decision, StoredLetterPdf

log = logging.getLogger(__name__)

# Part of the digest: a new PDF variant or stylesheet must not serve PDFs made for the old.
FORMAT = "v1"


def html_digest(html: str, *, variant: str, stylesheet: bytes) -> str:
    content = hashlib.sha256()
    for part in (FORMAT.encode(), variant.encode(), stylesheet, html.encode()):
        content.update(len(part).to_bytes(8, "big") + part)
    return content.hexdigest()


def stored_pdf(
    decision: Decision, language: str, digest: str, typeset: Callable[[], bytes]
) -> bytes:
    """The stored PDF if it was made from the same letter text, else a new one, stored."""
    stored = (
        StoredLetterPdf.objects.filter(decision=decision, language=language)
        .values_list("html_digest", "pdf")
        .first()
    )
    if stored is not None and stored[0] == digest:
        return bytes(stored[1])
    pdf = typeset()
    _store(decision, language, digest, pdf)
    return pdf


def _store(decision: Decision, language: str, digest: str, pdf: bytes) -> None:
    # One row per decision and language, replaced when the letter changed; two readers
    # typesetting the same letter at once both write the same bytes (upsert, no error).
    row = StoredLetterPdf(decision=decision, language=language, html_digest=digest, pdf=pdf)
    try:
        with transaction.atomic():
            StoredLetterPdf.objects.bulk_create(
                [row],
                update_conflicts=True,
                unique_fields=["decision", "language"],
                update_fields=["html_digest", "pdf", "rendered_at"],
            )
    except DatabaseError:
        # A locked SQLite database or the like: the reader still gets the letter.
        log.warning("decision %s: letter PDF not stored", decision.pk, exc_info=True)
