"""Checks shared by the case services."""

from omsorg.core.errors import PermissionDenied
from omsorg.core.models import Role, User

# The allocation office and the coordinating unit process cases; no other role writes them.
CASE_WRITERS = {Role.CASEWORKER}


def require_caseworker(actor: User) -> None:
    if actor.role not in CASE_WRITERS:
        raise PermissionDenied()
