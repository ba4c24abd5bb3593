"""Background tasks (django-tasks): a plan run solves outside the request.

With the database backend the worker is ``omsorg db_worker``; tasks call services only.
"""

from django_tasks import task

from omsorg.respite.services.runs import plan_run_execute


@task()
def plan_run_task(run_id: int) -> None:
    plan_run_execute(run_id=run_id)
