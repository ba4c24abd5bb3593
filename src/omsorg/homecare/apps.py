from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomecareConfig(AppConfig):
    name = "omsorg.homecare"
    label = "homecare"
    verbose_name = _("Home-based services")

    def ready(self):
        from omsorg.core.models import Role
        from omsorg.homecare.selectors import persons_on_route
        from omsorg.people.access import register_need_provider

        # A care worker reads the persons on her route today (issue 10 §4), nobody else's.
        register_need_provider(Role.CARE_WORKER, persons_on_route)
