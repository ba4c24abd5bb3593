"""The only door to person data: who has a service need (tjenstlig behov) for whom.

Every read through here writes an access-log row, and absent and forbidden give the same
error, so no one learns that a record exists by being refused it (Zulip's access_stream_by_id).
"""

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from omsorg.core.errors import NotFound
from omsorg.core.models import Role, User
from omsorg.people.models import AccessLog, Person

# Decision statuses that give a service leader a service need for the person.
ACTIVE_DECISION_STATUSES = ("decided", "notified")
GRANTING_OUTCOMES = ("granted", "partly_granted")


def _service_leader_filter(actor: User, today: datetime.date) -> Q:
    """Persons with an active decision delivered by the leader's unit or a unit under it."""
    if actor.unit_id is None:
        return Q(pk__in=[])
    units = Q(decisions__unit_id=actor.unit_id) | Q(decisions__unit__parent_id=actor.unit_id)
    # A refusal gives no service need, even if it names the unit.
    active = Q(decisions__status__in=ACTIVE_DECISION_STATUSES) & Q(
        decisions__outcome__in=GRANTING_OUTCOMES
    )
    current = Q(decisions__valid_to__isnull=True) | Q(decisions__valid_to__gte=today)
    return units & active & current


def _care_worker_filter(actor: User, today: datetime.date) -> Q:
    """Persons the care worker serves today (an assignment covering today)."""
    serves = Q(assignments__staff_id=actor.pk, assignments__valid_from__lte=today)
    current = Q(assignments__valid_to__isnull=True) | Q(assignments__valid_to__gte=today)
    return serves & current


def service_need_filter(actor: User, today: datetime.date) -> Q:
    """The persons `actor` may read, as a filter on Person. One condition per role."""
    if not actor.is_authenticated or actor.municipality_id is None:
        return Q(pk__in=[])
    own_municipality = Q(municipality_id=actor.municipality_id)
    if actor.role == Role.CASEWORKER:
        return own_municipality
    if actor.role == Role.SERVICE_LEADER:
        return own_municipality & _service_leader_filter(actor, today)
    if actor.role == Role.CARE_WORKER:
        return own_municipality & _care_worker_filter(actor, today)
    # Management sees figures only; administrators configure but read no case data.
    return Q(pk__in=[])


def accessible_persons(actor: User, today: datetime.date) -> QuerySet[Person]:
    """Persons the actor may read; distinct because the role filters join decisions."""
    ids = Person.objects.filter(service_need_filter(actor, today)).values("pk")
    return Person.objects.filter(pk__in=ids)


def can_access_person(actor: User, person_id: int, today: datetime.date) -> bool:
    return accessible_persons(actor, today).filter(pk=person_id).exists()


def access_person_by_id(
    actor: User, person_id: int, *, today: datetime.date, what: str, channel: str
) -> Person:
    """Return the person if the actor has a service need for them, and log the read."""
    person = accessible_persons(actor, today).filter(pk=person_id).first()
    if person is None:
        _log_denied(actor, person_id, what=what, channel=channel)
        raise NotFound()
    log_reads(actor, [person], what=what, channel=channel)
    return person


def _log_denied(actor: User, person_id: int, *, what: str, channel: str) -> None:
    """A refused read of a person who exists is logged as denied; a wrong id has no one to log."""
    if not actor.is_authenticated or not Person.objects.filter(pk=person_id).exists():
        return
    AccessLog.objects.create(
        actor=actor,
        role=actor.role,
        person_id=person_id,
        what=what[:200],
        channel=channel,
        denied=True,
    )


def log_reads(actor: User, persons: Iterable[Person], *, what: str, channel: str) -> None:
    """One access-log row per person shown, in one query."""
    AccessLog.objects.bulk_create(
        AccessLog(actor=actor, role=actor.role, person=p, what=what[:200], channel=channel)
        for p in persons
    )
