from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path

from omsorg.api import api
from omsorg.core.views import LoginView

handler403 = "omsorg.core.views.error_403"
handler404 = "omsorg.core.views.error_404"

urlpatterns = [
    path("logg-inn/", LoginView.as_view(), name="login"),
    path("logg-ut/", LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("omsorg.people.urls")),
    path("", include("omsorg.cases.urls")),
    path("", include("omsorg.respite.urls")),
    path("", include("omsorg.steering.urls")),
]
