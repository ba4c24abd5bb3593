"""Template context: the navigation a user's role gives."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omsorg.core.models import Role

_NAV = [
    ("worklist", _("Worklist"), {Role.CASEWORKER, Role.SERVICE_LEADER, Role.CARE_WORKER}),
    ("person_list", _("Persons"), {Role.CASEWORKER, Role.SERVICE_LEADER, Role.CARE_WORKER}),
    ("meeting_agenda", _("Meeting agenda"), {Role.CASEWORKER}),
    (
        "respite_homes",
        _("Respite homes"),
        {Role.SERVICE_LEADER, Role.CARE_WORKER, Role.MANAGEMENT, Role.ADMINISTRATOR},
    ),
    ("family_home", _("Respite stays"), {Role.GUARDIAN}),
    (
        "steering_imports",
        _("Imports"),
        {Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR},
    ),
    ("catalogue", _("Service catalogue"), set(Role)),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = request.resolver_match.url_name if request.resolver_match else None
    items = [
        {"url": reverse(name), "label": label, "current": name == current}
        for name, label, roles in _NAV
        if user.role in roles
    ]
    return {"nav_items": items}
