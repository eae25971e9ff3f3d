from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Young people's own access"

    def ready(self):
        # Adds the young person's own access to their record page.
        from . import record_parts  # noqa: F401
