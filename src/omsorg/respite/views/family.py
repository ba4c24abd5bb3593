"""The family's pages: the child's stays, the reviewed stay reports, the calendar link."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from omsorg.core.clock import today
from omsorg.core.errors import NotFound
from omsorg.core.web import call_service, page
from omsorg.people.access_log import what_label
from omsorg.respite import family
from omsorg.respite.forms import FamilyDayForm, FamilyNightForm
from omsorg.respite.ics import stays_ical
from omsorg.respite.services.days import family_day_set
from omsorg.respite.services.feeds import feed_renew, feed_revoke, token_hash
from omsorg.respite.services.homes import family_night_set


def _feed_action(request) -> str | None:
    """Make a new link (revoking the old one) or revoke; the new link is shown only now."""
    if request.POST.get("action") == "renew":
        _feed, token = feed_renew(actor=request.user)
        return request.build_absolute_uri(reverse("calendar_feed", args=[token]))
    feed_revoke(actor=request.user)
    return None


def _placement(request):
    value = request.POST.get("placement", "")
    return family.family_placement(
        actor=request.user, placement_id=int(value) if value.isdigit() else 0
    )


def _night_action(request, form) -> bool:
    call_service(
        form,
        family_night_set,
        actor=request.user,
        placement=_placement(request),
        night=form.cleaned_data["night"],
        kind=form.cleaned_data["kind"] or None,
        today=today(),
    )
    return not form.errors


def _day_action(request, form) -> bool:
    call_service(
        form,
        family_day_set,
        actor=request.user,
        placement=_placement(request),
        date=form.cleaned_data["date"],
        kind=form.cleaned_data["kind"] or None,
        today=today(),
    )
    return not form.errors


@page
def family_home(request):
    new_link = None
    action = request.POST.get("action") if request.method == "POST" else None
    night_form = FamilyNightForm(request.POST if action == "night" else None, prefix="night")
    day_form = FamilyDayForm(request.POST if action == "day" else None, prefix="day")
    if action in ("renew", "revoke"):
        new_link = _feed_action(request)
    if action == "night" and night_form.is_valid() and _night_action(request, night_form):
        return redirect("family_home")
    if action == "day" and day_form.is_valid() and _day_action(request, day_form):
        return redirect("family_home")
    context = family.family_overview(actor=request.user, today=today())
    context.update(new_link=new_link, night_form=night_form, day_form=day_form)
    return render(request, "respite/family.html", context)


@page
def family_report(request, stay_id: int):
    stay, report = family.family_report(actor=request.user, stay_id=stay_id)
    return render(request, "respite/family_report.html", {"stay": stay, "report": report})


ACCESS_LOG_PAGE = 25


@page
def family_access_log(request):
    person, entries = family.family_access_log(actor=request.user)
    page_obj = Paginator(entries, ACCESS_LOG_PAGE).get_page(request.GET.get("page"))
    rows = [(entry, what_label(entry.what)) for entry in page_obj]
    context = {"person": person, "page_obj": page_obj, "rows": rows}
    return render(request, "respite/family_access_log.html", context)


@require_GET
@never_cache
def calendar_feed(request, token: str):
    """The secret link: no login, the token is the key; a revoked token is simply not found."""
    try:
        feed = family.feed_by_token_hash(token_hash(token))
    except NotFound:
        return HttpResponse(status=404, content_type="text/plain")
    person = feed.relative.person
    body = stays_ical(
        family.child_stays(person.pk, today()),
        day_stays=family.child_day_stays(person.pk, today()),
        child_name=person.given_name,
        language=person.municipality.written_language,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="avlastning.ics"'
    return response
