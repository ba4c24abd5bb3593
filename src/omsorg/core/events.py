"""Case events: every service function records what it did (audit by construction)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.forms.models import model_to_dict

from omsorg.core.models import CaseEvent

_SKIPPED_FIELDS = {"created_at", "updated_at"}


def snapshot(instance: models.Model | None) -> dict | None:
    """A JSON-able copy of a row's own fields, for the before/after of an event."""
    if instance is None:
        return None
    data = {k: v for k, v in model_to_dict(instance).items() if k not in _SKIPPED_FIELDS}
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str))


def event_record(*, actor, kind: str, subject: models.Model, person=None, before=None) -> CaseEvent:
    """Write one case event; `before` is a snapshot taken before the change."""
    return CaseEvent.objects.create(
        actor=actor,
        kind=kind,
        person_id=person.pk if person is not None else None,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        before=before,
        after=snapshot(subject),
    )
