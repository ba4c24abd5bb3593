"""Forms of the respite pages: parse input, nothing more (the rules live in the services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from omsorg.core.forms import DateInput
from omsorg.core.models import Municipality
from omsorg.respite.models import (
    MAX_STAY_NIGHTS,
    WEEKDAY_CHOICES,
    Closure,
    DayPlaces,
    FamilyNight,
    Owner,
    Stay,
)

TEXT = {"rows": 3}
# Bounds of the small integer columns; the rules (at least one bed, ...) are the services'.
MAX_COUNT = 999


class VersionedForm(forms.Form):
    """Carries the version the user saw, so a concurrent change is refused, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class PlanRunForm(forms.Form):
    first_night = forms.DateField(label=_("First night"), widget=DateInput())
    last_night = forms.DateField(label=_("Last night"), widget=DateInput())
    time_limit = forms.IntegerField(
        label=_("Time for the planner (seconds)"),
        min_value=1,
        max_value=600,
        initial=10,
        help_text=_("The planner returns the best plan it finds in this time, and how good it is."),
    )


class StayMoveForm(VersionedForm):
    first_night = forms.DateField(label=_("First night"), widget=DateInput())
    nights = forms.IntegerField(label=_("Nights"), min_value=1, max_value=MAX_STAY_NIGHTS)


class DayStayMoveForm(VersionedForm):
    date = forms.DateField(label=_("Date"), widget=DateInput())


class StayStatusForm(VersionedForm):
    status = forms.ChoiceField(choices=Stay.Status.choices, widget=forms.HiddenInput)


class StayCreateForm(forms.Form):
    placement = forms.TypedChoiceField(label=_("Child"), coerce=int)
    first_night = forms.DateField(label=_("First night"), widget=DateInput())
    nights = forms.IntegerField(label=_("Nights"), min_value=1, max_value=MAX_STAY_NIGHTS)

    def __init__(self, *args, children, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].choices = children


class StayReportForm(forms.Form):
    sleep = forms.CharField(label=_("Sleep"), widget=forms.Textarea(attrs=TEXT))
    food = forms.CharField(label=_("Food"), widget=forms.Textarea(attrs=TEXT))
    medication = forms.CharField(
        label=_("Medication given"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    activities = forms.CharField(label=_("Activities"), widget=forms.Textarea(attrs=TEXT))
    incidents = forms.CharField(
        label=_("Incidents"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    message = forms.CharField(
        label=_("Message to the family"), widget=forms.Textarea(attrs=TEXT), required=False
    )


class PlacementForm(VersionedForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality the nights count to"), queryset=Municipality.objects.none()
    )
    min_nights = forms.IntegerField(label=_("Shortest stay (nights)"), min_value=1)
    max_nights = forms.IntegerField(
        label=_("Longest stay (nights)"), min_value=1, max_value=MAX_STAY_NIGHTS
    )
    preferred_weekdays = forms.MultipleChoiceField(
        label=_("Preferred weekdays"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    one_to_one = forms.BooleanField(label=_("Needs one-to-one staffing"), required=False)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class PlacementCreateForm(PlacementForm):
    person = forms.TypedChoiceField(label=_("Child with a respite decision"), coerce=int)
    field_order = ["person"]

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = persons
        self.fields["version"].required = False


class FamilyNightForm(forms.Form):
    night = forms.DateField(label=_("Night"), widget=DateInput())
    kind = forms.ChoiceField(
        label=_("The family"),
        choices=[*FamilyNight.Kind.choices, ("", _("no wish (clear)"))],
        widget=forms.RadioSelect,
        required=False,
    )


class FamilyDayForm(forms.Form):
    """A day the family blocks or wishes a day stay on (seed 004 §1.4): a night's mirror."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(
        label=_("The family"),
        choices=[*FamilyNight.Kind.choices, ("", _("no wish (clear)"))],
        widget=forms.RadioSelect,
        required=False,
    )


class ShiftForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    staff = forms.ModelChoiceField(label=_("Staff member"), queryset=None)
    is_shift_lead = forms.BooleanField(label=_("Shift lead"), required=False)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = staff
        self.fields["staff"].label_from_instance = lambda user: user.display_name


class IncompatibilityForm(forms.Form):
    other = forms.TypedChoiceField(label=_("Must not stay the same night as"), coerce=int)
    reason = forms.CharField(label=_("Why"), max_length=200, required=False)

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = others


def decimal_field(label, *, max_digits: int, **kwargs) -> forms.DecimalField:
    """A decimal typed the Norwegian way ("12,5") or with a point; a text box, decimal keypad."""
    return forms.DecimalField(
        label=label,
        max_digits=max_digits,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        **kwargs,
    )


class HomeForm(VersionedForm):
    """The home's planning facts (services.homes.HomeInput)."""

    beds = forms.IntegerField(label=_("Beds"), max_value=MAX_COUNT)
    max_one_to_one_per_night = forms.IntegerField(
        label=_("Children with one-to-one staffing per night"),
        max_value=MAX_COUNT,
        required=False,
        help_text=_("Leave empty for no limit."),
    )
    staffed_weekdays = forms.MultipleChoiceField(
        label=_("Staffed nights"),
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The home is open for stays on these nights of the week."),
        error_messages={"required": _("The home is staffed at least one night a week.")},
    )
    price_per_night = decimal_field(
        _("Price per night sold (kr)"),
        max_digits=9,
        required=False,
        help_text=_(
            "What a municipality that is not an owner pays for a night. "
            "Leave empty if the home does not sell nights."
        ),
    )


class TimeInput(forms.TimeInput):
    """The browser's time picker (HH:MM)."""

    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class HomeDaysForm(VersionedForm):
    """Day stays (dagopphold, seed 004 §1.4): places on an ordinary date, and the hours."""

    day_places = forms.IntegerField(
        label=_("Day places"),
        min_value=0,
        max_value=MAX_COUNT,
        help_text=_("Children the home takes for a day stay (no night) on a date; 0: none."),
    )
    day_start_time = forms.TimeField(label=_("A day stay begins"), widget=TimeInput())
    day_end_time = forms.TimeField(
        label=_("A day stay ends"),
        widget=TimeInput(),
        help_text=_("A decision in hours becomes day stays of this length, rounded up."),
    )


class DayPlacesForm(forms.Form):
    first_day = forms.DateField(label=_("First day"), widget=DateInput())
    last_day = forms.DateField(label=_("Last day"), widget=DateInput())
    places = forms.IntegerField(label=_("Day places"), min_value=0, max_value=MAX_COUNT)
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        help_text=_("E.g. the autumn holiday."),
    )


class DayPlacesRemoveForm(forms.Form):
    period = forms.ModelChoiceField(
        label=_("Period"), queryset=DayPlaces.objects.none(), widget=forms.HiddenInput
    )

    def __init__(self, *args, home, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = home.day_periods.all()


class ClosureForm(forms.Form):
    first_night = forms.DateField(label=_("First night"), widget=DateInput())
    last_night = forms.DateField(label=_("Last night"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Kind of closure"), choices=Closure.Kind.choices)
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        help_text=_("Shown in the calendar, e.g. Easter or painting."),
    )


class ClosureRemoveForm(forms.Form):
    closure = forms.ModelChoiceField(
        label=_("Closure"), queryset=Closure.objects.none(), widget=forms.HiddenInput
    )

    def __init__(self, *args, home, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closure"].queryset = home.closures.all()


class OwnerForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        help_text=_("Choose an owner to change its share, or another municipality to add it."),
    )
    share = decimal_field(_("Share of the bed-nights (%)"), max_digits=5)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class OwnerRemoveForm(forms.Form):
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=Owner.objects.none(), widget=forms.HiddenInput
    )

    def __init__(self, *args, home, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = home.owners.all()
