from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RespiteConfig(AppConfig):
    name = "omsorg.respite"
    label = "respite"
    verbose_name = _("Respite homes")
