"""Read every person page as the demo caseworker, through the real access door, so the
restore check has access-log rows to compare. Run with `omsorg shell < scripts/ops/read_persons.py`.
"""

from django.contrib.auth import get_user_model
from django.test import Client

from omsorg.people.models import AccessLog, Person

client = Client()
client.force_login(get_user_model().objects.get(username="saksbehandler"))
statuses = [
    client.get(f"/personer/{person_id}/").status_code
    for person_id in Person.objects.values_list("id", flat=True)
]
print(f"read {len(statuses)} person pages ({statuses.count(200)} allowed); "
      f"{AccessLog.objects.count()} access-log rows")
