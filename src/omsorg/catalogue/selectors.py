"""Reads of the catalogue. A version's rules come back as the pure spec objects."""

from functools import lru_cache

from django.db.models import QuerySet

from omsorg.catalogue.models import CatalogueVersion, ServiceType
from omsorg.catalogue.spec import CatalogueSpec, ServiceTypeSpec, parse_catalogue


def current_version(municipality_id: int, code: str | None = None) -> CatalogueVersion | None:
    versions = CatalogueVersion.objects.filter(catalogue__municipality_id=municipality_id)
    if code:
        versions = versions.filter(catalogue__code=code)
    return versions.select_related("catalogue").order_by("-created_at", "-number").first()


def current_service_types(municipality_id: int) -> QuerySet[ServiceType]:
    """Service types of each of the municipality's catalogues' newest version."""
    newest = {}
    for version in CatalogueVersion.objects.filter(
        catalogue__municipality_id=municipality_id
    ).order_by("catalogue_id", "number"):
        newest[version.catalogue_id] = version.pk
    return ServiceType.objects.filter(version_id__in=newest.values()).order_by(
        "staircase_level", "name_nb"
    )


@lru_cache(maxsize=64)
def _spec_of_version(version_id: int, checksum: str) -> CatalogueSpec:
    # Keyed by checksum too: a version never changes, so the parse is safe to keep.
    return parse_catalogue(CatalogueVersion.objects.get(pk=version_id).snapshot)


def version_spec(version: CatalogueVersion) -> CatalogueSpec:
    return _spec_of_version(version.pk, version.checksum)


def service_type_spec(service_type: ServiceType) -> ServiceTypeSpec:
    """The rules a service type was defined with in its own version."""
    return version_spec(service_type.version).service(service_type.code)


def monthly_meeting_service_types() -> tuple[int, ...]:
    """The ids of the service types whose rules put them to the monthly meeting, by
    service_type_spec's rule. Read as plain values: building a service type and its version
    for each of them cost the worklist more than the rule itself (issue 8 §5)."""
    rows = ServiceType.objects.values_list("pk", "code", "version_id", "version__checksum")
    return tuple(
        pk
        for pk, code, version_id, checksum in rows
        if _spec_of_version(version_id, checksum).service(code).monthly_meeting
    )
