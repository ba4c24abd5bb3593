from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from omsorg.cases import selectors
from omsorg.cases.forms import WorklistFilterForm
from omsorg.catalogue.selectors import current_service_types
from omsorg.core.clock import today
from omsorg.core.context import LOG_CONTROL, is_log_controller
from omsorg.core.errors import BadRequest
from omsorg.core.models import Role
from omsorg.core.web import page


@page
def home(request):
    if is_log_controller(request.user):
        return redirect(LOG_CONTROL[0])  # the data protection officer's own page
    if request.user.role in {Role.MANAGEMENT, Role.ADMINISTRATOR}:
        return redirect("catalogue")
    if request.user.role == Role.GUARDIAN:
        return redirect("family_home")
    return redirect("worklist")


@page
def worklist(request):
    if request.user.role == Role.GUARDIAN:
        return redirect("family_home")  # a guardian's tasks are the child's stays
    form = WorklistFilterForm(request.GET or None)
    sections = selectors.worklist_pages(
        actor=request.user, today=today(), pages=_page_numbers(request.GET), **form.filters()
    )
    context = {
        "sections": sections,
        "pagers": {name: _pager(request.GET, name, page) for name, page in sections.items()},
        "form": form,
        "today": today(),
        "case_tasks": request.user.role in selectors.CASE_TASK_ROLES,
    }
    return render(request, "cases/worklist.html", context)


def _pager(query, section: str, page) -> dict:
    """Links to the section's previous and next page, keeping the filters and other pages."""

    def url(number):
        if number is None:
            return None
        changed = query.copy()
        changed[f"page_{section}"] = number
        return f"?{changed.urlencode()}#{section}"

    return {"previous": url(page.previous), "next": url(page.next)}


def _page_numbers(query) -> dict[str, int]:
    """The page shown of each worklist section (`?page_due=3`); a bad number is refused."""
    pages = {}
    for section in selectors.WORKLIST_SECTIONS:
        value = query.get(f"page_{section}", "")
        if not value:
            continue
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= 100_000:
            raise BadRequest(_("The page number must be a whole number from 1."))
        pages[section] = int(value)
    return pages


@page
def meeting_agenda(request):
    meeting, applications = selectors.meeting_agenda(actor=request.user, today=today())
    return render(
        request, "cases/meeting_agenda.html", {"meeting": meeting, "applications": applications}
    )


@page
def catalogue(request):
    service_types = current_service_types(request.user.municipality_id)
    return render(request, "cases/catalogue.html", {"service_types": service_types})
