from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "omsorg.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self):
        from omsorg.cases.selectors import persons_with_active_case, persons_with_grant_from_unit
        from omsorg.core.models import Role
        from omsorg.people.access import register_active_case_provider, register_need_provider

        register_need_provider(Role.SERVICE_LEADER, persons_with_grant_from_unit)
        register_active_case_provider(persons_with_active_case)
