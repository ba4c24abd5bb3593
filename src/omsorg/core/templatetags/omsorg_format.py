"""Template filters for Norwegian formats: money and scopes ({% load omsorg_format %})."""

from django import template

from omsorg.core.money import nok as format_nok
from omsorg.core.scope_text import scope_text

register = template.Library()


@register.filter
def nok(amount) -> str:
    """91200 -> "91 200,00 kr"."""
    return format_nok(amount)


@register.filter
def scope(value) -> str:
    """A Scope in words with the right plural: "1 natt per uke", "2 netter per uke"."""
    return scope_text(value)
