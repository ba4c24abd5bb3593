"""Writes to the catalogue: loading a YAML catalogue, revising a service type.

Either way a changed catalogue becomes a new immutable version; decisions keep pointing at the
service-type rows of the version they were made under.
"""

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from omsorg.catalogue.models import Catalogue, CatalogueVersion, ServiceType
from omsorg.catalogue.spec import (
    CatalogueError,
    CatalogueSpec,
    ServiceTypeSpec,
    catalogue_to_dict,
    load_catalogue,
    parse_catalogue,
)
from omsorg.core.errors import InvalidInput, PermissionDenied
from omsorg.core.events import event_record
from omsorg.core.models import Municipality, Role, User


def _checksum(snapshot: dict) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _service_type_row(version: CatalogueVersion, service: ServiceTypeSpec) -> ServiceType:
    return ServiceType(
        version=version,
        code=service.code,
        name_nb=service.names["nb"],
        name_nn=service.names.get("nn", service.names["nb"]),
        name_en=service.names.get("en", service.names["nb"]),
        staircase_level=service.staircase_level,
        scope_unit=service.scope_unit,
        scope_period=service.scope_period or "",
        max_quantity=service.max_quantity,
        appeal_weeks=service.appeal.period_weeks,
        health_care=service.health_care,
        legal_basis="; ".join(ref.cite("nb") for ref in service.legal_basis),
    )


def _municipality_for(spec: CatalogueSpec) -> Municipality:
    municipality, _created = Municipality.objects.get_or_create(
        number=spec.municipality_number,
        defaults={
            "name": spec.municipality_name,
            "written_language": spec.written_language,
            "coordinating_unit": spec.coordinating_unit,
        },
    )
    return municipality


def _check_each_service_once(catalogue: Catalogue, spec: CatalogueSpec) -> None:
    """A service exists once in a municipality (issue 7 point 1.5): two catalogues offering the
    same service would let one bypass the other's guideline (support contact with and without
    its 10-hour level). The same code is the same service."""
    others = CatalogueVersion.objects.filter(
        catalogue__municipality_id=catalogue.municipality_id
    ).exclude(catalogue=catalogue)
    newest: dict[int, CatalogueVersion] = {}
    for version in others.select_related("catalogue").order_by("catalogue_id", "number"):
        newest[version.catalogue_id] = version
    codes = {s.code for s in spec.services}
    for version in newest.values():
        clash = sorted(codes & set(version.service_types.values_list("code", flat=True)))
        if clash:
            raise InvalidInput(
                _(
                    "The service %(code)s is already in the municipality's catalogue "
                    "%(catalogue)s: a service exists once. Leave it out of one of them."
                ),
                field="catalogue",
                code=clash[0],
                catalogue=version.catalogue.code,
            )


@transaction.atomic
def catalogue_version_save(*, spec: CatalogueSpec, actor: User | None = None) -> CatalogueVersion:
    """Store `spec` as the catalogue's newest version, unless it equals the newest already."""
    snapshot = catalogue_to_dict(spec)
    checksum = _checksum(snapshot)
    catalogue, _created = Catalogue.objects.get_or_create(
        code=spec.code, defaults={"municipality": _municipality_for(spec)}
    )
    _check_each_service_once(catalogue, spec)
    latest = catalogue.versions.select_for_update().order_by("-number").first()
    if latest is not None and latest.checksum == checksum:
        return latest
    version = CatalogueVersion.objects.create(
        catalogue=catalogue,
        number=(latest.number + 1) if latest else 1,
        label=spec.version_label,
        valid_from=spec.valid_from,
        snapshot=snapshot,
        checksum=checksum,
        created_by=actor,
    )
    ServiceType.objects.bulk_create(_service_type_row(version, s) for s in spec.services)
    event_record(actor=actor, kind="catalogue_version_created", subject=version)
    return version


def catalogue_adopt(
    *,
    spec: CatalogueSpec,
    municipality: Municipality,
    without: tuple[str, ...] = (),
    actor: User | None = None,
) -> CatalogueVersion:
    """A municipality chooses another municipality's catalogue as its own, leaving out the
    services it already offers under its own guidelines (`without`), so each service exists
    once. The copy is a catalogue of its own (code `<municipality's>_<spec's>`), in the
    municipality's language, with its coordinating unit; appeals to Statsforvalteren keep the
    body of the adopting municipality's other catalogues when it has any."""
    unknown = sorted(set(without) - {s.code for s in spec.services})
    if unknown:
        raise InvalidInput(
            _("The catalogue has no service %(code)s."), field="without", code=unknown[0]
        )
    services = tuple(s for s in spec.services if s.code not in without)
    own = (
        CatalogueVersion.objects.filter(catalogue__municipality=municipality)
        .exclude(catalogue__code__endswith=f"_{spec.code}")  # an earlier adoption of this one
        .select_related("catalogue")
        .first()
    )
    body = version_spec_body(own) if own else None
    if body:
        services = tuple(_with_appeal_body(s, body) for s in services)
    own_code = own.catalogue.code if own else municipality.number
    adopted = replace(
        spec,
        code=f"{own_code}_{spec.code}",
        municipality_name=municipality.name,
        municipality_number=municipality.number,
        written_language=municipality.written_language,
        coordinating_unit=municipality.coordinating_unit or spec.coordinating_unit,
        version_label=spec.version_label,  # the guideline's own title, as letters cite it
        services=services,
    )
    return catalogue_version_save(spec=adopted, actor=actor)


STATE_APPEAL_BODY = "Statsforvalteren"


def version_spec_body(version: CatalogueVersion) -> str | None:
    """The Statsforvalteren a municipality's own catalogue names as its appeal body."""
    for service in version.snapshot.get("services", []):
        body = service.get("appeal", {}).get("body", "")
        if body.startswith(STATE_APPEAL_BODY):
            return body
    return None


def _with_appeal_body(service: ServiceTypeSpec, body: str) -> ServiceTypeSpec:
    if not service.appeal.body.startswith(STATE_APPEAL_BODY):
        return service  # e.g. the municipality's own appeals board for services beyond the law
    return replace(service, appeal=replace(service.appeal, body=body))


def catalogue_load(*, name_or_path: str | Path, actor: User | None = None) -> CatalogueVersion:
    """Load catalogues/<name>.yaml (or a path) and store it as a version if it changed."""
    try:
        spec = load_catalogue(name_or_path, settings.OMSORG_CATALOGUE_DIR)
    except CatalogueError as error:
        raise InvalidInput(
            _("The catalogue is not valid: %(reason)s"), field="catalogue", reason=str(error)
        ) from error
    return catalogue_version_save(spec=spec, actor=actor)


@transaction.atomic
def service_type_revise(
    *, actor: User, service_type: ServiceType, changes: dict
) -> CatalogueVersion:
    """Change one service type's data (as edited in the admin) and save a new version.

    The change is applied to the version's snapshot and parsed again, so an admin edit is
    validated by the same rules as a YAML file.
    """
    if actor.role != Role.ADMINISTRATOR and not actor.is_superuser:
        raise PermissionDenied()
    snapshot = json.loads(json.dumps(service_type.version.snapshot))
    for service in snapshot["services"]:
        if service["code"] == service_type.code:
            service.update(changes)
    try:
        spec = parse_catalogue(snapshot)
    except CatalogueError as error:
        raise InvalidInput(
            _("The catalogue is not valid: %(reason)s"), field="catalogue", reason=str(error)
        ) from error
    return catalogue_version_save(spec=spec, actor=actor)
