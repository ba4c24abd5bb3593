from omsorg.core.clock import today
from omsorg.people.selectors import person_get


def person_for(request, person_id: int, what: str = "case"):
    """Every case page starts here: the service-need check and the access-log row."""
    return person_get(actor=request.user, person_id=person_id, today=today(), what=what)
