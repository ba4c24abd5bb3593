"""Background tasks (django-tasks): a rotation is made outside the request.

With the database backend the worker is ``omsorg db_worker``; tasks call services only.
"""

from django_tasks import task

from omsorg.staffing.runs import rotation_execute


@task()
def rotation_task(rotation_id: int) -> None:
    rotation_execute(rotation_id=rotation_id)
