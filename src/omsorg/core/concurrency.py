"""Optimistic concurrency: an update names the version it was based on, or it is refused."""

from django.db import models

from omsorg.core.clock import now
from omsorg.core.errors import StaleVersion


def save_versioned(instance: models.Model, *, expected_version: int, actor, fields: list[str]):
    """Write `fields` only if the row still has `expected_version`; bump the version.

    A conditional UPDATE rather than select-then-save, so two concurrent editors cannot both
    pass the check: the database decides who was first.
    """
    values = {name: getattr(instance, name) for name in fields}
    updated = (
        type(instance)
        .objects.filter(pk=instance.pk, version=expected_version)
        .update(version=models.F("version") + 1, updated_by=actor, updated_at=now(), **values)
    )
    if updated != 1:
        raise StaleVersion()
    instance.version = expected_version + 1
    instance.updated_by = actor
