"""`{% form_token %}`: the one-time token of a write form (core.replay)."""

import secrets

from django import template
from django.utils.html import format_html

from omsorg.core.replay import FORM_FIELD

register = template.Library()


@register.simple_tag
def form_token() -> str:
    """A fresh token each time the form is drawn: a form sent twice carries the same one."""
    return format_html(
        '<input type="hidden" name="{}" value="{}">', FORM_FIELD, secrets.token_urlsafe(18)
    )
