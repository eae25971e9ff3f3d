from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    name = "localoffer"
    verbose_name = "The local offer"

    def ready(self):
        # Adds money and support to the young person's record, the plan's money section and
        # the home page of a manager who agrees requests.
        from . import record_parts  # noqa: F401
