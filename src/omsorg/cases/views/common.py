from django.utils.translation import get_language

from omsorg.core.clock import today
from omsorg.people.selectors import person_get


def person_for(request, person_id: int, what: str = "case"):
    """Every case page starts here: the service-need check and the access-log row."""
    return person_get(actor=request.user, person_id=person_id, today=today(), what=what)


def evaluation_view(evaluation) -> dict:
    """The criteria evaluation as the templates show it, in the page's language."""
    return evaluation.to_dict(lang=(get_language() or "nb")[:2])
