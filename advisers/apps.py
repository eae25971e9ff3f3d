from django.apps import AppConfig


class AdvisersConfig(AppConfig):
    name = "advisers"
    verbose_name = "Personal Advisers and contacts"

    def ready(self):
        # Adds the Personal Adviser and contact panel to the young person's record.
        from . import record_parts  # noqa: F401
