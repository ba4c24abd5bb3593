from django.contrib.auth import views as auth_views
from django.shortcuts import render

from omsorg.core.forms import ThrottledLoginForm


class LoginView(auth_views.LoginView):
    form_class = ThrottledLoginForm
    redirect_authenticated_user = True


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent without its security token (often a page left open past the session's end):
    say so in the user's language instead of Django's English page."""
    return render(request, "403.html", {"csrf_failed": True}, status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)
