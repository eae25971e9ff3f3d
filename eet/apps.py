from django.apps import AppConfig


class EetConfig(AppConfig):
    name = "eet"
    verbose_name = "Education, employment and training"

    def ready(self):
        # Adds what they do each day to the young person's record page and to caseload tables.
        from . import record_parts  # noqa: F401
