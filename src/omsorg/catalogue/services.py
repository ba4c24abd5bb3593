"""Writes to the catalogue: loading a YAML catalogue, revising a service type.

Either way a changed catalogue becomes a new immutable version; decisions keep pointing at the
service-type rows of the version they were made under.
"""

import hashlib
import json
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


@transaction.atomic
def catalogue_version_save(*, spec: CatalogueSpec, actor: User | None = None) -> CatalogueVersion:
    """Store `spec` as the catalogue's newest version, unless it equals the newest already."""
    snapshot = catalogue_to_dict(spec)
    checksum = _checksum(snapshot)
    catalogue, _created = Catalogue.objects.get_or_create(
        code=spec.code, defaults={"municipality": _municipality_for(spec)}
    )
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
