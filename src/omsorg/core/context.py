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
    ("homecare_home", _("Home-based services"), {Role.SERVICE_LEADER, Role.CARE_WORKER}),
    ("family_home", _("Respite stays"), {Role.GUARDIAN}),
    ("staffing_home", _("Staff"), {Role.SERVICE_LEADER}),
    ("staffing_my_rotation", _("My rotation"), {Role.CARE_WORKER}),
    (
        "steering_imports",
        _("Imports"),
        {Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR},
    ),
    (
        "steering_scorecard",
        _("Scorecard"),
        {Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR},
    ),
    (
        "steering_cost_of_change",
        _("What a change costs"),
        {Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR},
    ),
    (
        "steering_assumptions",
        _("Assumptions"),
        {Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR},
    ),
    ("steering_plans", _("Business plans"), {Role.SERVICE_LEADER, Role.MANAGEMENT}),
    (
        "steering_tertial",
        _("Tertial report"),
        {Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR},
    ),
    ("steering_service_analysis", _("Service analysis"), {Role.MANAGEMENT, Role.ADMINISTRATOR}),
    (
        "steering_delivery",
        _("Decided and delivered"),
        {Role.CASEWORKER, Role.SERVICE_LEADER, Role.MANAGEMENT, Role.ADMINISTRATOR},
    ),
    ("catalogue", _("Service catalogue"), set(Role)),
]
# Steering pages read one municipality's figures: a leader of an intermunicipal company's home
# belongs to no municipality and reports to the board instead (the board link on the home's
# accounting page), so these are not offered without one.
MUNICIPALITY_PAGES = {
    "steering_imports",
    "steering_scorecard",
    "steering_tertial",
    "steering_service_analysis",
    "steering_delivery",
    "steering_assumptions",
}
# The data protection officer's page comes with a permission (group "personvernombud"), held
# with a role that reads no case data itself (management, administrator). Asked only of those
# roles, so the pages of the roles that work with persons spend no query on it.
LOG_CONTROL = ("log_control", _("Log control"), "people.control_accesslog")
LOG_CONTROL_ROLES = {Role.MANAGEMENT, Role.ADMINISTRATOR}


def is_log_controller(user) -> bool:
    return user.role in LOG_CONTROL_ROLES and user.has_perm(LOG_CONTROL[2])


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = request.resolver_match.url_name if request.resolver_match else None
    items = [
        {"url": reverse(name), "label": label, "current": name == current}
        for name, label, roles in _NAV
        if user.role in roles
        and (user.municipality_id is not None or name not in MUNICIPALITY_PAGES)
    ]
    name, label, _permission = LOG_CONTROL
    if is_log_controller(user):
        items.append({"url": reverse(name), "label": label, "current": name == current})
    return {"nav_items": items}
