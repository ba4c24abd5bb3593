"""Django's admin with the site that logs in through /logg-inn/ (core/admin_site.py).

Its own module: INSTALLED_APPS imports it before the models are ready, and core/apps.py must hold
only the core app's config (Django picks an app's config by the classes its apps.py holds).
"""

from django.contrib.admin.apps import AdminConfig


class OmsorgAdminConfig(AdminConfig):
    default_site = "omsorg.core.admin_site.OmsorgAdminSite"
