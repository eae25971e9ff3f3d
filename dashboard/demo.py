"""Demo figures kept month by month, as the monthly job would have kept them, so the dashboard's
trends and the board pack's comparisons have something to show. They are worked out from the demo
records with the same `snapshot_take` the monthly job runs."""

from careleavers.demo import DemoContext, demo_step
from eligibility.rules import add_months

from .models import MonthlySnapshot
from .snapshots import month_start, snapshot_take

#: The months before this one kept: enough for a year's trend and the same month last year.
DEMO_MONTHS = 13


@demo_step(order=90)
def keep_monthly_snapshots(ctx: DemoContext) -> None:
    this_month = month_start(ctx.today)
    months = [add_months(this_month, -back) for back in range(DEMO_MONTHS, 0, -1)]
    kept = set(MonthlySnapshot.objects.filter(team__isnull=True, month__in=months)
               .values_list("month", flat=True))
    taken = [month for month in months if month not in kept]
    for month in taken:
        snapshot_take(month=month)
    ctx.report.append(f"Monthly figures kept for {len(taken)} months.")
