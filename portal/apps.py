from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Young people's own access"

    def ready(self):
        # Adds the young person's own access, and what they ask on their own pages, to their
        # record and to staff home pages.
        from . import record_parts  # noqa: F401
