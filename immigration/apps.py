from django.apps import AppConfig


class ImmigrationConfig(AppConfig):
    name = "immigration"
    verbose_name = "Immigration"

    def ready(self):
        # Adds their immigration position to the young person's record page.
        from . import record_parts  # noqa: F401
