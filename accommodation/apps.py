from django.apps import AppConfig


class AccommodationConfig(AppConfig):
    name = "accommodation"
    verbose_name = "Accommodation"

    def ready(self):
        # Adds where they live to the young person's record page.
        from . import record_parts  # noqa: F401
