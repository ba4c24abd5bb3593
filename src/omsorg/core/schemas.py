"""Building blocks every app's API schemas share: the error body, strict dates, bounded text.

The bounds are not business rules (the services hold those); they keep a request within what
the database can store, so odd input becomes a 422 and never a 500 (PostgreSQL refuses NUL
characters in text, SQLite overflows past 64-bit integers).
"""

import datetime
import re
from typing import Annotated, Any, Literal

from django.db.models import TextChoices
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import BeforeValidator, ConfigDict, StrictBool, StrictInt, StringConstraints
from pydantic_core import PydanticCustomError

DEFAULT_LIMIT = 25  # the page size of the person pages
MAX_LIMIT = 100
# Far beyond any municipality's register; keeps OFFSET within a 64-bit integer.
MAX_OFFSET = 1_000_000_000
# The largest row id a 64-bit primary key can hold.
MAX_ID = 2**63 - 1
# No real scope (hours, nights, visits per period) comes near this; an int column always holds it.
MAX_QUANTITY = 100_000

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ErrorOut(Schema):
    """Every error: a stable code, the message in Norwegian and English, the field at fault."""

    code: str
    message: str
    message_en: str
    field: str | None = None


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error responses an operation declares, e.g. `**errors(401, 404, 422)`."""
    return {status: ErrorOut for status in statuses}


def _iso_date_only(value: Any) -> Any:
    # Pydantic would read 0 as 1970-01-01 and accept "2024-01-01T00:00"; a case date is
    # always a calendar date written YYYY-MM-DD.
    is_date = isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    if is_date or (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
        return value
    raise PydanticCustomError("iso_date", "Expected a date written YYYY-MM-DD")


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date_only)]
# A row id in a path or query string (text there, so read as a number).
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# In a JSON body a number must be a JSON number and a flag true/false: pydantic would
# otherwise take "5" for 5 and 0 for false, and a client's mistake would pass unseen.
Flag = StrictBool
RowId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
Quantity = Annotated[StrictInt, Field(ge=0, le=MAX_QUANTITY)]
# The version a client last read, for optimistic concurrency (a positive integer column).
Version = Annotated[StrictInt, Field(ge=1, le=2**31 - 1)]


def text(max_length: int, *, min_length: int = 0) -> Any:
    """A string with a length bound and no NUL characters."""
    return Annotated[
        str,
        StringConstraints(min_length=min_length, max_length=max_length, pattern=r"^[^\x00]*$"),
    ]


def choice(choices: type[TextChoices]) -> Any:
    """The values of a model's choices as a Literal, so the schema lists them."""
    return Literal[tuple(choices.values)]


class InSchema(Schema):
    """Request bodies: unknown fields are refused, so a misspelt field is never ignored."""

    model_config = ConfigDict(extra="forbid")


class Pagination(LimitOffsetPagination):
    """limit/offset with the bounds in the schema, so a client sees them (max limit 100)."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
