"""The upload form of the import page: parse input, nothing more (the checks are the import's)."""

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
