# Where an import's figures come from, and whether they are synthetic (issue 9 §7: the demo's
# KOSTRA peer figures are invented and must say so).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("steering", "0006_hours_per_unit"),
    ]

    operations = [
        migrations.AddField(
            model_name="importevent",
            name="source",
            field=models.CharField(blank=True, max_length=300, verbose_name="source"),
        ),
        migrations.AddField(
            model_name="importevent",
            name="synthetic",
            field=models.BooleanField(default=False, verbose_name="synthetic figures"),
        ),
    ]
