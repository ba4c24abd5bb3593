"""Person register endpoints. Every read goes through people.access and is logged (channel api)."""

from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from omsorg.core.clock import today
from omsorg.core.errors import InvalidInput
from omsorg.core.schemas import Id, Pagination, errors, text
from omsorg.people import selectors, services
from omsorg.people.models import Person, Relative
from omsorg.people.schemas import (
    ConsentIn,
    ConsentOut,
    PersonIn,
    PersonListOut,
    PersonOut,
    RelativeIn,
    RelativeOut,
)

CHANNEL = "api"

router = Router(tags=["persons"])
_SEARCH = Query("", description="Words of the name, or the start of the identity number.")


class PersonPagination(Pagination):
    """Logs the persons a page actually returns: names and birth dates are personal data too."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page["items"] = list(page["items"])
        selectors.person_page_log(actor=request.auth, persons=page["items"], channel=CHANNEL)
        return page


def person_for(request, person_id: int, what: str) -> Person:
    """The service-need check and the access-log row every person endpoint starts with."""
    return selectors.person_get(
        actor=request.auth, person_id=person_id, today=today(), what=what, channel=CHANNEL
    )


def _relative_of(person: Person, relative_id: int | None) -> Relative | None:
    if relative_id is None:
        return None
    relative = selectors.person_relatives(person).filter(pk=relative_id).first()
    if relative is None:
        raise InvalidInput(
            _("The consent must be given by this person's relative."), field="given_by_id"
        )
    return relative


@router.get("/persons", response={200: list[PersonListOut], **errors(401, 422)})
@paginate(PersonPagination)
def person_list(request, q: text(100) = _SEARCH):
    """Persons the caller has a service need for, by name or start of identity number."""
    return selectors.person_search(actor=request.auth, today=today(), query=q, channel=CHANNEL)


@router.post("/persons", response={201: PersonOut, **errors(400, 401, 403, 422)})
def person_create(request, payload: PersonIn):
    """Register a person (caseworkers only); birth date and gender come from the number."""
    person = services.person_create(actor=request.auth, **payload.dict())
    return Status(201, person)


@router.get("/persons/{person_id}", response={200: PersonOut, **errors(401, 404, 422)})
def person_get(request, person_id: Id):
    return person_for(request, person_id, "person record")


@router.get(
    "/persons/{person_id}/relatives",
    response={200: list[RelativeOut], **errors(401, 404, 422)},
)
@paginate(Pagination)
def relative_list(request, person_id: Id):
    return selectors.person_relatives(person_for(request, person_id, "relatives"))


@router.post(
    "/persons/{person_id}/relatives",
    response={201: RelativeOut, **errors(400, 401, 403, 404, 422)},
)
def relative_add(request, person_id: Id, payload: RelativeIn):
    person = person_for(request, person_id, "relatives")
    return Status(201, services.relative_add(actor=request.auth, person=person, **payload.dict()))


@router.get(
    "/persons/{person_id}/consents",
    response={200: list[ConsentOut], **errors(401, 404, 422)},
)
@paginate(Pagination)
def consent_list(request, person_id: Id):
    return selectors.person_consents(person_for(request, person_id, "consents"))


@router.post(
    "/persons/{person_id}/consents",
    response={201: ConsentOut, **errors(400, 401, 403, 404, 422)},
)
def consent_add(request, person_id: Id, payload: ConsentIn):
    person = person_for(request, person_id, "consents")
    data = payload.dict()
    given_by = _relative_of(person, data.pop("given_by_id"))
    consent = services.consent_record(actor=request.auth, person=person, given_by=given_by, **data)
    return Status(201, consent)
