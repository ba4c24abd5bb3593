"""Person pages: search, register, the person's record, relatives, consents, access log."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from omsorg.cases.selectors import applications_of, decisions_of, person_case_file
from omsorg.core.clock import today
from omsorg.core.web import call_service, page
from omsorg.people import selectors, services
from omsorg.people.forms import ConsentForm, PersonForm, RelativeForm

PAGE_SIZE = 25


@page
def person_list(request):
    query = request.GET.get("q", "").strip()
    persons = selectors.person_search(actor=request.user, today=today(), query=query)
    page_obj = Paginator(persons, PAGE_SIZE).get_page(request.GET.get("side"))
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
    context = {
        "person": person,
        "relatives": selectors.person_relatives(person),
        "consents": selectors.person_consents(person),
        "applications": applications_of(person),
        "decisions": decisions_of(person),
        "case_file": person_case_file(actor=request.user, person=person, today=today()),
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
    page_obj = Paginator(entries, 50).get_page(request.GET.get("side"))
    return render(request, "people/access_log.html", {"person": person, "page_obj": page_obj})
