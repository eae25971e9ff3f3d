from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "eligibility"
    verbose_name = "Statutory status"

    def ready(self):
        # Registers the status recompute with careleavers' identity services, and the status
        # panel and changes on the young person's record page.
        from . import record_parts, services  # noqa: F401
