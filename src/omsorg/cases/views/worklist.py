from django.shortcuts import redirect, render

from omsorg.cases import selectors
from omsorg.cases.forms import WorklistFilterForm
from omsorg.catalogue.selectors import current_service_types
from omsorg.core.clock import today
from omsorg.core.context import LOG_CONTROL, is_log_controller
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
    worklist = selectors.worklist_for(actor=request.user, today=today(), **form.filters())
    context = {
        "worklist": worklist,
        "form": form,
        "today": today(),
        "case_tasks": request.user.role in selectors.CASE_TASK_ROLES,
    }
    return render(request, "cases/worklist.html", context)


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
