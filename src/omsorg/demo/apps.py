from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "omsorg.demo"
    label = "demo"
    verbose_name = "Demo data"
