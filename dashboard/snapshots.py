"""Month-on-month trends (DOMAIN.md §5): each month the figures as they stood on its last day are
kept, for the whole service and for each team, by the same figures the dashboard shows, worked out
in one pass (`figures_for_teams`)."""

import calendar
from collections import defaultdict
from datetime import date

from django.db import transaction

from careleavers.models import Team

from .figures import figures_for_teams
from .models import MonthlySnapshot

#: The figures drawn as trends, each a count from `figures_for` with the words for it.
TRENDS = [
    ("pathway_plans.overdue", "Pathway plan reviews overdue"),
    ("pathway_plans.none", "No authorised pathway plan"),
    ("contact.within_standard", "In touch within the standard"),
    ("accommodation.unsuitable", "In accommodation that is not suitable"),
    ("eet_19_21.neet", "Aged 19 to 21 and not in education, employment or training"),
    ("caseloads.unallocated_requiring_pa", "Need a Personal Adviser and have none"),
]

MONTHS_SHOWN = 12


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def previous_month(day: date) -> date:
    first = month_start(day)
    return (first.replace(year=first.year - 1, month=12) if first.month == 1
            else first.replace(month=first.month - 1))


@transaction.atomic
def snapshot_take(*, month: date) -> int:
    """Keep the figures for `month` (any day in it) as they stood on its last day, for the whole
    service and each team. Taking the same month again replaces what was kept. Returns how many
    snapshots were written."""
    first = month_start(month)
    service, by_team = figures_for_teams(month_end(first), Team.objects.order_by("pk"))
    for team, figures in [(None, service), *by_team.items()]:
        MonthlySnapshot.objects.update_or_create(
            month=first, team=team, defaults={"figures": figures},
        )
    return 1 + len(by_team)


def _count(figures: dict, key: str) -> int:
    value = figures
    for part in key.split("."):
        value = value.get(part, 0) if isinstance(value, dict) else 0
    return value if isinstance(value, int) else 0


def trends(*, teams=None, until: date, months: int = MONTHS_SHOWN) -> list[dict]:
    """For each figure in TRENDS, its count month by month over the last `months` months kept
    up to `until`: the whole service's (teams None), or the total of the teams given. One query.
    """
    since = month_start(until)
    for _ in range(months - 1):
        since = previous_month(since)
    kept = MonthlySnapshot.objects.filter(month__gte=since, month__lte=until)
    kept = kept.filter(team__isnull=True) if teams is None else kept.filter(team__in=teams)
    by_month: dict[date, list[dict]] = defaultdict(list)
    for snapshot in kept.order_by("month", "team_id"):
        by_month[snapshot.month].append(snapshot.figures)
    shown = sorted(by_month)
    return [
        {"key": key, "label": label,
         "points": [(month, sum(_count(f, key) for f in by_month[month])) for month in shown]}
        for key, label in TRENDS
    ]
