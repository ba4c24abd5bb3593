"""Writes to the person register: one use case, one transaction, one case event each."""

import datetime
import re
import unicodedata

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from omsorg.core import clock
from omsorg.core.concurrency import save_versioned
from omsorg.core.errors import InvalidInput, Localized, NotFound, PermissionDenied
from omsorg.core.events import event_record, snapshot
from omsorg.core.models import Role, Unit, User
from omsorg.people.access import LOG_CONTROL_PERMISSION, require_log_controller
from omsorg.people.identity import InvalidIdentityNumber, parse_identity_number
from omsorg.people.models import AccessLog, AccessLogCheck, Assignment, Consent, Person, Relative

LOG_CONTROL_GROUP = "personvernombud"  # the data protection officers
PRUNE_BATCH = 5000

# Who may change the register: the allocation office, and leaders for their own persons.
_REGISTER_WRITERS = {Role.CASEWORKER}


def _require_writer(actor: User) -> None:
    if actor.role not in _REGISTER_WRITERS:
        raise PermissionDenied()


POSTAL_CODE = re.compile(r"\d{4}")
# Line and paragraph breaks and other control characters: a name is one line, everywhere it
# goes (letters, the iCalendar feed, CSV files).
_NOT_IN_A_LINE = {"Cc", "Zl", "Zp"}


def check_contact(**fields: str) -> None:
    """Names and addresses are single lines; a postal code is four digits (or none)."""
    for name, value in fields.items():
        if any(unicodedata.category(char) in _NOT_IN_A_LINE for char in value or ""):
            raise InvalidInput(
                _("Line breaks and control characters are not allowed here."), field=name
            )
    code = fields.get("postal_code") or ""
    if code and not POSTAL_CODE.fullmatch(code):
        raise InvalidInput(_("A postal code has four digits."), field="postal_code")


def _identity(value: str):
    try:
        return parse_identity_number(
            value,
            allow_synthetic=settings.OMSORG_ALLOW_SYNTHETIC_PERSONS,
            allow_real=not settings.OMSORG_ALLOW_SYNTHETIC_PERSONS,
        )
    except InvalidIdentityNumber as error:
        raise InvalidInput(
            _("The identity number is not valid: %(reason)s"),
            field="identity_number",
            reason=Localized(nb=error.message_nb, nn=error.message_nn, en=error.message_en),
        ) from error


@transaction.atomic
def person_create(
    *,
    actor: User,
    identity_number: str,
    given_name: str,
    family_name: str,
    street_address: str = "",
    postal_code: str = "",
    city: str = "",
    phone: str = "",
    unit: Unit | None = None,
) -> Person:
    _require_writer(actor)
    identity = _identity(identity_number)
    check_contact(given_name=given_name, family_name=family_name, street_address=street_address,
                  postal_code=postal_code, city=city, phone=phone)  # fmt: skip
    if not given_name.strip() or not family_name.strip():
        raise InvalidInput(_("Given name and family name are required."), field="given_name")
    if Person.objects.filter(identity_number=identity.value).exists():
        raise InvalidInput(
            _("A person with this identity number is already registered."),
            field="identity_number",
        )
    person = Person(
        municipality_id=actor.municipality_id,
        identity_number=identity.value,
        identity_kind=identity.kind.value,
        synthetic=identity.synthetic,
        birth_date=identity.birth_date,
        gender=identity.gender,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        street_address=street_address,
        postal_code=postal_code,
        city=city,
        phone=phone,
        unit=unit,
        created_by=actor,
        updated_by=actor,
    )
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError as error:  # a concurrent registration of the same number won
        raise InvalidInput(
            _("A person with this identity number is already registered."),
            field="identity_number",
        ) from error
    event_record(actor=actor, kind="person_created", subject=person, person=person)
    return person


@transaction.atomic
def person_update(*, actor: User, person: Person, expected_version: int, **changes) -> Person:
    """Change contact details or unit; the identity number is fixed once registered."""
    _require_writer(actor)
    allowed = {
        "given_name",
        "family_name",
        "street_address",
        "postal_code",
        "city",
        "phone",
        "unit",
        "resident",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput(_("These fields cannot be changed here."), field=sorted(unknown)[0])
    check_contact(**{name: value for name, value in changes.items() if isinstance(value, str)})
    before = snapshot(person)
    for name, value in changes.items():
        setattr(person, name, value)
    fields = ["unit_id" if name == "unit" else name for name in changes]
    save_versioned(person, expected_version=expected_version, actor=actor, fields=fields)
    event_record(actor=actor, kind="person_updated", subject=person, person=person, before=before)
    return person


@transaction.atomic
def relative_add(
    *,
    actor: User,
    person: Person,
    name: str,
    relation: str,
    is_guardian: bool = False,
    phone: str = "",
    email: str = "",
    street_address: str = "",
    postal_code: str = "",
    city: str = "",
) -> Relative:
    """A relative or guardian; without an address of their own they share the person's."""
    _require_writer(actor)
    if relation not in Relative.Relation.values:
        raise InvalidInput(_("Unknown relation."), field="relation")
    if not name.strip():
        raise InvalidInput(_("The relative's name is required."), field="name")
    check_contact(name=name, phone=phone, email=email, street_address=street_address,
                  postal_code=postal_code, city=city)  # fmt: skip
    relative = Relative.objects.create(
        person=person,
        name=name.strip(),
        relation=relation,
        is_guardian=is_guardian,
        phone=phone,
        email=email,
        street_address=street_address,
        postal_code=postal_code,
        city=city,
        created_by=actor,
        updated_by=actor,
    )
    event_record(actor=actor, kind="relative_added", subject=relative, person=person)
    return relative


@transaction.atomic
def consent_record(
    *,
    actor: User,
    person: Person,
    kind: str,
    given_on: datetime.date,
    given_by: Relative | None = None,
    channel: str = "portal",
    today: datetime.date | None = None,
) -> Consent:
    _require_writer(actor)
    if given_on > (today or clock.today()):
        raise InvalidInput(_("A consent cannot be given in the future."), field="given_on")
    if kind not in Consent.Kind.values:
        raise InvalidInput(_("Unknown kind of consent."), field="kind")
    if given_by is not None and given_by.person_id != person.pk:
        raise InvalidInput(
            _("The consent must be given by this person's relative."), field="given_by"
        )
    consent = Consent.objects.create(
        person=person,
        kind=kind,
        given_on=given_on,
        given_by=given_by,
        channel=channel,
        created_by=actor,
        updated_by=actor,
    )
    event_record(actor=actor, kind="consent_recorded", subject=consent, person=person)
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent, withdrawn_on: datetime.date) -> Consent:
    _require_writer(actor)
    if consent.withdrawn_on is not None:
        raise InvalidInput(_("The consent is already withdrawn."), field="withdrawn_on")
    if withdrawn_on < consent.given_on:
        raise InvalidInput(
            _("A consent cannot be withdrawn before it was given."), field="withdrawn_on"
        )
    before = snapshot(consent)
    consent.withdrawn_on = withdrawn_on
    save_versioned(consent, expected_version=consent.version, actor=actor, fields=["withdrawn_on"])
    event_record(
        actor=actor, kind="consent_withdrawn", subject=consent, person=consent.person, before=before
    )
    return consent


@transaction.atomic
def assignment_create(
    *,
    actor: User,
    person: Person,
    staff: User,
    kind: str,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
) -> Assignment:
    """Give a staff member a service need for a person (the care team)."""
    if actor.role not in {Role.CASEWORKER, Role.SERVICE_LEADER}:
        raise PermissionDenied()
    if kind not in Assignment.Kind.values:
        raise InvalidInput(_("Unknown kind of assignment."), field="kind")
    if valid_to is not None and valid_to < valid_from:
        raise InvalidInput(_("The end date is before the start date."), field="valid_to")
    assignment = Assignment.objects.create(
        person=person,
        staff=staff,
        kind=kind,
        valid_from=valid_from,
        valid_to=valid_to,
        created_by=actor,
        updated_by=actor,
    )
    event_record(actor=actor, kind="assignment_created", subject=assignment, person=person)
    return assignment


def log_control_group() -> Group:
    """The data protection officers' group, with the log-control permission (made if missing:
    an administrator adds the officer to it in /admin/)."""
    group, _created = Group.objects.get_or_create(name=LOG_CONTROL_GROUP)
    app, codename = LOG_CONTROL_PERMISSION.split(".")
    group.permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
    return group


@transaction.atomic
def access_log_check(*, actor: User, entry_id: int, reason: str) -> AccessLogCheck:
    """Mark an unusual read as checked, with the reason (stored with who and when)."""
    require_log_controller(actor)
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidInput(_("Write why the read was in order, or what was done."), field="reason")
    if len(reason) > 500:
        raise InvalidInput(_("At most 500 characters."), field="reason")
    entry = AccessLog.objects.filter(
        pk=entry_id, person__municipality_id=actor.municipality_id
    ).first()
    if entry is None:
        raise NotFound()
    if AccessLogCheck.objects.filter(entry=entry).exists():
        raise InvalidInput(_("This read is already checked."), field="reason")
    check = AccessLogCheck.objects.create(entry=entry, checked_by=actor, reason=reason)
    event_record(actor=actor, kind="access_log_checked", subject=check, person=entry.person)
    return check


def access_log_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete access-log rows older than OMSORG_ACCESS_LOG_DAYS (with their marks); returns how
    many. In batches, each its own transaction, so a large backlog never holds a long lock."""
    cutoff = (now or clock.now()) - datetime.timedelta(days=settings.OMSORG_ACCESS_LOG_DAYS)
    deleted = 0
    while True:
        old = AccessLog.objects.filter(at__lt=cutoff).values_list("pk", flat=True)
        batch = list(old[:PRUNE_BATCH])
        if not batch:
            return deleted
        with transaction.atomic():
            AccessLogCheck.objects.filter(entry_id__in=batch).delete()
            AccessLog.objects.filter(pk__in=batch).delete()
        deleted += len(batch)


def persons_import(*, actor: User | None, municipality_id: int, persons: list) -> list[int]:
    """Register persons migrated from a journal system in one bulk insert (issue 9 §1);
    `persons` are (IdentityNumber, given name, family name) already checked by the caller,
    which decides who may import and runs this inside its transaction. Returns their ids."""
    rows = [
        Person(
            municipality_id=municipality_id,
            identity_number=identity.value,
            identity_kind=identity.kind.value,
            synthetic=identity.synthetic,
            birth_date=identity.birth_date,
            gender=identity.gender,
            given_name=given_name,
            family_name=family_name,
            created_by=actor,
            updated_by=actor,
        )
        for identity, given_name, family_name in persons
    ]
    created = Person.objects.bulk_create(rows, batch_size=2000)
    return [person.pk for person in created]


def persons_import_undo(*, person_ids: list[int]) -> int:
    """Remove persons an undone import registered; refused (ProtectedError) while anything
    else refers to one of them (a case, a decision, a registration)."""
    deleted = 0
    for start in range(0, len(person_ids), 2000):
        chunk = person_ids[start : start + 2000]
        deleted += Person.objects.filter(pk__in=chunk).delete()[1].get("people.Person", 0)
    return deleted
