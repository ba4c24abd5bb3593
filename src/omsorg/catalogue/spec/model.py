"""The catalogue's frozen dataclasses: criteria, service types, the catalogue itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from omsorg.catalogue.spec.legal import AppealRules, LegalReference
from omsorg.core.scope import NO_SCOPE, ScopePeriod, ScopeUnit

SCOPE_UNITS = (*(unit.value for unit in ScopeUnit), NO_SCOPE)
SCOPE_PERIODS = tuple(period.value for period in ScopePeriod)
WRITTEN_LANGUAGES = ("nb", "nn")
# Which of the municipality's allocation offices decides a service: the coordinating unit for
# children and young people (seed 004 §2) or the allocation office for adults (seed 001 §2).
# The office itself (name, address) is the municipality's unit setup (core.Unit.decides_for).
DECIDING_OFFICES = ("children", "adults")
# Who is the party to the case: the person who needs the service, or (care allowance, seed 004
# §1.8) the carer who gives the care and receives the allowance.
PARTIES = ("person", "carer")
MAX_REVIEW_MONTHS = 12  # seed 004 §2: every decision is evaluated within one year


class CatalogueError(ValueError):
    """The catalogue is not valid (or not found); `field_path` names the field at fault."""

    def __init__(self, field_path: str, message: str) -> None:
        super().__init__(f"{field_path}: {message}" if field_path else message)
        self.field_path = field_path
        self.message = message


class CatalogueNotFound(CatalogueError):
    """No catalogue file by that name or path."""


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    kind: str
    params: Mapping[str, Any]
    legal_basis: tuple[LegalReference, ...]
    text: Mapping[str, str]
    source: str | None = None  # where the rule comes from, e.g. "seed 004 §1.1"
    # A duty of the applicant ("Tjenestemottakers ansvar", e.g. apply 2 months ahead), not a
    # criterion of the right: not fulfilling it gives discretion, never a refusal.
    duty: bool = False


@dataclass(frozen=True)
class FormSpec:
    """A form the service can be given in, recorded on the grant (seed 004 §1.1: individual
    support contact, an activity group, or with a volunteer organisation)."""

    code: str
    names: Mapping[str, str]


@dataclass(frozen=True)
class ConditionSpec:
    """A condition attached to a grant (vilkår), e.g. the cooperation contract made when the
    service starts (seed 004 §1.5): stated in the letter and followed up as a task, never a
    reason to refuse."""

    code: str
    text: Mapping[str, str]
    source: str | None = None


@dataclass(frozen=True)
class ServiceTypeSpec:
    code: str
    names: Mapping[str, str]
    description: Mapping[str, str]
    staircase_level: int
    scope_unit: str
    scope_period: str | None
    max_quantity: int | None
    legal_basis: tuple[LegalReference, ...]
    appeal: AppealRules
    criteria: tuple[CriterionSpec, ...]
    user_payment: bool
    health_care: bool
    review_months: int
    deciding_office: str | None = None  # None: the municipality's coordinating unit decides
    monthly_meeting: bool = False  # seed 004 §2: decided in the office's monthly meeting
    party: str = "person"
    conditions: tuple[ConditionSpec, ...] = ()
    forms: tuple[FormSpec, ...] = ()
    # Units a decision may give the scope in instead of scope_unit (seed 004 §1.4: respite in
    # the home "på timebasis" as well as by the night); the guideline's level is in scope_unit.
    other_scope_units: tuple[str, ...] = ()

    @property
    def scope_units(self) -> tuple[str, ...]:
        """Every unit a decision may grant this service in, scope_unit first."""
        return (self.scope_unit, *self.other_scope_units)


@dataclass(frozen=True)
class CatalogueSpec:
    code: str
    municipality_name: str
    municipality_number: str
    written_language: str
    coordinating_unit: str
    version_label: str
    valid_from: date
    services: tuple[ServiceTypeSpec, ...] = field(default_factory=tuple)

    def service(self, code: str) -> ServiceTypeSpec:
        for service in self.services:
            if service.code == code:
                return service
        known = ", ".join(s.code for s in self.services)
        raise CatalogueError("services", f"unknown service {code!r}; known: {known}")
