"""The app's URLs, plus the local OpenID Connect provider (/o/) and the app's OIDC client
(/oidc/), for tests/core/test_oidc.py only."""

from django.urls import include, path

from omsorg import urls as app_urls

handler403 = app_urls.handler403
handler404 = app_urls.handler404

urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    *app_urls.urlpatterns,
]
