"""The admin site without a login of its own: one login page and one throttle for every way in.

Django's admin has its own login form, unthrottled (the security test found eight wrong passwords
answered 200 each, and the right one accepted while /logg-inn/ was locked). Here the admin's login
sends the browser to /logg-inn/ (throttled, with the second factor) and back, and its logout is
the app's logout, which also revokes the user's API tokens.
"""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from omsorg.core.views import LogoutView, error_403


class OmsorgAdminSite(admin.AdminSite):
    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect(reverse("admin:index", current_app=self.name))
            return error_403(request)  # logged in, not an administrator: no login loop
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse(
            "admin:index", current_app=self.name
        )
        return redirect_to_login(next_url, login_url=reverse("login"))

    def logout(self, request, extra_context=None):
        return LogoutView.as_view()(request)
