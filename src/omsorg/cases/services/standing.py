"""One standing decision per application and service (issue 8 §2).

A double submit (the same form or API call twice, one after the other or at once) must not make
two decisions in force: each would get its own letter, deadlines and entitlement. The database
constraint `decision_standing_once_per_application_service` has the last word; these helpers
give its refusal a clear message, before the insert (the usual case) and after it (a race).
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from omsorg.cases.models import STANDING_STATUSES, Application, Decision
from omsorg.catalogue.models import ServiceType
from omsorg.core.errors import OmsorgError

CONSTRAINT = "decision_standing_once_per_application_service"
# SQLite names the columns, not the constraint, in its message.
SQLITE_COLUMNS = "cases_decision.application_id, cases_decision.service_type_id"


class AlreadyDecided(OmsorgError):
    code = "already_decided"
    http_status = 409
    default_message = _(
        "This application already has a decision for this service. Open the decision: a new "
        "one is made through an appeal or a review, which replaces it."
    )


def check_not_decided(
    application: Application | None, service_type: ServiceType, replaces: Decision | None
) -> None:
    """Refuse a second standing decision for the application and service, unless the new one
    replaces it (an appeal's or a review's)."""
    if application is None:
        return
    standing = Decision.objects.filter(
        application=application, service_type=service_type, status__in=STANDING_STATUSES
    )
    if replaces is not None:
        standing = standing.exclude(pk=replaces.pk)
    if standing.exists():
        raise AlreadyDecided(field="service_type")


def create_standing(**fields) -> Decision:
    """Insert the decision; a concurrent standing one (the constraint) becomes AlreadyDecided."""
    try:
        with transaction.atomic():  # a savepoint: the outer transaction stays usable
            return Decision.objects.create(**fields)
    except IntegrityError as error:
        text = str(error)
        if CONSTRAINT in text or SQLITE_COLUMNS in text:
            raise AlreadyDecided(field="service_type") from error
        raise
