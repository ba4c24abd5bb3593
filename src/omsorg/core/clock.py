"""The one place that reads the wall clock; everything below it takes `today` as a parameter."""

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    return timezone.now()


def today() -> datetime.date:
    """Today's date in Europe/Oslo (the municipality's calendar, not UTC's)."""
    return timezone.localdate()
