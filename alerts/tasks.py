from collections import Counter
from datetime import date

from celery import shared_task
from django.utils import timezone

from .digest import digests_send
from .services import daily_checks_run

# The task names are those the jobs had when they lived in `dashboard`: the beat schedule and tasks
# already waiting in the outbox (careleavers.QueuedTask) name them so.


def _day(on_iso: str | None) -> date:
    return date.fromisoformat(on_iso) if on_iso else timezone.localdate()


@shared_task(name="dashboard.tasks.run_daily_checks")
def run_daily_checks(on_iso: str | None = None) -> dict:
    """The nightly job (CELERY_BEAT_SCHEDULE "daily-checks"), for today unless a date is given."""
    on = _day(on_iso)
    checks = daily_checks_run(on=on)
    facts_moved = Counter(fact for facts in checks.standings_moved.values() for fact in facts)
    return {"on": on.isoformat(), "everyone": checks.everyone,
            "statuses_decided": checks.statuses_decided,
            "statuses_changed": checks.statuses_changed,
            "standings_mended": len(checks.standings_moved),
            "standing_facts_moved": dict(sorted(facts_moved.items())),
            "alerts_raised": len(checks.alerts_raised),
            "alerts_resolved": len(checks.alerts_resolved),
            "placement_alerts_sent": checks.placement_alerts_sent}


@shared_task(name="dashboard.tasks.send_morning_digests")
def send_morning_digests(on_iso: str | None = None) -> dict:
    """The morning email (CELERY_BEAT_SCHEDULE "morning-digest"), after the nightly checks.
    Sending it again for a date sends nothing new."""
    on = _day(on_iso)
    run = digests_send(on=on)
    return {"on": on.isoformat(), "sent": run.sent, "already_sent": run.already_sent}
