# Hours per respite night become hours per unit of any scope (issue 9 §2): the rows kept, as
# nights.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_login_throttle_and_api_tokens"),
        ("steering", "0005_registration_indexes"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="nighthours", name="night_hours_unique"),
        migrations.RemoveConstraint(model_name="nighthours", name="night_hours_in_a_day"),
        migrations.RenameModel(old_name="NightHours", new_name="HoursPerUnit"),
        migrations.RenameField(
            model_name="hoursperunit", old_name="hours_per_night", new_name="hours_per_unit"
        ),
        migrations.AlterField(
            model_name="hoursperunit",
            name="hours_per_unit",
            field=models.DecimalField(
                decimal_places=2, max_digits=5, verbose_name="hours per unit"
            ),
        ),
        migrations.AddField(
            model_name="hoursperunit",
            name="scope_unit",
            field=models.CharField(
                choices=[
                    ("nights", "nights"),
                    ("visits", "visits"),
                    ("meals", "meals"),
                    ("days", "days"),
                    ("weekends", "weekends"),
                ],
                default="nights",
                max_length=20,
                verbose_name="unit of scope",
            ),
        ),
        migrations.AlterModelOptions(
            name="hoursperunit",
            options={
                "verbose_name": "hours per unit of scope",
                "verbose_name_plural": "hours per unit of scope",
            },
        ),
        migrations.AddConstraint(
            model_name="hoursperunit",
            constraint=models.UniqueConstraint(
                fields=("municipality", "service_code", "scope_unit", "valid_from"),
                name="hours_per_unit_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="hoursperunit",
            constraint=models.CheckConstraint(
                condition=models.Q(("hours_per_unit__gt", 0), ("hours_per_unit__lte", 72)),
                name="hours_per_unit_positive",
            ),
        ),
    ]
