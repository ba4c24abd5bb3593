"""Reads of the person register; the only module besides access.py that queries Person."""

import datetime

from django.db.models import Q, QuerySet

from omsorg.core.errors import PermissionDenied
from omsorg.core.models import Role, User
from omsorg.people.access import access_person_by_id, accessible_persons, log_reads
from omsorg.people.models import AccessLog, Person

# Leaders and caseworkers answer a person's question "who has looked at my record?".
ACCESS_LOG_READERS = {Role.CASEWORKER, Role.SERVICE_LEADER}


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
) -> Person:
    return access_person_by_id(actor, person_id, today=today, what=what, channel=channel)


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
