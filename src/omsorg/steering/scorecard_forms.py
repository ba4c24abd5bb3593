"""The scorecard's forms (issue 9 §4): choose unit and period; write an explanation; set a
target; record a survey score. Parse input only: the checks are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from omsorg.steering.models import Kpi, SurveyScore
from omsorg.steering.periods import BadPeriod, parse_period

PERIOD_HELP = _("A year (2016), a tertial (2016-T1, T2 or T3) or a month (2016-03).")


def _period(value: str) -> str:
    try:
        return parse_period(value).label
    except BadPeriod as error:
        raise forms.ValidationError(
            _("The period is written YYYY, YYYY-MM or YYYY-T1, T2 or T3.")
        ) from error


class ScorecardChoiceForm(forms.Form):
    enhet = forms.ChoiceField(label=_("Unit"), required=False)
    periode = forms.CharField(label=_("Period"), max_length=10, help_text=PERIOD_HELP)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].choices = [("", _("The whole municipality")), *units]

    def clean_periode(self):
        return _period(self.cleaned_data["periode"])


class ScorecardNoteForm(forms.Form):
    explanation = forms.CharField(
        label=_("Explanation"),
        help_text=_("Why the result is as it is (for the budget: the causes of the deviation)."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=4000,
    )
    measures = forms.CharField(
        label=_("Measures"),
        help_text=_("What is done to reach the target."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=4000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class KpiTargetForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    kpi = forms.ChoiceField(label=_("KPI"), choices=Kpi.choices)
    valid_from = forms.DateField(
        label=_("Valid from"), help_text=_("Usually 1 January of the year the target is for.")
    )
    target = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=2)
    near_margin = forms.DecimalField(
        label=_("Near within"),
        help_text=_("How far from the target counts as near. Blank: 5 percent of the target."),
        max_digits=14,
        decimal_places=2,
        required=False,
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("The whole municipality")), *units]


class SurveyScoreForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    kind = forms.ChoiceField(label=_("Survey"), choices=SurveyScore.Kind.choices)
    period = forms.CharField(label=_("Held in"), max_length=10, help_text=PERIOD_HELP)
    score = forms.DecimalField(
        label=_("Score"), help_text=_("The mean score, 1 to 6."), max_digits=4, decimal_places=2
    )
    respondents = forms.IntegerField(label=_("Respondents"), min_value=0)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = list(units)

    def clean_period(self):
        return _period(self.cleaned_data["period"])
