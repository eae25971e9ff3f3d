from celery import shared_task

from .notifications import invitation_notify


@shared_task
def send_invitation_email(access_id: int, sign_in_url: str) -> bool:
    """Email a young person their invitation. Idempotent: a second run sends nothing."""
    return invitation_notify(access_id=access_id, sign_in_url=sign_in_url)
