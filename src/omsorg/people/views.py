"""Person pages: search, register, the person's record, relatives, consents, access log."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from omsorg.cases.selectors import applications_of, decisions_readable, person_case_file
from omsorg.core.clock import today
from omsorg.core.errors import OmsorgError, PermissionDenied
from omsorg.core.web import call_service, page
from omsorg.people import selectors, services
from omsorg.people.access import log_reads, may_read_case_record
from omsorg.people.access_log import what_label
from omsorg.people.forms import ConsentForm, PersonForm, RelativeForm
from omsorg.people.log_control import Reason

PAGE_SIZE = 25


@page
def person_list(request):
    query = request.GET.get("q", "").strip()
    persons = selectors.person_search(actor=request.user, today=today(), query=query)
    page_obj = Paginator(persons, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.person_page_log(actor=request.user, persons=page_obj, channel="page")
    return render(request, "people/person_list.html", {"page_obj": page_obj, "query": query})


@page
def person_create(request):
    form = PersonForm(request.POST or None, municipality_id=request.user.municipality_id)
    if request.method == "POST" and form.is_valid():
        person = call_service(form, services.person_create, actor=request.user, **form.cleaned_data)
        if person:
            messages.success(request, _("The person is registered."))
            return redirect("person_detail", person_id=person.pk)
    return render(request, "people/person_form.html", {"form": form})


@page
def person_detail(request, person_id: int):
    person = selectors.person_get(actor=request.user, person_id=person_id, today=today())
    # Need to know: the case record (applications, every service, letters, journal) for the
    # deciding unit; staff who deliver a service see the person and that service's decisions.
    case_record = may_read_case_record(request.user, person, today())
    decisions = list(decisions_readable(actor=request.user, person=person, today=today()))
    context = {
        "person": person,
        "case_record": case_record,
        "relatives": selectors.person_relatives(person),
        "consents": selectors.person_consents(person),
        "applications": applications_of(person) if case_record else None,
        "decisions": decisions,
        "case_file": (
            # The case record's decisions are all the person's: the letters list reuses them.
            person_case_file(
                actor=request.user, person=person, today=today(), decisions=decisions
            )
            if case_record
            else {}
        ),
        "today": today(),
    }
    return render(request, "people/person_detail.html", context)


@page
def relative_add(request, person_id: int):
    person = selectors.person_get(actor=request.user, person_id=person_id, today=today())
    form = RelativeForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.relative_add, actor=request.user, person=person, **form.cleaned_data
        )
    ):
        messages.success(request, _("The relative is added."))
        return redirect("person_detail", person_id=person.pk)
    return render(request, "people/relative_form.html", {"form": form, "person": person})


@page
def consent_add(request, person_id: int):
    person = selectors.person_get(actor=request.user, person_id=person_id, today=today())
    form = ConsentForm(request.POST or None, person=person)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form, services.consent_record, actor=request.user, person=person, **form.cleaned_data
        )
    ):
        messages.success(request, _("The consent is recorded."))
        return redirect("person_detail", person_id=person.pk)
    return render(request, "people/consent_form.html", {"form": form, "person": person})


@page
def access_log(request, person_id: int):
    person = selectors.person_get(
        actor=request.user, person_id=person_id, today=today(), what="access log"
    )
    entries = selectors.person_access_log(actor=request.user, person=person)
    page_obj = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "people/access_log.html", {"person": person, "page_obj": page_obj})


REASONS = {
    Reason.DENIED: gettext_lazy("Refused: no service need"),
    Reason.NO_NEED: gettext_lazy("No active case or assignment for the reader's unit"),
    Reason.SAME_FAMILY_NAME: gettext_lazy("Same family name as the reader"),
    Reason.SAME_ADDRESS: gettext_lazy("Same address as the reader"),
    Reason.NIGHT: gettext_lazy("At night"),
    Reason.BURST: gettext_lazy("Many persons in a short time"),
}
LOG_CONTROL_DAYS = 7  # the default period: the last week
LOG_CONTROL_PAGE = 50


def _period(request) -> tuple[datetime.date, datetime.date]:
    """The period asked for (?fra=&til=, ISO dates), else the last week; never reversed."""
    until = _date(request.GET.get("til")) or today()
    since = _date(request.GET.get("fra")) or until - datetime.timedelta(days=LOG_CONTROL_DAYS)
    return min(since, until), until


def _date(value: str | None) -> datetime.date | None:
    try:
        return parse_date(value or "")
    except ValueError:
        return None


@page
def log_control(request):
    """The data protection officer's follow-up of the access log (Normen)."""
    if request.method == "POST":
        return _log_control_check(request)
    since, until = _period(request)
    show_checked = request.GET.get("vis") == "alle"
    findings = selectors.log_control_findings(
        actor=request.user, since=since, until=until, include_checked=show_checked
    )
    page_obj = Paginator(findings, LOG_CONTROL_PAGE).get_page(request.GET.get("page"))
    log_reads(request.user, [f.entry.person for f in page_obj], what="log control", channel="page")
    rows = [
        {
            "entry": f.entry,
            "what": what_label(f.entry.what),
            "reasons": [REASONS[r] for r in f.reasons],
            "check": getattr(f.entry, "follow_up", None),
        }
        for f in page_obj
    ]
    context = {"rows": rows, "page_obj": page_obj, "since": since, "until": until,
               "show_checked": show_checked}  # fmt: skip
    return render(request, "people/log_control.html", context)


def _log_control_check(request):
    entry = request.POST.get("entry", "")
    try:
        services.access_log_check(
            actor=request.user,
            entry_id=int(entry) if entry.isdigit() else 0,
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("The read is marked as checked."))
    except OmsorgError as error:
        if isinstance(error, PermissionDenied):
            raise
        messages.error(request, error.text())
    return redirect(request.get_full_path())
