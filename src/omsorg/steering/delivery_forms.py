"""The choice of period and unit on the decided-vs-delivered page (issue 9 §2)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from omsorg.steering.periods import parse_period


class DeliveryFilterForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_("A year (2025), a month (2025-03) or a tertial (2025-T1, -T2, -T3)."),
    )
    unit = forms.ChoiceField(label=_("Unit"), required=False)

    def __init__(self, *args, units: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("The whole municipality")), *units]

    def clean_period(self):
        text = self.cleaned_data["period"]
        try:
            return parse_period(text)
        except ValueError:  # BadPeriod, or year 0000
            raise forms.ValidationError(
                _("The period must be written YYYY, YYYY-MM or YYYY-T1, -T2 or -T3.")
            ) from None
