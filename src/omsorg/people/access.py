"""The only door to person data: who has a service need (tjenstlig behov) for whom.

Every read through here writes an access-log row, and absent and forbidden give the same
error, so no one learns that a record exists by being refused it (Zulip's access_stream_by_id).
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet

from omsorg.core.errors import NotFound
from omsorg.core.models import Role, User
from omsorg.people.models import AccessLog, Assignment, Person

NeedProvider = Callable[[User, datetime.date], QuerySet]
# role -> providers of the persons that role has a service need for. Each app that creates a
# need registers its own in AppConfig.ready() (cases: decisions in force for a leader's unit;
# people: a care worker's assignments), so the door never imports the apps above it.
_need_providers: dict[str, list[NeedProvider]] = defaultdict(list)


def register_need_provider(role: str, provider: NeedProvider) -> None:
    """`provider(actor, today)` returns a queryset of Person ids; registering twice is a no-op."""
    if provider not in _need_providers[role]:
        _need_providers[role].append(provider)


def assigned_persons(actor: User, today: datetime.date) -> QuerySet:
    """Persons the care worker serves today (an assignment covering today)."""
    current = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    return Assignment.objects.filter(current, staff_id=actor.pk, valid_from__lte=today).values(
        "person_id"
    )


def _provided(actor: User, today: datetime.date) -> Q:
    """Persons any registered provider gives this role a need for; none if no provider."""
    need = Q(pk__in=[])
    for provider in _need_providers.get(actor.role, ()):
        need |= Q(pk__in=provider(actor, today))
    return need


def _of_company(actor: User) -> bool:
    """Staff of an intermunicipal company's unit (seed 000: Avlastningshjemmet IKS) belong to
    no municipality: the persons they serve are of the owner and buyer municipalities."""
    return actor.unit_id is not None and actor.unit.company_id is not None


def service_need_filter(actor: User, today: datetime.date) -> Q:
    """The persons `actor` may read, as a filter on Person. One condition per role."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    if actor.municipality_id is None:
        # The same rules, without the own-municipality bound: the need itself (a decision a
        # municipality made for the company's unit, an assignment) names each person.
        return _provided(actor, today) if _of_company(actor) else Q(pk__in=[])
    own_municipality = Q(municipality_id=actor.municipality_id)
    if actor.role == Role.CASEWORKER:
        return own_municipality
    # Management sees figures only; administrators configure but read no case data: no provider.
    return own_municipality & _provided(actor, today)


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
