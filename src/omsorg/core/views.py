from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omsorg.core.errors import OmsorgError
from omsorg.core.forms import ThrottledLoginForm
from omsorg.core.tokens import token_revoke, tokens_active, tokens_revoke_all
from omsorg.core.twofactor import second_factor_needed
from omsorg.core.twofactor_views import account_context, pending_start
from omsorg.core.web import page


class LoginView(auth_views.LoginView):
    """The one login page: the password (throttled), then the second factor where one is needed."""

    form_class = ThrottledLoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OMSORG_OIDC_ENABLED
        context["oidc_failed"] = self.request.GET.get("oidc") == "feil"
        return context

    def form_valid(self, form):
        user = form.get_user()
        if second_factor_needed(user):
            return pending_start(
                self.request, user=user, backend=user.backend, next_url=self.get_success_url()
            )
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    """Logging out ends the session and every API token the user holds."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            tokens_revoke_all(user=request.user)
        return super().post(request, *args, **kwargs)


@page
def account(request):
    """The user's own account: two-factor authentication, and the API tokens they hold."""
    context = {"tokens": tokens_active(request.user), **account_context(request.user)}
    return render(request, "core/account.html", context)


@page
@require_POST
def account_token_revoke(request, token_id: int):
    try:
        token_revoke(actor=request.user, token_id=token_id)
    except OmsorgError as error:
        messages.error(request, error.text())
    else:
        messages.success(request, _("The token is revoked."))
    return redirect("account")


@page
@require_POST
def account_tokens_revoke_all(request):
    count = tokens_revoke_all(user=request.user)
    messages.success(request, _("Tokens revoked: %(count)s.") % {"count": count})
    return redirect("account")


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form sent without its security token (often a page left open past the session's end):
    say so in the user's language instead of Django's English page."""
    return render(request, "403.html", {"csrf_failed": True}, status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)
