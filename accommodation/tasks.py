from celery import shared_task

from .notifications import placement_alert_notify


@shared_task
def send_placement_alert(alert_id: int) -> bool:
    """Email the team managers about a placement alert. Idempotent: a second run sends nothing."""
    return placement_alert_notify(alert_id=alert_id)
