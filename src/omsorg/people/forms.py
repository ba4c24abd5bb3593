from django import forms
from django.utils.translation import gettext_lazy as _

from omsorg.core.forms import DateInput
from omsorg.core.models import Unit
from omsorg.people.models import Consent, Relative


class PersonForm(forms.Form):
    identity_number = forms.CharField(
        label=_("National identity number or D number"),
        max_length=13,
        help_text=_("11 digits. Only synthetic test numbers are accepted in the demo."),
    )
    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    street_address = forms.CharField(label=_("Address"), max_length=200, required=False)
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\d{4}$",
        required=False,
        error_messages={"invalid": _("A postal code has four digits.")},
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    unit = forms.ModelChoiceField(
        label=_("Unit or zone"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args, municipality_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(municipality_id=municipality_id)


class RelativeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    relation = forms.ChoiceField(label=_("Relation"), choices=Relative.Relation.choices)
    is_guardian = forms.BooleanField(label=_("Guardian (acts for the person)"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    street_address = forms.CharField(
        label=_("Address"),
        max_length=200,
        required=False,
        help_text=_("Leave empty if the same as the person's."),
    )
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^\d{4}$",
        required=False,
        error_messages={"invalid": _("A postal code has four digits.")},
    )
    city = forms.CharField(label=_("City"), max_length=100, required=False)


class ConsentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Consent to"), choices=Consent.Kind.choices)
    given_on = forms.DateField(label=_("Given on"), widget=DateInput())
    given_by = forms.ModelChoiceField(
        label=_("Given by"),
        queryset=Relative.objects.none(),
        required=False,
        empty_label=_("The person themselves"),
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_by"].queryset = person.relatives.all()
