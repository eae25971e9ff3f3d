from celery import shared_task

from .notifications import reallocation_notify


@shared_task
def send_reallocation_email(reallocation_id: int) -> bool:
    """Email a Personal Adviser the young people moved to them. Idempotent: a second run sends
    nothing."""
    return reallocation_notify(reallocation_id=reallocation_id)
