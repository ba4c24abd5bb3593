"""Background tasks (django-tasks): a day plan is solved outside the request.

With the database backend the worker is ``omsorg db_worker``; tasks call services only.
"""

from django_tasks import task

from omsorg.homecare.services.runs import day_plan_execute


@task()
def day_plan_task(plan_id: int) -> None:
    day_plan_execute(plan_id=plan_id)
