from datetime import date

from celery import shared_task
from django.utils import timezone

from .board import board_pack_make
from .digest import digests_send
from .services import daily_checks_run
from .snapshots import previous_month, snapshot_take


def _day(on_iso: str | None) -> date:
    return date.fromisoformat(on_iso) if on_iso else timezone.localdate()


@shared_task
def run_daily_checks(on_iso: str | None = None) -> dict:
    """The nightly job (CELERY_BEAT_SCHEDULE "daily-checks"), for today unless a date is given."""
    on = _day(on_iso)
    checks = daily_checks_run(on=on)
    return {"on": on.isoformat(), "statuses_changed": checks.statuses_changed,
            "alerts_raised": len(checks.alerts_raised),
            "alerts_resolved": len(checks.alerts_resolved),
            "placement_alerts_sent": checks.placement_alerts_sent}


@shared_task
def send_morning_digests(on_iso: str | None = None) -> dict:
    """The morning email (CELERY_BEAT_SCHEDULE "morning-digest"), after the nightly checks.
    Sending it again for a date sends nothing new."""
    on = _day(on_iso)
    run = digests_send(on=on)
    return {"on": on.isoformat(), "sent": run.sent, "already_sent": run.already_sent}


@shared_task
def take_monthly_snapshot(month_iso: str | None = None) -> dict:
    """The monthly job (CELERY_BEAT_SCHEDULE "monthly-snapshot"): keep last month's figures for
    the trends, or a given month's (any day in it). Taking a month again replaces it."""
    month = date.fromisoformat(month_iso) if month_iso else previous_month(timezone.localdate())
    taken = snapshot_take(month=month)
    return {"month": month.replace(day=1).isoformat(), "snapshots": taken}


@shared_task
def make_board_pack(file_id: int) -> dict:
    """Make one requested board pack PDF (dashboard.board.board_pack_make). Running it again for
    a file already made changes nothing."""
    made = board_pack_make(file_id)
    return {"file": file_id, "made": made}
