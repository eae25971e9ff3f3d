from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "health"
    verbose_name = "Health and family"

    def ready(self):
        # Adds their health and their own children to the young person's record page and the
        # plan's health section; keeps the health record's disability with their details'.
        from . import record_parts, services  # noqa: F401
