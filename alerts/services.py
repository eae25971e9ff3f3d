"""The daily checks (INTERFACES.md §5): what the nightly job does, for one date.

The `run_daily_checks` command and the Celery task both call `daily_checks_run`. Each step is
idempotent, so running it twice for one date changes nothing the second time.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max

from accommodation.models import PlacementAlert
from accommodation.notifications import placement_alert_notify
from eligibility.models import StatusChange
from eligibility.services import statuses_bring_up_to_date

from .alerts import alerts_sync
from .models import Alert


@dataclass(frozen=True)
class DailyChecks:
    on: date
    statuses_changed: int
    # Young person pk: the facts of their standing that no longer matched their records (the
    # date moved them), now mended.
    standings_moved: dict[int, list[str]]
    status_changes: list[StatusChange]  # the changes this run made, oldest first
    alerts_raised: list[Alert]
    alerts_resolved: list[Alert]
    placement_alerts_sent: int  # emails that could not be queued when the move was recorded


def daily_checks_run(*, on: date) -> DailyChecks:
    """Bring everything that depends on the date up to date for `on`: statuses move on
    birthdays and dated events (DOMAIN.md §1); then each young person's standing is derived
    again and written where it moved, and alerts are raised and resolved against them
    (DOMAIN.md §2); and placement alert emails that could not be queued when the
    move was recorded (the queue was down) are sent now."""
    before = StatusChange.objects.aggregate(last=Max("pk"))["last"] or 0
    changed = statuses_bring_up_to_date(on=on)
    changes = list(
        StatusChange.objects.filter(pk__gt=before, recorded_by__isnull=True, effective_on=on)
        .select_related("young_person")
        .order_by("pk")
    )
    alerts = alerts_sync(on=on)
    unsent = PlacementAlert.objects.filter(notified_at__isnull=True).values_list("pk", flat=True)
    sent = sum(placement_alert_notify(alert_id=pk) for pk in list(unsent))
    return DailyChecks(on=on, statuses_changed=changed, standings_moved=alerts.standings_moved,
                       status_changes=changes,
                       alerts_raised=alerts.raised, alerts_resolved=alerts.resolved,
                       placement_alerts_sent=sent)
