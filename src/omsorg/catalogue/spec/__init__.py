"""A municipality's service catalogue as plain data: parsed and validated from YAML.

The catalogue says which services exist, their legal basis (dated, since paragraph numbers
change), their appeal rules and their criteria (a kind written once in
omsorg.catalogue.criteria plus parameters). The Django app stores versions of these objects
through catalogue_to_dict(); nothing in this package imports Django.
"""

from omsorg.catalogue.spec.dump import catalogue_to_dict, reference_to_dict, service_to_dict
from omsorg.catalogue.spec.legal import LAWS, AppealRules, LegalReference, cite_in_force
from omsorg.catalogue.spec.model import (
    SCOPE_PERIODS,
    SCOPE_UNITS,
    CatalogueError,
    CatalogueNotFound,
    CatalogueSpec,
    ConditionSpec,
    CriterionSpec,
    FormSpec,
    ServiceTypeSpec,
)
from omsorg.catalogue.spec.parse import (
    CATALOGUE_DIR,
    load_catalogue,
    parse_catalogue,
    parse_reference,
)

__all__ = [
    "CATALOGUE_DIR",
    "LAWS",
    "SCOPE_PERIODS",
    "SCOPE_UNITS",
    "AppealRules",
    "CatalogueError",
    "CatalogueNotFound",
    "CatalogueSpec",
    "ConditionSpec",
    "CriterionSpec",
    "FormSpec",
    "LegalReference",
    "ServiceTypeSpec",
    "catalogue_to_dict",
    "cite_in_force",
    "load_catalogue",
    "parse_catalogue",
    "parse_reference",
    "reference_to_dict",
    "service_to_dict",
]
