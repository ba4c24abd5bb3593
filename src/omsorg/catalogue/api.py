"""The service catalogue: public to every logged-in user, whatever the role."""

from ninja import Router
from ninja.pagination import paginate

from omsorg.catalogue.schemas import ServiceTypeOut
from omsorg.catalogue.selectors import current_service_types
from omsorg.core.schemas import Pagination, errors

router = Router(tags=["catalogue"])


@router.get("/service-types", response={200: list[ServiceTypeOut], **errors(401, 422)})
@paginate(Pagination)
def service_type_list(request):
    """The newest catalogue version's service types, least intrusive first, with criteria."""
    # select_related: each row's criteria are read from its version's parsed snapshot.
    return current_service_types(request.auth.municipality_id).select_related("version")
