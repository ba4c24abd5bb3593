"""Forms of the steering assumptions page (issue 9 §2 and §3)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from omsorg.steering.models import HoursPerUnit


class HoursPerUnitForm(forms.Form):
    service_code = forms.CharField(
        label=_("Service code"), max_length=50,
        help_text=_("The catalogue's code, e.g. respite_home."),
    )  # fmt: skip
    scope_unit = forms.ChoiceField(label=_("Unit of scope"), choices=HoursPerUnit.ScopeUnit.choices)
    hours_per_unit = forms.DecimalField(
        label=_("Hours per unit"), min_value=Decimal("0.01"), max_value=72, decimal_places=2,
        help_text=_("Staffed hours one night, day, visit or meal counts as."),
    )  # fmt: skip
    valid_from = forms.DateField(label=_("Valid from"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)


class CostAssumptionForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    valid_from = forms.DateField(label=_("Valid from"))
    staffing_factor = forms.DecimalField(
        label=_("Staff hours per delivered hour"), min_value=Decimal("0.01"), max_value=10,
        decimal_places=2,
        help_text=_("0.5 where one staff member looks after two children; 2 for two staff."),
    )  # fmt: skip
    annual_hours_per_fte = forms.DecimalField(
        label=_("Annual hours per FTE"), min_value=100, max_value=2500, decimal_places=1,
        help_text=_(
            "1 695 for a 37.5-hour week; about 1 605 for rotations with nights and Sundays."
        ),
    )  # fmt: skip
    cost_per_fte = forms.DecimalField(
        label=_("Cost per FTE and year (NOK)"), min_value=0, max_value=10_000_000,
        decimal_places=0, help_text=_("Wages, holiday pay, pension and employer's tax."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("The whole municipality")), *units]
