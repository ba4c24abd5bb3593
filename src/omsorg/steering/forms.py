"""The upload form of the import page: parse input, nothing more (the checks are the import's)."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from omsorg.steering.models import ImportEvent

# What each kind's file holds, shown under the choice (the columns are the contract).
COLUMN_HELP = _(
    "Columns, in a header row: units code,name,kind,parent_code · persons "
    "national_id,given_name,family_name · registrations date,national_id,unit,service,hours · "
    "staff month,unit,employee_id,position_pct,profession,relevant_education,contracted_hours,"
    "sick_leave_hours · budget month,unit,budget_nok,accounts_nok · kostra "
    "year,municipality_number,indicator,value. Separate by ; or , (UTF-8)."
)


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"), choices=ImportEvent.Kind.choices, help_text=COLUMN_HELP
    )
    file = forms.FileField(label=_("CSV file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.OMSORG_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s. Import it with `omsorg import` instead."),
                params={"limit": filesizeformat(limit)},
            )
        return upload


class CostOfChangeForm(forms.Form):
    """The cost calculator's question and its assumptions (issue 9 §3); the initial values are
    seed 003's respite assumptions, every one of them editable."""

    hours_per_week = forms.DecimalField(
        label=_("Change in decided hours per week"),
        help_text=_("Negative for fewer hours."),
        min_value=-100_000,
        max_value=100_000,
        decimal_places=2,
        initial=259,
    )
    staffing_factor = forms.DecimalField(
        label=_("Staff hours per decided hour"),
        help_text=_("0.5 where one staff member looks after two children; 2 for two staff."),
        min_value=Decimal("0.01"),
        max_value=10,
        decimal_places=2,
        initial=Decimal("0.5"),
    )
    annual_hours_per_fte = forms.DecimalField(
        label=_("Annual hours per FTE"),
        help_text=_(
            "1 695 for a 37.5-hour week; about 1 605 for rotations with nights and Sundays."
        ),
        min_value=100,
        max_value=2500,
        decimal_places=1,
        initial=1695,
    )
    cost_per_fte = forms.DecimalField(
        label=_("Cost per FTE and year (NOK)"),
        help_text=_("Wages, holiday pay, pension and employer's tax."),
        min_value=0,
        max_value=10_000_000,
        decimal_places=0,
        initial=875_000,
    )
    weeks_per_year = forms.DecimalField(
        label=_("Weeks per year"), min_value=1, max_value=53, decimal_places=2, initial=52
    )
