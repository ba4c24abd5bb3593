"""One standing decision per application and service (issue 8 §2).

Databases made before the constraint may hold duplicates from double submits. The newest of
each group is the one respite planning and the worklist already followed, so each earlier
duplicate is marked replaced by the next one, keeping every row and its letter.
"""

from django.db import migrations, models

STANDING = ("decided", "notified")


def chain_duplicates(apps, schema_editor):
    Decision = apps.get_model("cases", "Decision")
    standing = Decision.objects.filter(status__in=STANDING, application__isnull=False)
    groups = (
        standing.values("application_id", "service_type_id")
        .annotate(n=models.Count("id"))
        .filter(n__gt=1)
    )
    for group in groups:
        rows = list(
            standing.filter(
                application_id=group["application_id"], service_type_id=group["service_type_id"]
            ).order_by("id")
        )
        for earlier, later in zip(rows, rows[1:], strict=False):
            Decision.objects.filter(pk=earlier.pk).update(status="replaced")
            if later.replaces_id is None:
                Decision.objects.filter(pk=later.pk).update(replaces=earlier)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_decision_conditions_form_staircase"),
    ]

    operations = [
        migrations.RunPython(chain_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ("decided", "notified"))),
                fields=("application", "service_type"),
                name="decision_standing_once_per_application_service",
            ),
        ),
    ]
