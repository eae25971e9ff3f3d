from datetime import date

from celery import shared_task
from django.utils import timezone

from .services import daily_checks_run


@shared_task
def run_daily_checks(on_iso: str | None = None) -> dict:
    """The nightly job (CELERY_BEAT_SCHEDULE "daily-checks"), for today unless a date is given."""
    on = date.fromisoformat(on_iso) if on_iso else timezone.localdate()
    checks = daily_checks_run(on=on)
    return {"on": on.isoformat(), "statuses_changed": checks.statuses_changed}
