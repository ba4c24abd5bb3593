from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "omsorg.people"
    label = "people"
    verbose_name = _("Persons")

    def ready(self):
        from omsorg.core.models import Role
        from omsorg.people.access import (
            assigned_persons,
            assigned_to_unit,
            register_active_case_provider,
            register_need_provider,
        )

        register_need_provider(Role.CARE_WORKER, assigned_persons)
        register_active_case_provider(assigned_to_unit)
