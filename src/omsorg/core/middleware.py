"""Friendly error pages also while DEBUG is on (the demo runs with it).

Django answers Http404 and PermissionDenied with its technical page when DEBUG is on, and
handler403/handler404 are used only with DEBUG off. A tester of the demo, a new user, must see
what a user of the real system sees: the page in their language, with a way back. Server errors
(500) keep Django's technical page in development, where the stack trace is what is needed.
The API (/api/) has its own JSON errors and is left alone.
"""

from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import Http404

from omsorg.core.twofactor import second_factor_done, second_factor_required
from omsorg.core.twofactor_views import session_demote
from omsorg.core.views import error_403, error_404

API_PREFIX = "/api/"


class FriendlyErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        unresolved = getattr(request, "resolver_match", None) is None
        if response.status_code == 404 and unresolved and not self._api(request):
            return error_404(request)  # no URL pattern matched: Django's 404 never reached a view
        return response

    def process_exception(self, request, exception):
        if self._api(request):
            return None
        if isinstance(exception, Http404):
            return error_404(request, exception)
        if isinstance(exception, PermissionDenied):
            return error_403(request, exception)
        return None

    @staticmethod
    def _api(request) -> bool:
        return request.path_info.startswith(API_PREFIX)


class SecondFactorMiddleware:
    """No page or API call for a session that owes its second factor.

    The login page never opens such a session; this catches the others (a session from before
    OMSORG_2FA_REQUIRED was switched on, a role changed to one that needs it, a sign-in through
    the identity provider when it does not vouch for a second factor). Pages send the user to the
    code; the API treats the session as none (401 unless a bearer token is sent).
    """

    OPEN = {"login", "login_verify", "login_enrol", "logout", "set_language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not second_factor_required(user):
            return None
        if second_factor_done(request) or request.resolver_match.url_name in self.OPEN:
            return None
        if FriendlyErrorsMiddleware._api(request):
            logout(request)
            return None
        return session_demote(request)
