from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "pathways"
    verbose_name = "Pathway plans"

    def ready(self):
        # services: registers the early review that follows a significant change
        # (careleavers.services). record_parts: adds the pathway plan panel to the young person's
        # record, and the plan column to the caseload pages (careleavers.record). home_panels:
        # the plans waiting for authorisation on a deciding manager's home page.
        from . import home_panels, record_parts, services  # noqa: F401
