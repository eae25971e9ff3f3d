from celery import shared_task
from celery.signals import worker_ready
from django.db import connection

from .queue import queued_tasks_publish


@shared_task
def ping() -> dict:
    """Answers from a worker with what it can reach: used to check a worker is really serving."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        database_ok = cursor.fetchone() == (1,)
    return {"pong": True, "database": database_ok}


@shared_task
def publish_queued_tasks() -> dict:
    """Hand Redis the tasks queued while it was down (CELERY_BEAT_SCHEDULE
    "publish-queued-tasks"). Running it again sends nothing twice."""
    return {"published": queued_tasks_publish()}


@worker_ready.connect
def _publish_what_waited(sender, **kwargs):
    # A worker starting is often Redis coming back: catch up at once, not at the next minute.
    publish_queued_tasks.apply_async(ignore_result=True)
