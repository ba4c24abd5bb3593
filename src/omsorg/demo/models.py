"""A record of each demo build: which seed, size and day built it, and whether it finished.

It lets `omsorg demo` say "already built" instead of duplicating, and tell an interrupted
build (finished_at empty) from a complete one.
"""

from django.db import models

from omsorg.core.models import Municipality


class DemoBuild(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    seed = models.IntegerField()
    size = models.CharField(max_length=10)
    today = models.DateField()
    digest = models.CharField(max_length=64, help_text="Fingerprint of the plan built.")
    persons = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"demo seed {self.seed} ({self.size}, {self.today})"
