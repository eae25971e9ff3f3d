from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Alerts and the nightly checks"

    def ready(self):
        # Adds "What needs doing" to staff home pages.
        from . import home_panels  # noqa: F401
