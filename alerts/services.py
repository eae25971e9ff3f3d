"""The daily checks (INTERFACES.md §5): what the nightly job does, for one date.

The `run_daily_checks` command and the Celery task both call `daily_checks_run`. Each step is
idempotent, so running it twice for one date changes nothing the second time.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max
from django.utils import timezone

from accommodation.models import PlacementAlert
from accommodation.notifications import placement_alert_notify
from careleavers.models import YoungPerson
from careleavers.record import last_checked_on_provider
from eligibility.models import StatusChange
from eligibility.selectors import statuses_the_date_may_move
from eligibility.services import statuses_bring_up_to_date
from standing.facts import dated_since
from standing.standings import standings_rebuild

from .alerts import AlertChanges, alerts_sync, alerts_the_date_may_move
from .models import Alert, DailyCheckRun

#: However narrow the nights, everyone is checked from their records at least this often.
EVERYONE_AT_LEAST_EVERY = timedelta(days=7)


@dataclass(frozen=True)
class DailyChecks:
    on: date
    # None when everyone was checked from their records; otherwise the day the last run
    # checked, and only those the days since may move were.
    since: date | None
    statuses_decided: int
    statuses_changed: int
    # Young person pk: the facts of their standing that no longer matched their records (the
    # date moved them), now mended.
    standings_moved: dict[int, list[str]]
    status_changes: list[StatusChange]  # the changes this run made, oldest first
    alerts_raised: list[Alert]
    alerts_resolved: list[Alert]
    placement_alerts_sent: int  # emails that could not be queued when the move was recorded

    @property
    def everyone(self) -> bool:
        return self.since is None


def _narrow_since(on: date) -> date | None:
    """The day the last run before `on` checked, if this run need check only what the days
    since then may move: a run for an earlier day has finished, none for a later one, and
    everyone was checked from their records within the week. None: check everyone (the first
    run, a week since everyone was, or a run for a day already past, which reads the records
    as they stood)."""
    if on < timezone.localdate():
        return None
    runs = DailyCheckRun.objects.finished()
    if runs.filter(on__gt=on).exists():
        return None
    if not runs.filter(full=True, on__gt=on - EVERYONE_AT_LEAST_EVERY, on__lte=on).exists():
        return None
    return runs.filter(on__lt=on).aggregate(last=Max("on"))["last"]


def _pks(condition) -> list[int]:
    return list(YoungPerson.objects.filter(condition).order_by().values_list("pk", flat=True))


def daily_checks_run(*, on: date, everyone: bool = False) -> DailyChecks:
    """Bring everything that depends on the date up to date for `on`: statuses move on
    birthdays and dated events (DOMAIN.md §1); each young person's standing is derived again
    where the date may have moved it and written where it did, and alerts are raised and
    resolved against them (DOMAIN.md §2); and placement alert emails that could not be
    queued when the move was recorded (the queue was down) are sent now.

    A night checks only the young people the days since the last run may move (their status,
    a fact of their standing or an alert): everyone else's records give what they gave then,
    and every change to them refreshed what is kept in its own transaction. Everyone is
    checked from their records on the first run, with `everyone`, and at least once a week,
    which mends anything a change failed to refresh (`standings_moved` names it)."""
    since = None if everyone else _narrow_since(on)
    run = DailyCheckRun.objects.create(on=on, full=since is None)
    before = StatusChange.objects.aggregate(last=Max("pk"))["last"] or 0
    if since is None:
        decided = YoungPerson.objects.count()
        changed = statuses_bring_up_to_date(on=on)
        alerts = alerts_sync(on=on)
        checked = decided
    else:
        may_move = _pks(statuses_the_date_may_move(since=since, on=on))
        decided = len(may_move)
        changed = statuses_bring_up_to_date(on=on,
                                            young_people=YoungPerson.objects.filter(pk__in=may_move))
        # After the statuses: a status changed tonight is a dated record of its own.
        standing_may_move = _pks(dated_since(since))
        rebuilt = standings_rebuild(
            on=on, young_people=YoungPerson.objects.filter(pk__in=standing_may_move)
        )
        checked = rebuilt.checked
        alerts_may_move = set(standing_may_move) | set(_pks(alerts_the_date_may_move(since=since,
                                                                                      on=on)))
        alerts = alerts_sync(on=on, young_people=YoungPerson.objects.filter(pk__in=alerts_may_move))
        alerts = AlertChanges(raised=alerts.raised, resolved=alerts.resolved,
                              standings_moved=rebuilt.moved)
    changes = list(
        StatusChange.objects.filter(pk__gt=before, recorded_by__isnull=True, effective_on=on)
        .select_related("young_person")
        .order_by("pk")
    )
    unsent = PlacementAlert.objects.filter(notified_at__isnull=True).values_list("pk", flat=True)
    sent = sum(placement_alert_notify(alert_id=pk) for pk in list(unsent))
    DailyCheckRun.objects.filter(pk=run.pk).update(
        finished_at=timezone.now(), statuses_decided=decided, statuses_changed=changed,
        standings_checked=checked, standings_moved=len(alerts.standings_moved),
        alerts_raised=len(alerts.raised), alerts_resolved=len(alerts.resolved),
    )
    return DailyChecks(on=on, since=since, statuses_decided=decided, statuses_changed=changed,
                       standings_moved=alerts.standings_moved, status_changes=changes,
                       alerts_raised=alerts.raised, alerts_resolved=alerts.resolved,
                       placement_alerts_sent=sent)


@last_checked_on_provider
def last_daily_check_on() -> date | None:
    """For pages that say when a status was last checked (eligibility's care history)."""
    return DailyCheckRun.objects.last_on()
