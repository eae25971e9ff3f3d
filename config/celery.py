import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# Named for the service, as it was when the app lived in careleavers/; the name appears in
# worker logs only.
app = Celery("careleavers")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
