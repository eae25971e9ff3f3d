"""The monthly Celery job that keeps last month's figures for the trends."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings

from dashboard.models import MonthlySnapshot
from dashboard.tasks import take_monthly_snapshot

pytestmark = pytest.mark.django_db


def test_celery_beat_takes_the_snapshot_on_the_first_of_each_month():
    entry = settings.CELERY_BEAT_SCHEDULE["monthly-snapshot"]
    assert entry["task"] == take_monthly_snapshot.name
    assert entry["schedule"].day_of_month == {1}


def test_on_the_first_of_the_month_it_keeps_last_month_once_however_often_it_runs(teams):
    with time_machine.travel(datetime(2026, 3, 1, 3, 0, tzinfo=ZoneInfo("Europe/London")),
                             tick=False):
        first = take_monthly_snapshot.apply().get()
        second = take_monthly_snapshot.apply().get()

    assert first == second == {"month": "2026-02-01", "snapshots": 3}  # service + 2 teams
    assert sorted(MonthlySnapshot.objects.values_list("month", flat=True)) == [date(2026, 2, 1)] * 3
    assert MonthlySnapshot.objects.filter(team__isnull=True).get().figures["on"] == "2026-02-28"


def test_a_month_can_be_taken_again_by_date(teams):
    result = take_monthly_snapshot.apply(args=["2025-12-15"]).get()

    assert result["month"] == "2025-12-01"
