"""Forms of the staff pages: parse input, nothing more (the rules live in the services)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from omsorg.core.forms import DateInput
from omsorg.staffing.competences import COURSES, Competence, Profession
from omsorg.staffing.models import Absence, Employee, Weekday

MAX_FILE_BYTES = 2 * 1024 * 1024


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class EmployeeForm(forms.Form):
    employee_number = forms.CharField(label=_("Employee number"), max_length=20)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    profession = forms.ChoiceField(label=_("Profession"), choices=Profession.choices)
    hpr_number = forms.CharField(
        label=_("HPR number"),
        max_length=9,
        required=False,
        help_text=_("The number in the Health Personnel Register: 7 to 9 digits."),
    )
    position_percent = forms.DecimalField(
        label=_("Position (%)"), min_value=Decimal("0.01"), max_value=100, decimal_places=2
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Employee.Kind.choices)


class EmployeeEditForm(EmployeeForm, VersionedForm):
    pass


class CertificateForm(forms.Form):
    competence = forms.ChoiceField(
        label=_("Course or certificate"), choices=[(c.value, c.label) for c in COURSES]
    )
    completed_on = forms.DateField(label=_("Completed"), widget=DateInput())
    expires_on = forms.DateField(label=_("Expires"), widget=DateInput(), required=False)


class CareNeedForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Person"), coerce=int)
    competence = forms.ChoiceField(label=_("Needs"), choices=Competence.choices)

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = persons


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[("employees", _("Employees")), ("courses", _("Courses and certificates"))],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label=_("CSV file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


WEEKDAY_CHOICES = Weekday.choices


class ShiftTypeForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=3)
    label = forms.CharField(label=_("Name"), max_length=60)
    start = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(label=_("Length (minutes)"), min_value=1, max_value=24 * 60)


class CoverRuleForm(forms.Form):
    shift_type = forms.TypedChoiceField(label=_("Shift"), coerce=int)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"), choices=WEEKDAY_CHOICES, coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    competence = forms.ChoiceField(
        label=_("With competence"),
        choices=[("", _("anyone (head count)")), *Competence.choices],
        required=False,
    )
    required = forms.IntegerField(label=_("Staff needed"), min_value=0, max_value=50)

    def __init__(self, *args, shift_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shift_type"].choices = [(s.pk, f"{s.code} – {s.label}") for s in shift_types]


class RotationForm(forms.Form):
    start = forms.DateField(label=_("First day (a Monday)"), widget=DateInput())
    weeks = forms.IntegerField(label=_("Weeks"), min_value=1, max_value=12, initial=6)
    time_limit = forms.IntegerField(
        label=_("Time for the engine (seconds)"), min_value=1, max_value=600, initial=10
    )


class CellForm(VersionedForm):
    staff = forms.ChoiceField(label=_("Employee"))
    day = forms.TypedChoiceField(label=_("Day"), coerce=int)
    code = forms.ChoiceField(label=_("Shift"), required=False)

    def __init__(self, *args, grid, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [(r.staff, r.employee.name) for r in grid.rows]
        self.fields["day"].choices = [(d.index, d.date.strftime("%d.%m.%Y")) for d in grid.days]
        self.fields["code"].choices = [("", _("off")), *((c, c) for c in grid.shift_codes)]


class WishForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    shift_type = forms.TypedChoiceField(
        label=_("Wish"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, shift_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shift_type"].choices = [
            ("", _("a day off")),
            *((s.pk, f"{s.code} – {s.label}") for s in shift_types),
        ]


class AbsenceForm(forms.Form):
    employee = forms.TypedChoiceField(label=_("Employee"), coerce=int)
    first_day = forms.DateField(label=_("First day"), widget=DateInput())
    last_day = forms.DateField(label=_("Last day"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Kind of absence"), choices=Absence.Kind.choices)

    def __init__(self, *args, employees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].choices = [(e.pk, e.name) for e in employees]


class OwnSicknessForm(forms.Form):
    """The employee's own sickness report on the phone: from and to, sick today by default."""

    first_day = forms.DateField(label=_("Sick from"), widget=DateInput())
    last_day = forms.DateField(
        label=_("Sick until (the last day)"),
        widget=DateInput(),
        help_text=_("Your shifts on these days are offered to others at once."),
    )


class OfferForm(forms.Form):
    """One more offer of an open shift, from the leader's vacancy table."""

    vacancy = forms.IntegerField(widget=forms.HiddenInput)
    employee = forms.IntegerField(label=_("Offer to"))
