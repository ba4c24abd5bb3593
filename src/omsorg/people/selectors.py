"""Reads of the person register; the only module besides access.py that queries Person."""

import datetime
import random
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from omsorg.core.errors import PermissionDenied
from omsorg.core.models import Role, User
from omsorg.people.access import (
    Purpose,
    access_person_by_id,
    accessible_persons,
    active_case_persons,
    log_reads,
    require_log_controller,
)
from omsorg.people.identity import make_synthetic_number
from omsorg.people.log_control import ROUTINE_READS, Read, Reason, Rules, address_key, unusual_reads
from omsorg.people.models import AccessLog, Person

# Leaders and caseworkers answer a person's question "who has looked at my record?".
ACCESS_LOG_READERS = {Role.CASEWORKER, Role.SERVICE_LEADER}


def unused_synthetic_number(birth_date: datetime.date, rng: random.Random) -> str:
    """A synthetic number for the birth date that no person holds yet: a random draw meets
    an earlier person's number on some days (the birthday paradox), and demo data and tests
    must build on any day."""
    number = make_synthetic_number(birth_date, rng=rng)
    while Person.objects.filter(identity_number=number).exists():
        number = make_synthetic_number(birth_date, rng=rng)
    return number


def person_search(
    *, actor: User, today: datetime.date, query: str = "", channel: str = "page"
) -> QuerySet[Person]:
    """Persons the actor may read, filtered by name or identity number, unevaluated."""
    persons = accessible_persons(actor, today).select_related("unit")
    for word in query.split():
        persons = persons.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(identity_number__startswith=word)
        )
    return persons.order_by("family_name", "given_name", "pk")


def person_page_log(*, actor: User, persons, channel: str) -> None:
    """Log the persons a list page actually showed (names are personal data too)."""
    log_reads(actor, persons, what="person list", channel=channel)


def person_get(
    *,
    actor: User,
    person_id: int,
    today: datetime.date,
    what: str = "person record",
    channel: str = "page",
    purpose: str = Purpose.DELIVERY,
) -> Person:
    return access_person_by_id(
        actor, person_id, today=today, what=what, channel=channel, purpose=purpose
    )


def person_relatives(person: Person):
    return person.relatives.all()


def person_consents(person: Person):
    return person.consents.select_related("given_by")


def person_access_log(*, actor: User, person: Person) -> QuerySet[AccessLog]:
    """Who has read this person's record, to show the person (Normen; GDPR art. 15).

    The caller has already read the person through access_person_by_id (and so logged it).
    """
    if actor.role not in ACCESS_LOG_READERS:
        raise PermissionDenied()
    return person.access_log.select_related("actor").order_by("-at")


@dataclass(frozen=True)
class Finding:
    entry: AccessLog
    reasons: list[Reason]


def log_control_rules() -> Rules:
    return Rules(**settings.OMSORG_LOG_CONTROL)


def _person_address(person: Person) -> str:
    return address_key(person.street_address, person.postal_code)


def _reader_address(reader: User) -> str:
    home = getattr(reader, "home_address", None)
    return address_key(home.street_address, home.postal_code) if home else ""


def _as_read(entry: AccessLog, needs: dict[int, set[int]]) -> Read:
    return Read(
        id=entry.pk,
        at=timezone.localtime(entry.at),
        reader_id=entry.actor_id,
        person_id=entry.person_id,
        what=entry.what,
        denied=entry.denied,
        had_need=entry.person_id in needs[entry.actor_id],
        reader_family_name=entry.actor.last_name,
        reader_address=_reader_address(entry.actor),
        person_family_name=entry.person.family_name,
        person_address=_person_address(entry.person),
    )


def log_control_findings(
    *, actor: User, since: datetime.date, until: datetime.date, include_checked: bool = False
) -> list[Finding]:
    """Unusual reads of the municipality's persons from `since` to `until` (local dates), for
    the data protection officer; each reader's active cases are asked for once."""
    require_log_controller(actor)
    entries = list(
        AccessLog.objects.filter(
            at__date__gte=since,
            at__date__lte=until,
            person__municipality_id=actor.municipality_id,
        )
        .exclude(what__in=ROUTINE_READS, denied=False)
        .select_related("actor__unit", "actor__home_address", "person", "follow_up__checked_by")
    )
    readers = {entry.actor_id: entry.actor for entry in entries}
    needs = {pk: active_case_persons(reader, since) for pk, reader in readers.items()}
    by_id = {entry.pk: entry for entry in entries}
    found = unusual_reads([_as_read(entry, needs) for entry in entries], log_control_rules())
    findings = [Finding(by_id[read.id], reasons) for read, reasons in found]
    if include_checked:
        return findings
    return [f for f in findings if not hasattr(f.entry, "follow_up")]


def person_ids_by_identity(municipality_id: int) -> dict[str, int]:
    """Identity number -> person id for the municipality's register: what an import of
    delivered services (issue 9 §1) matches its rows against. No record is shown, so nothing
    is logged; the ids never leave the import."""
    return dict(
        Person.objects.filter(municipality_id=municipality_id).values_list(
            "identity_number", "pk"
        )
    )


def identity_numbers_registered(numbers: list[str]) -> dict[str, int]:
    """Of these identity numbers, those already registered, with their municipality's id."""
    found: dict[str, int] = {}
    for start in range(0, len(numbers), 5000):
        chunk = numbers[start : start + 5000]
        found.update(
            Person.objects.filter(identity_number__in=chunk).values_list(
                "identity_number", "municipality_id"
            )
        )
    return found
