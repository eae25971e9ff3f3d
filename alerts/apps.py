from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Alerts and the nightly checks"

    def ready(self):
        # home_panels: adds "What needs doing" to staff home pages. services: tells pages when
        # the nightly checks last finished (careleavers.record).
        from . import home_panels, services  # noqa: F401
