"""Forms of the business-plan pages (issue 9 §5): parse input, nothing more."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from omsorg.steering.plan_models import Measure, PlanReportLine


class PlanUploadForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=2000, max_value=2100,
        help_text=_("Leave empty to use the year the file gives."),
    )  # fmt: skip
    file = forms.FileField(
        label=_("YAML file"),
        help_text=_("Goal areas, numbered goals and measures; the format is described in "
                    "the plans of the demo (src/omsorg/demo/plans)."),
    )  # fmt: skip

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(str(u.pk), u.name) for u in units]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.OMSORG_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(_("The file is larger than %(limit)s."),
                                        params={"limit": filesizeformat(limit)})  # fmt: skip
        return upload


class MeasureForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"))
    result = forms.CharField(
        label=_("Result"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = {measure.status, *Measure.TRANSITIONS.get(measure.status, ())}
        self.fields["status"].choices = [
            (value, label) for value, label in Measure.Status.choices if value in allowed
        ]


class ReportForm(forms.Form):
    """A status and a comment per measure, and the report's comment."""

    comment = forms.CharField(
        label=_("Comment on the month"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, measures: list[Measure], **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = measures
        for measure in measures:
            self.fields[f"status_{measure.pk}"] = forms.ChoiceField(
                label=_("Status"), choices=[("", "—"), *PlanReportLine.Status.choices]
            )
            self.fields[f"note_{measure.pk}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=2000
            )

    def rows(self):
        """(measure, its status field, its comment field) for the template."""
        return [(m, self[f"status_{m.pk}"], self[f"note_{m.pk}"]) for m in self.measures]

    def line_values(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {m.pk: (data[f"status_{m.pk}"], data[f"note_{m.pk}"]) for m in self.measures}
