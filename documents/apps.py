from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents"

    def ready(self):
        # Adds the documents panel and each upload to the young person's record page.
        from . import record_parts  # noqa: F401
