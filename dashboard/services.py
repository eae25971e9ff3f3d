"""The daily checks (INTERFACES.md §5): what the nightly job does, for one date.

The `run_daily_checks` command and the Celery task both call `daily_checks_run`. Each step is
idempotent, so running it twice for one date changes nothing the second time.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max

from eligibility.models import StatusChange
from eligibility.services import statuses_bring_up_to_date


@dataclass(frozen=True)
class DailyChecks:
    on: date
    statuses_changed: int
    status_changes: list[StatusChange]  # the changes this run made, oldest first


def daily_checks_run(*, on: date) -> DailyChecks:
    """Bring everything that depends on the date up to date for `on`: statuses move on
    birthdays and dated events (DOMAIN.md §1)."""
    before = StatusChange.objects.aggregate(last=Max("pk"))["last"] or 0
    changed = statuses_bring_up_to_date(on=on)
    changes = list(
        StatusChange.objects.filter(pk__gt=before, recorded_by__isnull=True, effective_on=on)
        .select_related("young_person")
        .order_by("pk")
    )
    return DailyChecks(on=on, statuses_changed=changed, status_changes=changes)
