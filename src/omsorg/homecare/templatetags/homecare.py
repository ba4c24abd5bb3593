"""Template filters of the home-care pages."""

from django import template

from omsorg.homecare.rules import clock

register = template.Library()


@register.filter
def hhmm(minutes) -> str:
    """Minutes from midnight as HH:MM."""
    return clock(minutes)
