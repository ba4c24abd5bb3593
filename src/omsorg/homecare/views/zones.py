"""The zone leader's page: the zone's base, staff, recipients with addresses and visit patterns,
patterns to review, continuity of care, and the day plans."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from omsorg.core.clock import today
from omsorg.core.models import Role, User
from omsorg.core.web import call_service, page
from omsorg.homecare import selectors
from omsorg.homecare.forms import AddressForm, DayPlanForm, StaffMemberForm, ZoneBaseForm
from omsorg.homecare.rules import minutes_of, time_of
from omsorg.homecare.services.zones import (
    AddressInput,
    BaseInput,
    address_set,
    staff_member_set,
    zone_base_set,
)


@page
def homecare_home(request):
    """The leader goes to her zone, a care worker to her work list."""
    if request.user.role == Role.CARE_WORKER:
        return redirect("homecare_worklist")
    zone = selectors.leader_zone(request.user)
    if zone is None:
        return render(request, "homecare/no_zone.html", {})
    return redirect("homecare_zone", zone_id=zone.pk)


@page
def zone_detail(request, zone_id: int):
    zone = selectors.zone_get(actor=request.user, zone_id=zone_id)
    day = today()
    lines = selectors.zone_persons(actor=request.user, zone=zone, today=day)
    context = {
        "zone": zone,
        "base": selectors.zone_base_of(zone),
        "staff": selectors.zone_staff(zone),
        "lines": lines,
        "review": [(line, item) for line in lines for item in line.review],
        "without_pattern": [(line, d) for line in lines for d in line.without_pattern],
        "plans": selectors.day_plans(zone),
        "plan_form": DayPlanForm(initial={"date": day}),
        "not_done": selectors.not_done_list(actor=request.user, zone=zone, today=day),
        "continuity_days": selectors.CONTINUITY_DAYS,
    }
    return render(request, "homecare/zone.html", context)


@page
def zone_base(request, zone_id: int):
    zone = selectors.zone_get(actor=request.user, zone_id=zone_id)
    base = selectors.zone_base_of(zone)
    initial = {"speed_kmh": 30, "detour_factor": 1.3}
    if base is not None:
        initial = {f: getattr(base, f) for f in ZoneBaseForm.base_fields if f != "version"}
        initial["version"] = base.version
    form = ZoneBaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        saved = call_service(
            form,
            zone_base_set,
            actor=request.user,
            zone=zone,
            data=BaseInput(**data),
            expected_version=form.cleaned_data["version"],
        )
        if saved:
            messages.success(request, _("The zone's base is saved."))
            return redirect("homecare_zone", zone_id=zone.pk)
    title = _("Base and travel")
    return render(request, "homecare/form.html", {"zone": zone, "form": form, "title": title})


@page
def address_edit(request, zone_id: int, person_id: int):
    zone = selectors.zone_get(actor=request.user, zone_id=zone_id)
    person, address = selectors.address_get(
        actor=request.user, zone=zone, person_id=person_id, today=today()
    )
    initial = {"street": person.street_address, "postal_code": person.postal_code,
               "city": person.city}  # fmt: skip
    if address is not None:
        initial = {f: getattr(address, f) for f in AddressForm.base_fields if f != "version"}
        initial["version"] = address.version
    form = AddressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        saved = call_service(
            form,
            address_set,
            actor=request.user,
            zone=zone,
            person=person,
            data=AddressInput(**data),
            today=today(),
            expected_version=form.cleaned_data["version"],
        )
        if saved:
            messages.success(request, _("The address is saved."))
            return redirect("homecare_zone", zone_id=zone.pk)
    title = _("Address of %(name)s") % {"name": person.full_name}
    return render(request, "homecare/form.html", {"zone": zone, "form": form, "title": title})


@page
def staff_edit(request, zone_id: int):
    zone = selectors.zone_get(actor=request.user, zone_id=zone_id)
    workers = User.objects.filter(unit=zone, role=Role.CARE_WORKER, is_active=True).order_by(
        "last_name", "first_name"
    )
    initial = {"shift_start": time_of(7 * 60), "shift_end": time_of(15 * 60 + 30)}
    form = StaffMemberForm(request.POST or None, workers=workers, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            staff_member_set,
            actor=request.user,
            zone=zone,
            user=workers.get(pk=data["user"]),
            level=data["level"],
            shift_start=minutes_of(data["shift_start"]),
            shift_end=minutes_of(data["shift_end"]),
        )
        if saved:
            messages.success(request, _("The staff list is saved."))
            return redirect("homecare_zone", zone_id=zone.pk)
    title = _("Staff member and competence")
    return render(request, "homecare/form.html", {"zone": zone, "form": form, "title": title})
