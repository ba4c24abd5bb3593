"""Background tasks (django-tasks) of the person register; tasks call services only."""

from django_tasks import task

from omsorg.people.services import access_log_prune


@task()
def access_log_prune_task() -> int:
    """The retention of the access log, run by the worker when `prune_access_log --queue`
    (or a scheduler) enqueues it."""
    return access_log_prune()
