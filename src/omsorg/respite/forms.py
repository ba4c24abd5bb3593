"""Forms of the respite pages: parse input, nothing more (the rules live in the services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from omsorg.core.forms import DateInput
from omsorg.core.models import Municipality
from omsorg.respite.models import MAX_STAY_NIGHTS, WEEKDAY_CHOICES, FamilyNight, Stay

TEXT = {"rows": 3}


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
