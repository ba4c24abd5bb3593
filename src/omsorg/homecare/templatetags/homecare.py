"""Template filters of the home-care pages."""

from django import template

from omsorg.homecare.models import Task
from omsorg.homecare.rules import clock

register = template.Library()


@register.filter
def hhmm(minutes) -> str:
    """Minutes from midnight as HH:MM."""
    return clock(minutes)


@register.filter
def task_label(code: str) -> str:
    """A task's name in the active language."""
    return str(Task(code).label) if code in Task.values else code
