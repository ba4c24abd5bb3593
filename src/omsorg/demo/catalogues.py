"""The demo's two catalogues: children's respite (Holtålen) and home-based services.

Both YAML files are tied to a municipality, and they name different ones: holtalen.yaml names
Holtålen (5026), hjemmetjenester.yaml names Hustadvika (1579, inferred from seed 002). Both are
loaded as they are, and the demo municipality is the children's-respite one, as the brief
asks. So that its persons can be granted home-based services under their own municipality's
catalogue (letters, appeal bodies, pick lists all follow the catalogue's municipality), the
home-based catalogue is also stored once more as a catalogue of the demo municipality, with the
same services and criteria and the demo municipality's appeal body for appeals to
Statsforvalteren.
"""

from dataclasses import replace

from omsorg.catalogue.models import CatalogueVersion, ServiceType
from omsorg.catalogue.selectors import version_spec
from omsorg.catalogue.services import catalogue_load, catalogue_version_save
from omsorg.catalogue.spec import CatalogueSpec
from omsorg.core.models import Municipality

CHILDREN_CATALOGUE = "holtalen"
HOME_CARE_CATALOGUE = "hjemmetjenester"
STATE_APPEAL_BODY = "Statsforvalteren"


def _adopted(home: CatalogueSpec, children: CatalogueSpec) -> CatalogueSpec:
    """The home-based catalogue as the children's catalogue's municipality's own."""
    body = children.services[0].appeal.body
    services = tuple(
        replace(s, appeal=replace(s.appeal, body=body))
        if s.appeal.body.startswith(STATE_APPEAL_BODY)
        else s
        for s in home.services
    )
    return replace(
        home,
        code=f"{children.code}_{home.code}",
        municipality_name=children.municipality_name,
        municipality_number=children.municipality_number,
        written_language=children.written_language,
        coordinating_unit=children.coordinating_unit,
        version_label=home.version_label,
        services=services,
    )


def catalogues_load() -> tuple[Municipality, list[CatalogueVersion]]:
    """Load both catalogues; return the demo municipality and the versions it decides under."""
    children = catalogue_load(name_or_path=CHILDREN_CATALOGUE)
    home = catalogue_load(name_or_path=HOME_CARE_CATALOGUE)
    municipality = children.catalogue.municipality
    if home.catalogue.municipality_id != municipality.pk:
        home = catalogue_version_save(spec=_adopted(version_spec(home), version_spec(children)))
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
