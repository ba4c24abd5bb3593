"""API shapes of the service catalogue: service types with their criteria as data."""

from typing import Any

from ninja import Schema

from omsorg.catalogue.models import ServiceType
from omsorg.catalogue.selectors import service_type_spec


class CriterionOut(Schema):
    code: str
    kind: str
    params: dict[str, Any]
    legal_basis: list[str]
    text: dict[str, str]
    source: str | None


class ServiceTypeOut(Schema):
    id: int
    code: str
    name_nb: str
    name_nn: str
    name_en: str
    staircase_level: int
    scope_unit: str
    scope_period: str
    max_quantity: int | None
    appeal_weeks: int
    health_care: bool
    legal_basis: str
    description: dict[str, str]
    criteria: list[CriterionOut]

    # The criteria live in the version's parsed catalogue, not in columns.
    @staticmethod
    def resolve_description(service_type: ServiceType) -> dict[str, str]:
        return dict(service_type_spec(service_type).description)

    @staticmethod
    def resolve_criteria(service_type: ServiceType) -> list[dict[str, Any]]:
        return [
            {
                "code": criterion.code,
                "kind": criterion.kind,
                "params": dict(criterion.params),
                "legal_basis": [ref.cite("nb") for ref in criterion.legal_basis],
                "text": dict(criterion.text),
                "source": criterion.source,
            }
            for criterion in service_type_spec(service_type).criteria
        ]
