"""Status life cycles as data: a model's TRANSITIONS table decides every move."""

from django.db import models

from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidTransition
from omsorg.core.events import event_record, snapshot


def set_status(
    instance: models.Model,
    new_status: str,
    *,
    actor,
    person=None,
    extra_fields=(),
    expected_version: int | None = None,
) -> None:
    """Move `instance` to `new_status` if its table allows it; record the change.

    `expected_version` is the version the user saw; without it, the version just loaded.
    """
    allowed = type(instance).TRANSITIONS.get(instance.status, set())
    if new_status not in allowed:
        raise InvalidTransition(field="status")
    before = snapshot(instance)
    instance.status = new_status
    save_versioned(
        instance,
        expected_version=instance.version if expected_version is None else expected_version,
        actor=actor,
        fields=["status", *extra_fields],
    )
    label = type(instance)._meta.model_name
    event_record(
        actor=actor, kind=f"{label}_{new_status}", subject=instance, person=person, before=before
    )
