"""API shapes of the person register: persons, relatives, consents."""

import datetime

from ninja import Schema

from omsorg.core.schemas import Flag, InSchema, IsoDate, RowId, choice, text
from omsorg.people.models import Consent, Relative


class PersonListOut(Schema):
    """What a list needs to pick the right person; the identity number is on the record only."""

    id: int
    given_name: str
    family_name: str
    birth_date: datetime.date
    unit_name: str | None

    @staticmethod
    def resolve_unit_name(person) -> str | None:
        return person.unit.name if person.unit_id else None


class PersonOut(Schema):
    id: int
    identity_number: str
    identity_kind: str
    synthetic: bool
    given_name: str
    family_name: str
    birth_date: datetime.date
    gender: str
    street_address: str
    postal_code: str
    city: str
    phone: str
    unit_id: int | None
    resident: bool
    version: int


class PersonIn(InSchema):
    identity_number: text(11, min_length=11)
    given_name: text(100, min_length=1)
    family_name: text(100, min_length=1)
    street_address: text(200) = ""
    postal_code: text(4) = ""
    city: text(100) = ""
    phone: text(30) = ""


class RelativeOut(Schema):
    id: int
    name: str
    relation: str
    is_guardian: bool
    phone: str
    email: str
    version: int


class RelativeIn(InSchema):
    name: text(200, min_length=1)
    relation: choice(Relative.Relation)
    is_guardian: Flag = False
    phone: text(30) = ""
    email: text(254) = ""


class ConsentOut(Schema):
    id: int
    kind: str
    given_on: datetime.date
    given_by_id: int | None
    channel: str
    withdrawn_on: datetime.date | None
    version: int


class ConsentIn(InSchema):
    kind: choice(Consent.Kind)
    given_on: IsoDate
    given_by_id: RowId | None = None
    channel: text(20, min_length=1) = "portal"
