"""Small helpers every page view uses: run a service and show its error on the form."""

from collections.abc import Callable
from functools import wraps

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from omsorg.core.errors import BadRequest, NotFound, OmsorgError, PermissionDenied
from omsorg.core.http_guard import status_page


def call_service(form: forms.Form, service: Callable, **kwargs):
    """Call `service`; on a domain error put its message on the form and return None.

    The service runs in its own transaction, so a refused call has saved nothing.
    """
    try:
        return service(**kwargs)
    except OmsorgError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.text())
        return None


def page(view):
    """Login required; domain errors outside a form become 404/403 pages."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(error.text()) from error
        except PermissionDenied as error:
            raise DjangoPermissionDenied(error.text()) from error
        except BadRequest as error:
            return status_page(_("The address is not valid"), error.text(), 400)

    return wrapper
