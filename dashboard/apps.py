from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = "Dashboard and reports"

    def ready(self):
        # Adds "What needs doing" to staff home pages.
        from . import home_panels  # noqa: F401
