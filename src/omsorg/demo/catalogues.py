"""The demo's catalogues: children's respite (Holtålen, seed 004) and home-based services.

holtalen.yaml names Holtålen (5026), hjemmetjenester.yaml names Hustadvika (1579, inferred from
seed 002); both are loaded as they are, and the demo municipality is the children's-respite one.
So that its persons can be granted home-based services under their own municipality's
catalogue, Holtålen chooses the home-based catalogue as its own (catalogue_adopt) without the
services its own guideline already covers: a service exists once in a municipality (issue 7
point 1.5). Support contact is therefore Holtålen's, with the guideline's 10-hour level, and not
a second time without it.
"""

from omsorg.catalogue.models import CatalogueVersion, ServiceType
from omsorg.catalogue.selectors import version_spec
from omsorg.catalogue.services import catalogue_adopt, catalogue_load
from omsorg.core.models import Municipality

CHILDREN_CATALOGUE = "holtalen"
HOME_CARE_CATALOGUE = "hjemmetjenester"
# Seed 004 §1.1 is Holtålen's own guideline for support contact.
COVERED_BY_OWN_GUIDELINE = ("support_contact",)


def catalogues_load() -> tuple[Municipality, list[CatalogueVersion]]:
    """Load both catalogues; return the demo municipality and the versions it decides under."""
    children = catalogue_load(name_or_path=CHILDREN_CATALOGUE)
    home = catalogue_load(name_or_path=HOME_CARE_CATALOGUE)
    municipality = children.catalogue.municipality
    if home.catalogue.municipality_id != municipality.pk:
        home = catalogue_adopt(
            spec=version_spec(home),
            municipality=municipality,
            without=COVERED_BY_OWN_GUIDELINE,
        )
    return municipality, [children, home]


def service_types_of(versions: list[CatalogueVersion]) -> dict[str, ServiceType]:
    """Service types by code; the two catalogues must not share a code."""
    by_code: dict[str, ServiceType] = {}
    for version in versions:
        for service_type in version.service_types.order_by("code"):
            if service_type.code in by_code:
                raise ValueError(f"service code {service_type.code!r} is in two catalogues")
            by_code[service_type.code] = service_type
    return by_code


def catalogue_versions() -> list[CatalogueVersion]:
    """The demo municipality's catalogue versions as loaded (children's, then home-based)."""
    codes = (CHILDREN_CATALOGUE, f"{CHILDREN_CATALOGUE}_{HOME_CARE_CATALOGUE}")
    newest = [
        CatalogueVersion.objects.filter(catalogue__code=code).order_by("-number").first()
        for code in codes
    ]
    return [version for version in newest if version is not None]
