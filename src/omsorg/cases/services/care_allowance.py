"""Omsorgsstønad (care allowance, seed 004 §1.8) in the decision: the carer as the party, the
amount from the pure calculation (omsorg.cases.care_allowance) and the rate in force.

The person the decision is about (`person`) is the one cared for, the subject; the carer, one
of that person's relatives, applies, is the party and receives the letter.
"""

import dataclasses
import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.cases import care_allowance as calc
from omsorg.cases.models import CareAllowanceRate, Decision
from omsorg.cases.selectors import other_allowance_hours, rate_in_force
from omsorg.catalogue.selectors import service_type_spec
from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.events import event_record
from omsorg.core.models import Municipality, Role, User
from omsorg.people.models import Person, Relative

CARER = "carer"


@dataclasses.dataclass(frozen=True)
class CareInput:
    """What the caseworker found in the assessment (seed 004 §1.8's "momenter")."""

    care_hours_per_month: Decimal
    strain: str  # care_allowance.Level: none / some / heavy
    night_work: str
    isolation: str
    assistance_allowance_per_month: Decimal = Decimal(0)  # granted hjelpestønad, NOK

    def to_dict(self) -> dict:
        return {k: str(v) for k, v in dataclasses.asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict) -> "CareInput":
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in fields})


def carer_is_party(service_type) -> bool:
    return service_type_spec(service_type).party == CARER


def check_carer(person: Person, carer: Relative | None) -> None:
    if carer is not None and carer.person_id != person.pk:
        raise InvalidInput(
            _("The carer must be a relative of the person cared for."), field="carer"
        )


def _carer(person, data, application, replaces) -> Relative:
    carer = data.carer or getattr(application, "carer", None) or getattr(replaces, "carer", None)
    if carer is None:
        raise InvalidInput(
            _("Care allowance is granted to the carer: choose who gives the care."), field="carer"
        )
    check_carer(person, carer)
    return carer


def _care_input(data, replaces: Decision | None) -> CareInput:
    """The facts given now, else those of the decision replaced (a review, an appeal)."""
    if data.care is not None:
        return data.care
    if replaces is not None and replaces.allowance.get("facts"):
        return CareInput.from_dict(replaces.allowance["facts"])
    raise InvalidInput(
        _("Care allowance needs the hours of care per month and the strain to calculate it."),
        field="care_hours_per_month",
    )


def _facts(care: CareInput, person: Person, on: datetime.date, carer: Relative) -> calc.CareFacts:
    try:
        return calc.CareFacts(
            care_hours_per_month=Decimal(care.care_hours_per_month),
            strain=calc.Level(care.strain),
            night_work=calc.Level(care.night_work),
            isolation=calc.Level(care.isolation),
            subject_age=_age(person.birth_date, on),
            assistance_allowance_per_month=Decimal(care.assistance_allowance_per_month),
            other_allowance_hours=other_allowance_hours(person=person, on=on, carer=carer),
        )
    except (ValueError, InvalidOperation) as error:
        raise InvalidInput(_("The care allowance facts are not valid."), field="care") from error


def _age(birth: datetime.date, on: datetime.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _calculate(care: CareInput, person, on: datetime.date, carer) -> calc.Calculation:
    row = rate_in_force(municipality_id=person.municipality_id, on=on)
    if row is None:
        raise InvalidInput(
            _("The municipality has no care allowance rate in force on %(date)s."),
            field="valid_from",
            date=on.isoformat(),
        )
    rate = calc.Rate(row.valid_from, row.hourly_rate, row.full_time_hours_per_month)
    try:
        return calc.calculate(_facts(care, person, on, carer), rate)
    except calc.CareAllowanceError as error:
        raise InvalidInput(
            _("The care allowance facts are not valid: %(reason)s"),
            field=error.field,
            reason=error.message,
        ) from error


def _recorded(care: CareInput, result: calc.Calculation) -> dict:
    steps = {k: str(v) for k, v in dataclasses.asdict(result).items()}
    return {"facts": care.to_dict(), "steps": steps}


def allowance_terms(*, person, data, application, replaces, on: datetime.date):
    """For a carer's service: (the decision's party and amount fields, the input with the
    calculated hours as its quantity). For every other service: ({}, the input)."""
    if not carer_is_party(data.service_type):
        return {}, data
    carer = _carer(person, data, application, replaces)
    if data.outcome == Decision.Outcome.REFUSED:
        return {"carer": carer}, data
    care = _care_input(data, replaces)
    result = _calculate(care, person, data.valid_from or on, carer)
    if result.hours == 0:
        raise InvalidInput(
            _("The calculation gives no care allowance (0 hours): refuse, or check the facts."),
            field="care_hours_per_month",
        )
    fields = {
        "carer": carer,
        "allowance": _recorded(care, result),
        "monthly_amount": result.monthly_amount,
    }
    return fields, dataclasses.replace(data, quantity=result.hours)


def check_application_carer(person: Person, services, carer: Relative | None) -> None:
    """At registration: a carer given must be the person's relative (the party may also be
    chosen later, when the decision is made)."""
    check_carer(person, carer)
    if carer is not None and not any(carer_is_party(service) for service, _q in services):
        raise InvalidInput(_("A carer applies only for care allowance."), field="carer")


@transaction.atomic
def care_allowance_rate_set(
    *,
    actor: User,
    municipality: Municipality,
    valid_from: datetime.date,
    hourly_rate: Decimal,
    full_time_hours_per_month: Decimal = calc.FULL_TIME_HOURS_PER_MONTH,
) -> CareAllowanceRate:
    """The municipality's hourly rate from a date; a new year's rate is a new row."""
    if actor.role != Role.ADMINISTRATOR and not actor.is_superuser:
        raise PermissionDenied()
    if actor.municipality_id not in (None, municipality.pk) and not actor.is_superuser:
        raise PermissionDenied()
    if Decimal(hourly_rate) <= 0:
        raise InvalidInput(_("The hourly rate must be above zero."), field="hourly_rate")
    if CareAllowanceRate.objects.filter(municipality=municipality, valid_from=valid_from).exists():
        raise InvalidInput(_("A rate from this date exists already."), field="valid_from")
    rate = CareAllowanceRate.objects.create(
        municipality=municipality,
        valid_from=valid_from,
        hourly_rate=hourly_rate,
        full_time_hours_per_month=full_time_hours_per_month,
    )
    event_record(actor=actor, kind="care_allowance_rate_set", subject=rate)
    return rate
