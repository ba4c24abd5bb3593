"""The case journal: dated, signed notes on a person's case."""

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.cases.models import JournalNote
from omsorg.cases.services.common import require_caseworker
from omsorg.core.errors import InvalidInput
from omsorg.core.events import event_record
from omsorg.core.models import User
from omsorg.people.models import Person

# Long enough for a phone call or a meeting; a longer text belongs in a document.
NOTE_MAX_CHARS = 4000


@transaction.atomic
def journal_note_add(
    *, actor: User, person: Person, text: str, today: datetime.date
) -> JournalNote:
    """Write a note in the person's journal, dated today and signed by the actor."""
    require_caseworker(actor)
    text = text.strip()
    if not text:
        raise InvalidInput(_("Write the note."), field="text")
    if len(text) > NOTE_MAX_CHARS:
        raise InvalidInput(
            _("The note can have at most %(max)s characters."), field="text", max=NOTE_MAX_CHARS
        )
    if person.municipality_id != actor.municipality_id:
        raise InvalidInput(_("The person belongs to another municipality."), field="person")
    note = JournalNote.objects.create(
        person=person, noted_on=today, text=text, created_by=actor, updated_by=actor
    )
    event_record(actor=actor, kind="journal_note_added", subject=note, person=person)
    return note
