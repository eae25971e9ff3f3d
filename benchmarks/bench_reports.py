"""Statutory lists for a service manager: Ofsted's Annex A List 9, made in the web request that
downloads it (gunicorn stops a request after 60 s, Dockerfile, so it must be made well inside
that), and the DfE's SSDA903 care leaver return, which the worker prepares while the page shows
its progress, as it makes the board pack."""

import pytest

from returns.annex_a import list_9_rows

from .harness import measure

IN_REQUEST = 5
WHY = ("5 s median: made inside the web request that downloads it, for today from each young "
       "person's standing, so a service manager waits no longer than for any large download.")


def bench_annex_a_list_9(data):
    result = measure("Annex A List 9 rows (whole service)", lambda: list_9_rows(data.today),
                     runs=3, target_seconds=IN_REQUEST, why=WHY)
    # Everyone supported today: the jobs that move statuses on run after this.
    assert len(result.value) == sum(
        count for status, count in data.statuses.items() if status != "not_entitled")
    assert result.met, result.failure()


BY_THE_WORKER = 120
WHY_WORKER = ("2 min median: the worker prepares the return while the service manager watches "
              "its progress on the page, once or twice a year; longer than a couple of minutes "
              "and they would give up on the page and ask again.")


def bench_ssda903_return(data):
    returns_903 = pytest.importorskip("returns.returns_903")
    year = returns_903.latest_ended_year(data.today)
    result = measure(f"SSDA903 care leaver return {year - 1}-{year % 100:02d} (whole service, "
                     "by the worker)",
                     lambda: returns_903.return_903(year, today=data.today),
                     runs=3, target_seconds=BY_THE_WORKER, why=WHY_WORKER)
    assert len(result.value.oc3) > 0
    assert result.met, result.failure()
