"""The only door to person data: who has a service need (tjenstlig behov) for whom, and for
what purpose.

Every read through here writes an access-log row, and absent and forbidden give the same
error, so no one learns that a record exists by being refused it (Zulip's access_stream_by_id).

A need has a purpose (Normen: need to know). Staff who deliver a service read the person and
their own service's decisions (DELIVERY); the case record (applications, assessments, every
service's decisions, letters, journal) is for the deciding unit (CASE_RECORD). A person
readable for delivery but asked for the case record is refused with 403, and the refusal is
logged like any other.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet, TextChoices
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import NotFound, PermissionDenied
from omsorg.core.models import Role, User
from omsorg.people.models import AccessLog, Assignment, Person

# Refusals also go to the log stream (operations' alerting), not only to the AccessLog table.
security_log = logging.getLogger("omsorg.access")


class Purpose(TextChoices):
    """Why a reader needs a person's data; CASE_RECORD includes DELIVERY."""

    DELIVERY = "delivery", _("delivery of a service")
    CASE_RECORD = "case_record", _("case record")


NeedProvider = Callable[[User, datetime.date], QuerySet]
# role -> (provider, purpose) of the persons that role has a service need for. Each app that
# creates a need registers its own in AppConfig.ready() (cases: decisions in force for a
# leader's unit; people: a care worker's assignments), so the door never imports the apps above.
_need_providers: dict[str, list[tuple[NeedProvider, str]]] = defaultdict(list)

# The deciding unit (allocation office, coordinating unit) processes the whole case.
CASE_RECORD_ROLES = {Role.CASEWORKER}
CASE_RECORD_DENIED = _(
    "The case record is for the deciding unit. You see the person and the decisions of the "
    "service you deliver."
)


# The data protection officer's permission (group "personvernombud"): the log control reads
# the access log of every person of the municipality, itself logged.
LOG_CONTROL_PERMISSION = "people.control_accesslog"


def require_log_controller(actor: User) -> None:
    if not actor.is_authenticated or not actor.has_perm(LOG_CONTROL_PERMISSION):
        raise PermissionDenied()


def register_need_provider(
    role: str, provider: NeedProvider, *, purpose: str = Purpose.DELIVERY
) -> None:
    """`provider(actor, today)` returns a queryset of Person ids; registering twice is a no-op."""
    if (provider, purpose) not in _need_providers[role]:
        _need_providers[role].append((provider, purpose))


# Log control: who has an active case or assignment for a reader's unit. Apps register the
# persons their rows make active (cases: open applications, recent and standing decisions;
# people: assignments of the unit's staff); `provider(actor, since)` returns Person ids.
_active_case_providers: list[NeedProvider] = []


def register_active_case_provider(provider: NeedProvider) -> None:
    if provider not in _active_case_providers:
        _active_case_providers.append(provider)


def active_case_persons(actor: User, since: datetime.date) -> set[int]:
    """Ids of the persons with an active case or assignment for the actor's unit from `since`
    (each provider gives rows of `person_id`, possibly a union of querysets)."""
    ids: set[int] = set()
    for provider in _active_case_providers:
        ids.update(row["person_id"] for row in provider(actor, since))
    return ids


def assigned_to_unit(actor: User, since: datetime.date) -> QuerySet:
    """Persons a staff member of the actor's unit (or the actor) serves from `since` on."""
    current = Q(valid_to__isnull=True) | Q(valid_to__gte=since)
    staff = (
        Q(staff_id=actor.pk) | Q(staff__unit_id=actor.unit_id)
        if actor.unit_id
        else Q(staff_id=actor.pk)
    )
    return Assignment.objects.filter(current, staff).values("person_id")


def assigned_persons(actor: User, today: datetime.date) -> QuerySet:
    """Persons the care worker serves today (an assignment covering today)."""
    current = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    return Assignment.objects.filter(current, staff_id=actor.pk, valid_from__lte=today).values(
        "person_id"
    )


def _provided(actor: User, today: datetime.date, purposes=tuple(Purpose)) -> Q:
    """Persons any registered provider of these purposes gives this role a need for."""
    need = Q(pk__in=[])
    for provider, purpose in _need_providers.get(actor.role, ()):
        if purpose in purposes:
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


def case_record_filter(actor: User, today: datetime.date) -> Q:
    """The persons whose whole case record `actor` may read: the deciding unit's."""
    need = service_need_filter(actor, today)
    if actor.is_authenticated and actor.role in CASE_RECORD_ROLES:
        return need
    return need & _provided(actor, today, purposes=(Purpose.CASE_RECORD,))


def accessible_persons(
    actor: User, today: datetime.date, purpose: str = Purpose.DELIVERY
) -> QuerySet[Person]:
    """Persons the actor may read for `purpose`; distinct because the role filters join."""
    need = (
        case_record_filter(actor, today)
        if purpose == Purpose.CASE_RECORD
        else service_need_filter(actor, today)
    )
    ids = Person.objects.filter(need).values("pk")
    return Person.objects.filter(pk__in=ids)


def may_read_case_record(actor: User, person: Person, today: datetime.date) -> bool:
    """Whether the page may show this person's case record (else only the delivered service)."""
    if actor.is_authenticated and actor.role in CASE_RECORD_ROLES and actor.municipality_id:
        # The deciding unit's rule (service_need_filter) on the row at hand: no query.
        return person.municipality_id == actor.municipality_id
    return accessible_persons(actor, today, Purpose.CASE_RECORD).filter(pk=person.pk).exists()


def can_access_person(actor: User, person_id: int, today: datetime.date) -> bool:
    return accessible_persons(actor, today).filter(pk=person_id).exists()


def access_person_by_id(
    actor: User,
    person_id: int,
    *,
    today: datetime.date,
    what: str,
    channel: str,
    purpose: str = Purpose.DELIVERY,
) -> Person:
    """Return the person if the actor has a service need for them for `purpose`, and log the
    read. No need at all: 404 (absent and forbidden alike). A delivery need where the case
    record is asked for: 403, since the reader already knows the person."""
    # With its municipality: every page and letter of the person shows or checks it.
    persons = accessible_persons(actor, today).select_related("municipality", "unit")
    person = persons.filter(pk=person_id).first()
    if person is None:
        log_denied(actor, person_id, what=what, channel=channel)
        raise NotFound()
    if purpose == Purpose.CASE_RECORD and not may_read_case_record(actor, person, today):
        log_denied(actor, person_id, what=what, channel=channel)
        raise PermissionDenied(CASE_RECORD_DENIED)
    log_reads(actor, [person], what=what, channel=channel)
    return person


def log_denied(actor: User, person_id: int, *, what: str, channel: str) -> None:
    """A refused read of a person who exists is logged as denied; a wrong id has no one to log."""
    security_log.warning(
        "access refused: user=%s person=%s what=%r channel=%s",
        getattr(actor, "pk", None),
        person_id,
        what,
        channel,
    )
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
    rows = [
        AccessLog(actor=actor, role=actor.role, person=p, what=what[:200], channel=channel)
        for p in persons
    ]
    if len(rows) == 1:
        # One statement: bulk_create wraps even one row in BEGIN and COMMIT, two more round
        # trips on every page that reads one person (issue 8 §5).
        rows[0].save(force_insert=True)
    else:
        AccessLog.objects.bulk_create(rows)
