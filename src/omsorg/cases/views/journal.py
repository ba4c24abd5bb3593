"""The case journal on the person page: write a note."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omsorg.cases.forms import JournalNoteForm
from omsorg.cases.services.journal import journal_note_add
from omsorg.cases.views.common import person_for
from omsorg.core.clock import today
from omsorg.core.web import call_service, page


@page
@require_POST
def journal_note(request, person_id: int):
    person = person_for(request, person_id, what="case journal")
    form = JournalNoteForm(request.POST)
    if form.is_valid() and call_service(
        form,
        journal_note_add,
        actor=request.user,
        person=person,
        text=form.cleaned_data["text"],
        today=today(),
    ):
        messages.success(request, _("The note is saved in the case journal."))
        return redirect("person_detail", person_id=person.pk)
    return render(
        request,
        "form_page.html",
        {"form": form, "person": person, "title": _("New note in the case journal")},
    )
