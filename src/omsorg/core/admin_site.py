"""The admin site without a login of its own: one login page and one throttle for every way in.

Django's admin has its own login form, unthrottled (the security test found eight wrong passwords
answered 200 each, and the right one accepted while /logg-inn/ was locked). Here the admin's login
sends the browser to /logg-inn/ (throttled, with the second factor) and back, and its logout is
the app's logout, which also revokes the user's API tokens.

The app's views are imported where they are used, not when the admin loads: every process
loads the admin (`django.setup()`), and the views import much of the project, which a shell
command such as `omsorg report kpi` would pay for at each start.
"""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse


class OmsorgAdminSite(admin.AdminSite):
    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect(reverse("admin:index", current_app=self.name))
            from omsorg.core.views import error_403  # at use, as below

            return error_403(request)  # logged in, not an administrator: no login loop
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse(
            "admin:index", current_app=self.name
        )
        return redirect_to_login(next_url, login_url=reverse("login"))

    def logout(self, request, extra_context=None):
        from omsorg.core.views import LogoutView  # at use: the views import half the project

        return LogoutView.as_view()(request)
