"""Alerts: what needs doing for each young person, kept true as their records change.

Each condition asks the package that owns the fact, through the same selector its pages and the
figures use, so an alert and a number on the dashboard mean the same thing. `alerts_sync` raises
an alert when its condition starts to hold and resolves it the day it clears; running it twice
for one date changes nothing. Every change to a young person's records syncs their alerts in
the same transaction (`alerts_refresh`), so a visit recorded at 10:00 is off the to-do list at
10:00; the nightly checks sync everyone, for what the passing of time changes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from accommodation.models import AccommodationEpisode
from advisers.models import Allocation, Contact, current_on
from advisers.selectors import unallocated_requiring_pa
from careleavers.dates import long_date
from careleavers.models import Role, YoungPerson
from careleavers.services import refresh_on_change
from dashboard.figures import contact_group
from eligibility.selectors import statuses_on
from immigration.rules import leave_ends_soon as leave_ends_within
from immigration.selectors import decisions_not_seen, leave_on
from pathways.models import PathwayPlan, PlanState
from pathways.rules import DUE_SOON_DAYS, PlanStanding
from pathways.selectors import needs_assessments_due, plan_due_on, plan_standing, with_plan_dates
from standing.standings import standings_rebuild

from .models import Alert, AlertKind


def _plans(standing: PlanStanding):
    def condition(young_people, on: date) -> dict[int, str]:
        found = {}
        for row in with_plan_dates(young_people.order_by()).only("pk"):
            if plan_standing(row, on) == standing:
                found[row.pk] = f"Review due {long_date(plan_due_on(row))}"
        return found

    return condition


def needs_assessment_overdue(young_people, on: date) -> dict[int, str]:
    return {
        pk: f"Due {long_date(due.due_on)}: {due.reason}"
        for pk, due in needs_assessments_due(young_people, on=on).items()
        if due.due_on < on
    }


def plan_returned(young_people, on: date) -> dict[int, str]:
    """A plan a manager sent back for changes, not yet sent again: the author has work to do."""
    plans = (
        PathwayPlan.objects.filter(young_person__in=young_people.values("pk"),
                                   state=PlanState.RETURNED)
        .select_related("decided_by").order_by()
    )
    return {
        plan.young_person_id: (
            f"Plan {plan.number} sent back by {plan.decided_by} on "
            f"{long_date(timezone.localtime(plan.decided_at).date())}"
        )
        for plan in plans
    }


def contact_missed(young_people, on: date) -> dict[int, str]:
    """Not in touch within the keep-in-touch standard (DOMAIN.md §2): exactly the young people
    behind the dashboard's `contact.overdue` figure (the same definition, `contact_group`), with
    when they were last seen or spoken to."""
    overdue = contact_group(on, young_people, statuses_on(young_people, on=on))["overdue"]
    last = dict(
        Contact.objects.filter(young_person__in=overdue, contact_at__date__lte=on).in_touch()
        .order_by().values("young_person").annotate(last=Max("contact_at"))
        .values_list("young_person", "last")
    )
    return {
        pk: (f"Last seen or spoken to {long_date(timezone.localtime(last[pk]).date())}"
             if pk in last else "Never seen or spoken to")
        for pk in overdue
    }


def unallocated(young_people, on: date) -> dict[int, str]:
    return {
        pk: "Their status needs a Personal Adviser"
        for pk in unallocated_requiring_pa(young_people, today=on).values_list("pk", flat=True)
    }


def placement_needs_manager(young_people, on: date) -> dict[int, str]:
    """Still in a placement a manager must react to that no manager has marked as seen
    (accommodation's `needing_manager`)."""
    episodes = (
        AccommodationEpisode.objects.filter(young_person__in=young_people.values("pk"))
        .needing_manager(since=on)
        .covering(on)
        .filter(placement_alert__acknowledged_at__isnull=True)
        .order_by("start_on")
    )
    return {
        episode.young_person_id: (
            f"{episode.get_type_code_display()} since {long_date(episode.start_on)}"
        )
        for episode in episodes
    }


def leave_ends_soon(young_people, on: date) -> dict[int, str]:
    """The leave to remain an unaccompanied asylum-seeking young person holds ends within
    `settings.LEAVE_ENDS_SOON_DAYS` (or has ended with nothing newer recorded): a new
    application must be made before it runs out. Clears when a new grant, or longer leave, is
    recorded."""
    days = settings.LEAVE_ENDS_SOON_DAYS
    return {
        pk: (f"{record.get_leave_kind_display()} "
             f"{'ended' if record.leave_expires_on < on else 'ends'} "
             f"{long_date(record.leave_expires_on)}: help them apply to stay before it runs out")
        for pk, record in leave_on(young_people, on=on).items()
        if leave_ends_within(record.leave_expires_on, on=on, days=days)
    }


def immigration_decision(young_people, on: date) -> dict[int, str]:
    """A Home Office or appeal decision (leave granted, or refused) nobody has marked as seen.
    It stays on the list until their Personal Adviser has talked it through with them and marks
    it as seen on their Immigration page; reviewing the plan does not clear it by itself."""
    return {
        pk: (f"{record.summary} on {long_date(record.since)}: talk it through with them, "
             "change their plan if it needs it, then mark it as seen on their Immigration page")
        for pk, record in decisions_not_seen(young_people, on=on).items()
    }


def release_soon(young_people, on: date) -> dict[int, str]:
    """In custody and expected out within `settings.RELEASE_FROM_CUSTODY_SOON_DAYS` (or the date
    has passed with no new place recorded): somewhere to live must be ready for the day they
    come out. Clears when a new place is recorded or the date moves further away."""
    latest = on + timedelta(days=settings.RELEASE_FROM_CUSTODY_SOON_DAYS)
    episodes = (
        AccommodationEpisode.objects.filter(young_person__in=young_people.values("pk"))
        .covering(on).in_custody().filter(expected_release_on__lte=latest)
        .order_by("young_person_id", "start_on")
    )
    return {
        episode.young_person_id: (
            f"Expected out of {episode.custody_establishment or 'custody'} on "
            f"{long_date(episode.expected_release_on)}: arrange somewhere for them to live"
        )
        for episode in episodes
    }


CONDITIONS: dict[str, Callable] = {
    AlertKind.PLAN_OVERDUE: _plans(PlanStanding.OVERDUE),
    AlertKind.PLAN_DUE_SOON: _plans(PlanStanding.DUE_WITHIN_28_DAYS),
    AlertKind.PLAN_RETURNED: plan_returned,
    AlertKind.NEEDS_ASSESSMENT_OVERDUE: needs_assessment_overdue,
    AlertKind.CONTACT_MISSED: contact_missed,
    AlertKind.UNALLOCATED: unallocated,
    AlertKind.PLACEMENT_NEEDS_MANAGER: placement_needs_manager,
    AlertKind.IMMIGRATION_DECISION: immigration_decision,
    AlertKind.LEAVE_ENDS_SOON: leave_ends_soon,
    AlertKind.RELEASE_SOON: release_soon,
}


def alerts_the_date_may_move(*, since: date, on: date) -> Q:
    """A condition on young people: those for whom a condition above may start or stop holding
    on a day after `since`, up to `on`, by the date alone, read from their standing: a plan
    review becoming due within 28 days or overdue, a needs assessment or contact falling
    overdue, leave to remain coming within its warning or ending, an expected release from
    custody coming within its warning (a day's slack either side). The rest turn on records (a
    status, a Personal Adviser, a place, a decision seen), and a change to those refreshes the
    alerts in its own transaction."""
    def falling_due(field, days=0):
        return Q(**{f"standing__{field}__range": (since - timedelta(days=1 - days),
                                                   on + timedelta(days=1 + days))})

    return (falling_due("plan_review_due_on") | falling_due("plan_review_due_on", DUE_SOON_DAYS)
            | falling_due("needs_assessment_due_on") | falling_due("contact_due_on")
            | falling_due("leave_ends_on")
            | falling_due("leave_ends_on", settings.LEAVE_ENDS_SOON_DAYS)
            | falling_due("release_expected_on", settings.RELEASE_FROM_CUSTODY_SOON_DAYS))


@dataclass(frozen=True)
class AlertChanges:
    raised: list[Alert]
    resolved: list[Alert]
    # A sync of everyone: young people whose standing the records no longer matched, and which
    # of its facts moved (`standing.standings.Rebuilt.moved`).
    standings_moved: dict[int, list[str]] = field(default_factory=dict)


@transaction.atomic
def alerts_sync(*, on: date, young_people=None) -> AlertChanges:
    """Raise an alert for each young person a condition holds for on `on` and who has none open
    of that kind; resolve open alerts whose condition no longer holds. The detail of an alert
    still open is brought up to date. An alert raised after `on` (a run for an earlier date) is
    left alone. `young_people` (a queryset) narrows all this to them; everyone by default."""
    everyone = young_people is None
    young_people = YoungPerson.objects.all() if everyone else young_people.order_by()
    # The conditions read each young person's standing. A change refreshes theirs before their
    # alerts (`refresh_on_change` order); a sync of everyone (the nightly checks) starts by
    # deriving every standing from the records, so it raises what the records say. (For a day
    # already past, the conditions read the records as they stood then, not the standing.)
    moved = standings_rebuild(on=on).moved if everyone and on >= timezone.localdate() else {}
    # A change to someone's records syncs their alerts while the nightly run may be syncing
    # everyone's. Their rows are locked (in one order) before anything is read, so one sync
    # waits for the other to commit and works from what it committed: no alert raised twice,
    # none raised again from a read made before a visit was saved. The lock is the kind that
    # still lets rows pointing at them be added (a contact, a page view).
    teams = dict(
        young_people.select_for_update(no_key=True).order_by("pk").values_list("pk", "team_id")
    )
    raised, resolved = [], []
    for kind, condition in CONDITIONS.items():
        holding = condition(young_people, on)
        open_of_kind = Alert.objects.open().filter(kind=kind)
        if not everyone:
            open_of_kind = open_of_kind.filter(young_person__in=list(teams))
        open_alerts = {
            alert.young_person_id: alert for alert in open_of_kind.select_for_update()
        }
        clearing = []
        for pk, alert in open_alerts.items():
            if alert.raised_on > on:
                continue
            if pk not in holding:
                alert.resolved_on = on
                clearing.append(alert)
            elif alert.detail != holding[pk][:300] or alert.team_id != teams.get(pk):
                alert.detail = holding[pk][:300]
                alert.team_id = teams.get(pk)
                alert.save(update_fields=["detail", "team"])
        Alert.objects.bulk_update(clearing, ["resolved_on"])
        resolved += clearing
        raised += Alert.objects.bulk_create([
            Alert(kind=kind, young_person_id=pk, team_id=teams.get(pk), raised_on=on,
                  detail=detail[:300])
            for pk, detail in holding.items()
            if pk not in open_alerts
        ])
    return AlertChanges(raised=raised, resolved=resolved, standings_moved=moved)


@refresh_on_change(order=20)
def alerts_refresh(*, young_person_ids, on: date) -> AlertChanges:
    """What needs doing for these young people, brought up to date in the transaction of the
    change to their records."""
    return alerts_sync(on=on, young_people=YoungPerson.objects.filter(pk__in=young_person_ids))


def alerts_for_adviser(user, *, today: date):
    """Open alerts for the young people this adviser holds today, as PA or covering."""
    return Alert.objects.open().filter(
        Exists(Allocation.objects.filter(current_on(today), young_person=OuterRef("young_person"),
                                         adviser=user))
    ).filter(young_person__in=YoungPerson.objects.visible_to(user).values("pk"))


def alerts_for_manager(user, *, today: date):
    """Open alerts for young people in the team manager's teams (every team for duty and
    service managers)."""
    alerts = Alert.objects.open().filter(
        young_person__in=YoungPerson.objects.visible_to(user).values("pk")
    )
    if user.role == Role.TEAM_MANAGER:
        alerts = alerts.filter(young_person__team__in=user.teams.all())
    return alerts


def alerts_for(user, *, today: date):
    """The open alerts a member of staff should act on: a PA's own young people, a manager's
    team; nobody else has any. Newest-first within the most pressing kind."""
    if user.role == Role.PERSONAL_ADVISER:
        alerts = alerts_for_adviser(user, today=today)
    elif user.role in (Role.TEAM_MANAGER, Role.DUTY_MANAGER, Role.SERVICE_MANAGER):
        alerts = alerts_for_manager(user, today=today)
    else:
        return Alert.objects.none()
    return alerts.select_related("young_person", "team").order_by("kind", "raised_on", "pk")


def ordered_by_kind(alerts) -> list[tuple[str, list[Alert]]]:
    """Alerts grouped by kind, in the order of AlertKind (most pressing first)."""
    groups = {kind: [] for kind in AlertKind}
    for alert in alerts:
        groups[AlertKind(alert.kind)].append(alert)
    return [(kind.label, items) for kind, items in groups.items() if items]

