from celery import shared_task
from django.db import connection


@shared_task
def ping() -> dict:
    """Answers from a worker with what it can reach: used to check a worker is really serving."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        database_ok = cursor.fetchone() == (1,)
    return {"pong": True, "database": database_ok}
