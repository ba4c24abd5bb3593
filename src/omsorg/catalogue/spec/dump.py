"""A catalogue back to plain JSON-able data, to snapshot a version in the database."""

from __future__ import annotations

from datetime import date
from typing import Any

from omsorg.catalogue.spec.legal import LegalReference
from omsorg.catalogue.spec.model import (
    CatalogueSpec,
    ConditionSpec,
    CriterionSpec,
    ServiceTypeSpec,
)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def reference_to_dict(ref: LegalReference) -> dict[str, Any]:
    data = {"law": ref.law, "section": ref.section}
    optional = {
        "paragraph": ref.paragraph,
        "item": ref.item,
        "letter": ref.letter,
        "valid_from": _iso(ref.valid_from),
        "valid_to": _iso(ref.valid_to),
        "note": ref.note,
    }
    data.update({key: value for key, value in optional.items() if value is not None})
    return data


def _criterion_to_dict(crit: CriterionSpec) -> dict[str, Any]:
    data = {
        "code": crit.code,
        "kind": crit.kind,
        "params": dict(crit.params),
        "legal_basis": [reference_to_dict(ref) for ref in crit.legal_basis],
        "text": dict(crit.text),
    }
    if crit.source is not None:
        data["source"] = crit.source
    if crit.duty:
        data["duty"] = True
    return data


def _condition_to_dict(condition: ConditionSpec) -> dict[str, Any]:
    data = {"code": condition.code, "text": dict(condition.text)}
    if condition.source is not None:
        data["source"] = condition.source
    return data


def service_to_dict(service: ServiceTypeSpec) -> dict[str, Any]:
    data = {
        "code": service.code,
        "names": dict(service.names),
        "description": dict(service.description),
        "staircase_level": service.staircase_level,
        "scope_unit": service.scope_unit,
        "scope_period": service.scope_period,
        "max_quantity": service.max_quantity,
        "legal_basis": [reference_to_dict(ref) for ref in service.legal_basis],
        "appeal": {
            "period_weeks": service.appeal.period_weeks,
            "legal_basis": reference_to_dict(service.appeal.legal_basis),
            "body": service.appeal.body,
        },
        "criteria": [_criterion_to_dict(crit) for crit in service.criteria],
        "user_payment": service.user_payment,
        "health_care": service.health_care,
        "review_months": service.review_months,
        "deciding_office": service.deciding_office,
        "monthly_meeting": service.monthly_meeting,
        "party": service.party,
        "conditions": [_condition_to_dict(c) for c in service.conditions],
        "forms": [{"code": f.code, "names": dict(f.names)} for f in service.forms],
    }
    if service.other_scope_units:  # only when given: older snapshots stay byte for byte
        data["other_scope_units"] = list(service.other_scope_units)
    return data


def catalogue_to_dict(spec: CatalogueSpec) -> dict[str, Any]:
    """JSON-able form that parse_catalogue() reads back to an equal spec."""
    return {
        "code": spec.code,
        "municipality_name": spec.municipality_name,
        "municipality_number": spec.municipality_number,
        "written_language": spec.written_language,
        "coordinating_unit": spec.coordinating_unit,
        "version_label": spec.version_label,
        "valid_from": spec.valid_from.isoformat(),
        "services": [service_to_dict(service) for service in spec.services],
    }
