from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from omsorg.cases.judgement import statement_field
from omsorg.cases.models import Appeal, Application, Assessment, Decision, Review
from omsorg.cases.selectors import TASK_KINDS, WorkScope
from omsorg.catalogue.assess import FACTS
from omsorg.core.forms import DateInput
from omsorg.core.models import Role, Unit, User
from omsorg.core.scope import ScopeUnit
from omsorg.core.scope_text import UNIT_LABELS

YES_NO_UNKNOWN = [("", _("Not known")), ("true", _("Yes")), ("false", _("No"))]


class VersionedForm(forms.Form):
    """Carries the version the user saw, so a concurrent change is refused, not overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ApplicationForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Application.Channel.choices)
    received_on = forms.DateField(label=_("Received on"), widget=DateInput())
    services = forms.MultipleChoiceField(
        label=_("Services applied for"), widget=forms.CheckboxSelectMultiple
    )
    consent_given = forms.BooleanField(
        label=_("Consent given with the application"), required=False
    )
    description = forms.CharField(
        label=_("The applicant's description of the need"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    urgent_days = forms.IntegerField(
        label=_("Urgent: decide within (days)"),
        min_value=1,
        max_value=30,
        required=False,
        help_text=_(
            "For a case that cannot wait, e.g. home nursing after a hospital discharge: it is "
            "decided when ready, not in the monthly meeting, and comes first on the worklist. "
            "Leave empty for the ordinary track."
        ),
    )

    def __init__(self, *args, service_types, carers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if carers is not None:
            self.fields["carer"] = forms.ModelChoiceField(
                label=_("Carer who applies (care allowance only)"),
                queryset=carers,
                required=False,
            )
        self.service_types = {str(s.pk): s for s in service_types}
        self.fields["services"].choices = [
            (k, s.localized_name) for k, s in self.service_types.items()
        ]

    def chosen_services(self):
        return [(self.service_types[k], None) for k in self.cleaned_data["services"]]


def fact_label(key: str) -> str:
    """A fact's label in the page's language; the key itself is never shown."""
    description = FACTS[key].description
    return description.get((get_language() or "nb")[:2]) or description["nb"]


def _fact_field(key: str) -> forms.Field:
    spec, label = FACTS[key], fact_label(key)
    if spec.type == "bool":
        return forms.TypedChoiceField(
            label=label,
            choices=YES_NO_UNKNOWN,
            required=False,
            coerce=lambda v: v == "true",
            empty_value=None,
        )
    if spec.type == "int":
        return forms.IntegerField(label=label, required=False, min_value=0)
    if spec.type == "number":
        return forms.FloatField(label=label, required=False, min_value=0)
    if spec.type == "date":
        return forms.DateField(label=label, required=False, widget=DateInput())
    return forms.CharField(label=label, required=False)


# Facts the register already knows: the form does not ask for them.
REGISTER_FACTS = {"birth_date", "resident"}


class AssessmentForm(VersionedForm):
    performed_on = forms.DateField(label=_("Performed on"), widget=DateInput())
    methods = forms.MultipleChoiceField(
        label=_("How the assessment was done"),
        choices=Assessment.Method.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    # Seed 004 §1.0, §2.1: the least intrusive level first; asked on every assessment.
    lower_step = forms.ChoiceField(
        label=_("Was a lower step on the activity and mastery staircase tried or considered?"),
        choices=Assessment.LowerStep.choices,
        widget=forms.RadioSelect,
    )
    lower_step_note = forms.CharField(
        label=_("Which lower step, and why it is not enough"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, fact_keys=None, **kwargs):
        """`fact_keys`: the facts the applied services' criteria read (catalogue.assess.
        facts_used); without it the form asks for every fact."""
        super().__init__(*args, **kwargs)
        keys = fact_keys if fact_keys is not None else list(FACTS)
        self.fact_keys = [k for k in keys if k in FACTS and k not in REGISTER_FACTS]
        for key in self.fact_keys:
            self.fields[f"fact_{key}"] = _fact_field(key)

    def staircase_fields(self):
        return [self["lower_step"], self["lower_step_note"]]

    def fact_fields(self):
        return [self[f"fact_{key}"] for key in self.fact_keys]

    def facts(self) -> dict:
        facts = {}
        for key in self.fact_keys:
            value = self.cleaned_data.get(f"fact_{key}")
            if value is not None and value != "":
                facts[key] = value.isoformat() if hasattr(value, "isoformat") else value
        return facts


class ScopeFields(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, required=False)
    scope_period = forms.ChoiceField(
        label=_("Per"), choices=[("", "—"), *Decision.ScopePeriod.choices], required=False
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput(), required=False)
    valid_to = forms.DateField(label=_("Valid to"), widget=DateInput(), required=False)
    review_date = forms.DateField(
        label=_("Review date"),
        widget=DateInput(),
        required=False,
        help_text=_("At the latest one year from today."),
    )


class DecisionForm(ScopeFields):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    unit = forms.ModelChoiceField(
        label=_("Providing unit"), queryset=Unit.objects.none(), required=False
    )
    service_form = forms.ChoiceField(label=_("Form of the service"), required=False)
    scope_unit = forms.ChoiceField(label=_("Granted in"), required=False)
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 5}))
    justification = forms.CharField(
        label=_("Justification (discretion)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Required when the outcome differs from the suggestion or the criteria "
            "leave it to discretion."
        ),
    )
    field_order = [
        "outcome",
        "quantity",
        "scope_unit",
        "scope_period",
        "valid_from",
        "valid_to",
        "review_date",
        "service_form",
        "unit",
        "reasons",
        "justification",
    ]

    def __init__(
        self,
        *args,
        municipality_id: int,
        judged=(),
        language: str = "nb",
        carers=None,
        service_forms=(),
        scope_units=(),
        **kwargs,
    ):
        """`service_forms`: (code, name) of the forms the service is given in (seed 004
        §1.1); without any the field is left out. `scope_units`: the units the service may be
        granted in, its own first (respite in nights, days or hours, seed 004 §1.4); the field
        is shown only when there is a choice."""
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.providing_for(municipality_id)
        if carers is not None:  # omsorgsstønad: the carer is the party (seed 004 §1.8)
            self.fields.update(CareAllowanceFields(carers=carers).fields)
        if service_forms:
            self.fields["service_form"].choices = [("", "—"), *service_forms]
        else:
            del self.fields["service_form"]
        if len(scope_units) > 1:
            self.fields["scope_unit"].choices = [
                (u, UNIT_LABELS[ScopeUnit(u)]) for u in scope_units
            ]
            self.fields["scope_unit"].initial = scope_units[0]
        else:
            del self.fields["scope_unit"]
        # One statement of facts per criterion met by judgement (fvl § 25; cases/judgement.py).
        for criterion in judged:
            self.fields[statement_field(criterion.code)] = forms.CharField(
                label=_("Facts behind «%(criterion)s»") % {"criterion": criterion.label(language)},
                help_text=_(
                    "The criterion is met by your judgement: state the facts it rests on, "
                    "in the letter's language. They are printed under the criterion."
                ),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def clean(self):
        """A grant of a service with forms names its form (seed 004 §1.1)."""
        data = super().clean()
        granted = data.get("outcome") and data.get("outcome") != Decision.Outcome.REFUSED
        if "service_form" in self.fields and granted and not data.get("service_form"):
            self.add_error("service_form", _("Choose the form the service is given in."))
        return data

    def fact_statements(self) -> dict[str, str]:
        prefix = statement_field("")
        return {
            name[len(prefix) :]: value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix) and value
        }


LEVELS = [("none", _("None")), ("some", _("Some")), ("heavy", _("Heavy"))]


class CareAllowanceFields(forms.Form):
    """Omsorgsstønad: who gives the care, and the facts the amount is calculated from."""

    def __init__(self, *args, carers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carer"] = forms.ModelChoiceField(
            label=_("Carer (the party, receives the letter)"), queryset=carers
        )
        self.fields["care_hours_per_month"] = forms.DecimalField(
            label=_("Hours of care per month"),
            min_value=0,
            max_digits=6,
            decimal_places=1,
            help_text=_("Care work the municipality would otherwise do, before any deduction."),
        )
        for name, label in (
            ("strain", _("Physical or mental strain")),
            ("night_work", _("Night work or broken sleep")),
            ("isolation", _("Social isolation and lack of leisure")),
        ):
            self.fields[name] = forms.ChoiceField(label=label, choices=LEVELS)
        self.fields["assistance_allowance_per_month"] = forms.DecimalField(
            label=_("Granted assistance allowance (hjelpestønad), NOK per month"),
            min_value=0,
            max_digits=8,
            decimal_places=2,
            required=False,
            initial=0,
        )


class NotifyForm(VersionedForm):
    notified_on = forms.DateField(
        label=_("The letter reached the applicant on"), widget=DateInput()
    )


class PreliminaryReplyForm(forms.Form):
    expected_by = forms.DateField(label=_("Decision expected by"), widget=DateInput())
    reason = forms.CharField(
        label=_("Why the case takes time"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealForm(forms.Form):
    received_on = forms.DateField(label=_("Appeal received on"), widget=DateInput())
    grounds = forms.CharField(
        label=_("The appellant's grounds"), widget=forms.Textarea(attrs={"rows": 4})
    )
    late_reason = forms.CharField(
        label=_("If late: why it is still taken up (fvl §31)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AppealForwardForm(forms.Form):
    reassessment = forms.CharField(
        label=_("The coordinating unit's reassessment"), widget=forms.Textarea(attrs={"rows": 4})
    )
    forwarded_on = forms.DateField(label=_("Forwarded on"), widget=DateInput())


class AppealOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("The county governor's outcome"), choices=Appeal.Outcome.choices
    )
    outcome_on = forms.DateField(label=_("Outcome received on"), widget=DateInput())


class ReviewForm(ScopeFields):
    performed_on = forms.DateField(label=_("Performed on"), widget=DateInput())
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Review.Outcome.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label=_("What the review found"), widget=forms.Textarea(attrs={"rows": 4})
    )
    next_review_date = forms.DateField(
        label=_("Next review date"), widget=DateInput(), required=False
    )
    reasons = forms.CharField(
        label=_("Reasons for the new decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = [
        "performed_on",
        "outcome",
        "notes",
        "next_review_date",
        "quantity",
        "scope_period",
        "valid_from",
        "valid_to",
        "review_date",
        "reasons",
    ]


class WorklistFilterForm(forms.Form):
    """The worklist's filters, read from the query string (GET: a filter changes nothing)."""

    scope = forms.ChoiceField(
        label=_("Cases"),
        required=False,
        choices=[
            (WorkScope.ALL, _("All cases")),
            (WorkScope.MINE, _("Assigned to me")),
            (WorkScope.UNIT, _("My unit and unassigned")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Kind of task"),
        required=False,
        choices=[("", _("All kinds")), *TASK_KINDS.items()],
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {"scope": WorkScope.ALL, "kind": ""}
        return {
            "scope": self.cleaned_data["scope"] or WorkScope.ALL,
            "kind": self.cleaned_data["kind"],
        }


class JournalNoteForm(forms.Form):
    text = forms.CharField(
        label=_("New note in the case journal"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dated today and signed with your name."),
    )


class AssignForm(VersionedForm):
    caseworker = forms.ModelChoiceField(label=_("Caseworker"), queryset=User.objects.none())

    def __init__(self, *args, municipality_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = User.objects.filter(
            municipality_id=municipality_id, role=Role.CASEWORKER, is_active=True
        ).order_by("first_name", "last_name")
        self.fields["caseworker"].label_from_instance = lambda user: user.display_name
