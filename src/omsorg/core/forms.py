from django import forms
from django.contrib.auth.forms import AuthenticationForm

from omsorg.core.throttle import InvalidCredentials, TooManyAttempts, authenticate_throttled


class DateInput(forms.DateInput):
    """The browser's date picker, with ISO dates so every locale round-trips."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ThrottledLoginForm(AuthenticationForm):
    """Django's login form through the one login throttle (core/throttle.py)."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return self.cleaned_data
        try:
            self.user_cache = authenticate_throttled(
                self.request, username=username, password=password
            )
        except TooManyAttempts as error:
            raise forms.ValidationError(error.text(), code="throttled") from error
        except InvalidCredentials as error:
            raise self.get_invalid_login_error() from error
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
