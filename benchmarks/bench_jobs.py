"""The scheduled jobs: the nightly checks (02:00) and the monthly snapshot (03:00 on the 1st).
They write what they would write on a real night, so later benchmarks see statuses checked and
alerts raised."""

from datetime import timedelta

from alerts.services import daily_checks_run
from dashboard.snapshots import snapshot_take

from .harness import measure

NIGHT = 15 * 60
SNAPSHOT = 10


def bench_nightly_checks(data):
    # The first night checks everyone from their records (as each week does) and raises every
    # alert the loaded records call for; then three ordinary nights in a row, which check only
    # those the day may move, then a fourth under tracemalloc. The same date twice would change
    # nothing and measure nothing.
    everyone = iter(data.today + timedelta(days=n) for n in range(2))
    weekly = measure(
        "daily_checks_run, everyone from their records (the first night, then weekly)",
        lambda: daily_checks_run(on=next(everyone)), warm_up=0, runs=1,
        target_on="max", target_seconds=NIGHT, memory_target_mb=1024,
        memory_work=lambda: daily_checks_run(on=next(everyone), everyone=True),
        why="15 min, under 1 GB: the nightly checks start at 02:00 and must be done well "
            "before the monthly snapshot at 03:00 and the morning emails at 06:30, on a worker "
            "that also makes PDFs.",
    )
    assert weekly.value.everyone
    nights = iter(data.today + timedelta(days=n) for n in range(2, 6))
    result = measure(
        "daily_checks_run, an ordinary night (three in a row)",
        lambda: daily_checks_run(on=next(nights)), warm_up=0, runs=3,
        target_on="max", target_seconds=15, memory_target_mb=1024,
        why="15 s: a night checks only the young people the day may move (a birthday, a date "
            "passing, a record dated ahead), so it costs what the day changes, not what the "
            "caseload holds.",
    )
    assert not result.value.everyone
    assert result.value.on == data.today + timedelta(days=4)
    assert weekly.met, weekly.failure()
    assert result.met, result.failure()


def bench_monthly_snapshot(data):
    result = measure(
        "snapshot_take (whole service and each team)",
        lambda: snapshot_take(month=data.today), warm_up=0, runs=2,
        target_on="max", target_seconds=SNAPSHOT,
        why="10 s: the monthly snapshot works out the figures for the whole service and every "
            "team in one pass over the records (figures_for_teams), so it costs about one "
            "figures_for for the service as it stood, not one for each team.",
    )
    assert result.value == 1 + data.counts["teams"]
    assert result.met, result.failure()
