from datetime import date

from celery import shared_task
from django.utils import timezone

from .snapshots import previous_month, snapshot_take


@shared_task
def take_monthly_snapshot(month_iso: str | None = None) -> dict:
    """The monthly job (CELERY_BEAT_SCHEDULE "monthly-snapshot"): keep last month's figures for
    the trends, or a given month's (any day in it). Taking a month again replaces it."""
    month = date.fromisoformat(month_iso) if month_iso else previous_month(timezone.localdate())
    taken = snapshot_take(month=month)
    return {"month": month.replace(day=1).isoformat(), "snapshots": taken}
