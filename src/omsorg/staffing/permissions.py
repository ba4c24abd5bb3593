"""Who may do what in the staff part: the unit's service leader runs the register and the
rotation; employees see their own."""

from omsorg.core.errors import PermissionDenied
from omsorg.core.models import Role, Unit, User


def is_unit_leader(actor: User, unit: Unit) -> bool:
    return actor.is_authenticated and actor.role == Role.SERVICE_LEADER and actor.unit_id == unit.pk


def require_unit_leader(actor: User, unit: Unit) -> None:
    if not is_unit_leader(actor, unit):
        raise PermissionDenied()
