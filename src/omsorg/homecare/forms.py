"""Forms of the home-care pages: parse input, nothing more (the rules live in the services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from omsorg.core.forms import DateInput
from omsorg.homecare.models import Level, Task

WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
EVERY_CHOICES = [(1, _("every week")), (2, _("every other week")), (3, _("every third week")),
                 (4, _("every fourth week"))]  # fmt: skip
TEXT = {"rows": 3}


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def time_field(label) -> forms.TimeField:
    return forms.TimeField(label=label, widget=TimeInput())


class VersionedForm(forms.Form):
    """Carries the version the user saw, so a concurrent change is refused, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class ZoneBaseForm(forms.Form):
    address = forms.CharField(label=_("Address of the base"), max_length=200, required=False)
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180)
    speed_kmh = forms.FloatField(label=_("Speed (km/h)"), min_value=5, max_value=120)
    detour_factor = forms.FloatField(
        label=_("Detour factor"),
        min_value=1,
        max_value=3,
        help_text=_("Road distance over the straight line, e.g. 1.3."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AddressForm(forms.Form):
    street = forms.CharField(label=_("Street address"), max_length=200)
    postal_code = forms.CharField(label=_("Postal code"), max_length=4, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90, required=False)
    longitude = forms.FloatField(
        label=_("Longitude"), min_value=-180, max_value=180, required=False
    )
    key_box = forms.CharField(label=_("Key box"), max_length=200, required=False)
    pets = forms.CharField(label=_("Pets"), max_length=200, required=False)
    entrance = forms.CharField(label=_("Entrance"), max_length=200, required=False)
    notes = forms.CharField(
        label=_("Practical notes"), widget=forms.Textarea(attrs=TEXT), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class StaffMemberForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Care worker"), coerce=int)
    level = forms.ChoiceField(label=_("Competence"), choices=Level.choices)
    shift_start = time_field(_("Shift starts"))
    shift_end = time_field(_("Shift ends"))

    def __init__(self, *args, workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [(u.pk, u.display_name) for u in workers]


class PatternForm(forms.Form):
    label = forms.CharField(label=_("Name of the visit"), max_length=60)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    every_weeks = forms.TypedChoiceField(label=_("How often"), choices=EVERY_CHOICES, coerce=int)
    window_start = time_field(_("Earliest start"))
    window_end = time_field(_("Latest start"))
    window_hard = forms.BooleanField(
        label=_("The time is fixed (e.g. medication)"), required=False, initial=True
    )
    duration = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=720)
    tasks = forms.MultipleChoiceField(
        label=_("Tasks"), choices=Task.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    level = forms.ChoiceField(label=_("Competence needed"), choices=Level.choices)
    staff_count = forms.TypedChoiceField(
        label=_("Staff at once"),
        choices=[(1, _("one")), (2, _("two (double visit)"))],
        coerce=int,
    )
    follows = forms.TypedChoiceField(
        label=_("Must come after the visit"), coerce=int, required=False, empty_value=None
    )
    min_gap = forms.IntegerField(
        label=_("At least (minutes) after"), min_value=0, max_value=720, required=False
    )
    max_gap = forms.IntegerField(
        label=_("At most (minutes) after"), min_value=0, max_value=720, required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, others=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["follows"].choices = [("", _("none"))] + [(p.pk, p.label) for p in others]


class DayPlanForm(forms.Form):
    date = forms.DateField(label=_("Day"), widget=DateInput())


class RunForm(VersionedForm):
    time_limit = forms.IntegerField(
        label=_("Time for the planner (seconds)"), min_value=1, max_value=120, initial=5
    )


class ShiftForm(VersionedForm):
    start = time_field(_("From"))
    end = time_field(_("To"))


class SickForm(forms.Form):
    from_time = time_field(_("Away from"))


class MoveForm(VersionedForm):
    to_staff = forms.TypedChoiceField(
        label=_("Move to"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_staff"].choices = [("", _("off the routes"))] + [
            (u.pk, u.display_name) for u in staff
        ]


class NotDoneForm(VersionedForm):
    reason = forms.CharField(label=_("Why not done"), max_length=300)


class ReportForm(VersionedForm):
    report = forms.CharField(
        label=_("Short report"), widget=forms.Textarea(attrs=TEXT), max_length=2000, required=False
    )
