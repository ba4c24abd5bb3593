from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from omsorg.api import api
from omsorg.core import twofactor_views
from omsorg.core import views as core_views

handler403 = "omsorg.core.views.error_403"
handler404 = "omsorg.core.views.error_404"

urlpatterns = [
    path("logg-inn/", core_views.LoginView.as_view(), name="login"),
    path("logg-ut/", core_views.LogoutView.as_view(), name="logout"),
    path("logg-inn/kode/", twofactor_views.login_verify, name="login_verify"),
    path("logg-inn/ny-kode/", twofactor_views.login_enrol, name="login_enrol"),
    path("konto/", core_views.account, name="account"),
    path("konto/tofaktor/", twofactor_views.account_twofactor, name="account_twofactor"),
    path(
        "konto/gjenopprettingskoder/",
        twofactor_views.account_recovery_codes,
        name="account_recovery_codes",
    ),
    path(
        "konto/token/<int:token_id>/trekk-tilbake/",
        core_views.account_token_revoke,
        name="account_token_revoke",
    ),
    path(
        "konto/token/trekk-tilbake/",
        core_views.account_tokens_revoke_all,
        name="account_tokens_revoke_all",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("omsorg.people.urls")),
    path("", include("omsorg.cases.urls")),
    path("", include("omsorg.respite.urls")),
    path("", include("omsorg.homecare.urls")),
    path("", include("omsorg.steering.urls")),
    path("", include("omsorg.staffing.urls")),
]

if settings.OMSORG_OIDC_ENABLED:
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
