from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "pathways"
    verbose_name = "Pathway plans"

    def ready(self):
        # services: registers the early review that follows a significant change
        # (careleavers.services). record_parts: adds the pathway plan panel to the young person's
        # record, and the plan column to the caseload pages (careleavers.record).
        from . import record_parts, services  # noqa: F401
