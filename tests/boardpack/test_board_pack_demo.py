"""The demo keeps a year and a month of figures, as the monthly job would have, so the demo board
pack has a month before and a same month last year to compare with; running it again keeps
nothing twice."""

import pytest
from django.utils import timezone

from careleavers.demo import DemoContext
from dashboard.demo import keep_monthly_snapshots
from dashboard.models import MonthlySnapshot
from dashboard.snapshots import month_start, previous_month
from eligibility.rules import add_months

pytestmark = pytest.mark.django_db


def context(teams) -> DemoContext:
    return DemoContext(seed=1, count=0, today=timezone.localdate(), now=timezone.now(),
                       teams=teams, staff={}, staff_teams={})


def test_the_demo_keeps_the_last_13_months_once(teams):
    ctx = context(teams)

    keep_monthly_snapshots(ctx)
    keep_monthly_snapshots(ctx)

    this_month = month_start(ctx.today)
    kept = list(MonthlySnapshot.objects.filter(team__isnull=True).values_list("month", flat=True))
    assert kept == [add_months(this_month, -back) for back in range(13, 0, -1)]
    assert kept[-1] == previous_month(this_month)
    # The teams' too, for the dashboard's trends.
    assert MonthlySnapshot.objects.filter(team=teams["north"]).count() == 13
    assert ctx.report == ["Monthly figures kept for 13 months.",
                          "Monthly figures kept for 0 months."]
