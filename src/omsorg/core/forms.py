from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from omsorg.core.throttle import (
    client_address,
    login_blocked,
    login_failure_record,
    login_failures_clear,
)


class DateInput(forms.DateInput):
    """The browser's date picker, with ISO dates so every locale round-trips."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ThrottledLoginForm(AuthenticationForm):
    """Django's login form, refusing a username or address after repeated failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("Too many failed attempts. Wait 15 minutes and try again."),
    }

    def clean(self):
        username = self.data.get("username", "")
        address = client_address(self.request) if self.request else None
        if login_blocked(username=username, address=address):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            login_failure_record(username=username, address=address)
            raise
        login_failures_clear(username=username)
        return cleaned
