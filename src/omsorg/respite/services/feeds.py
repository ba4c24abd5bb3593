"""Guardians' iCalendar feeds: a secret, revocable link; only a hash of the token is stored."""

import hashlib
import secrets

from django.db import transaction

from omsorg.core.clock import now
from omsorg.core.events import event_record
from omsorg.core.models import User
from omsorg.people.models import Relative
from omsorg.respite.family import guardian_relative
from omsorg.respite.models import CalendarFeed

TOKEN_BYTES = 32  # 256 bits: not guessable, and the link is the only key


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _revoke_active(actor: User, relative: Relative) -> None:
    for feed in CalendarFeed.objects.filter(relative=relative, revoked_at__isnull=True):
        feed.revoked_at = now()
        feed.save(update_fields=["revoked_at"])
        event_record(
            actor=actor, kind="calendar_feed_revoked", subject=feed, person=relative.person
        )


@transaction.atomic
def feed_renew(*, actor: User) -> tuple[CalendarFeed, str]:
    """Revoke the guardian's link, if any, and make a new one; the token is shown only now."""
    relative = guardian_relative(actor)
    _revoke_active(actor, relative)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    feed = CalendarFeed.objects.create(relative=relative, token_hash=token_hash(token))
    event_record(actor=actor, kind="calendar_feed_created", subject=feed, person=relative.person)
    return feed, token


@transaction.atomic
def feed_revoke(*, actor: User) -> None:
    """Revoke the guardian's link: calendars subscribed to it get nothing more."""
    _revoke_active(actor, guardian_relative(actor))
