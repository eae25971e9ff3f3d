"""`make bench`: speed and memory at the scale DESIGN.md plans for, on the same throwaway
PostgreSQL the test suite starts (tests/conftest.py).

The made-up service (benchmarks/dataset.py) is loaded once per run, then each benchmark measures
one page or job against its own target (benchmarks/harness.py). The table of results is printed at
the end and written to test-artifacts/bench.md.

Scale, from the environment: BENCH_YOUNG_PEOPLE (default 100,000) and BENCH_CONTACTS (default
2,000,000), as DESIGN.md "Scale to plan for" says. Smaller numbers are for trying a change out;
targets are set for the full scale. BENCH_PG_OPTIONS passes settings to every connection the
benchmarks make, to try one out before proposing it (for example "-c jit=off").

Benchmarks are not tests: they run with `pytest benchmarks` and their own file pattern
(`bench_*.py`, see the Makefile), never in `make test`. They share one database, committed as
the service's would be (no test transaction), so the nightly job and the snapshot write what they
would write on a real night, and later benchmarks see it.
"""

import os
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import setup_databases, teardown_databases

from tests.conftest import django_db_modify_db_settings, postgres_server  # noqa: F401

from . import dataset
from .harness import NOTES, RESULTS, machine, table, targets

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "test-artifacts" / "bench.md"

YOUNG_PEOPLE = int(os.environ.get("BENCH_YOUNG_PEOPLE", "100000"))
CONTACTS = int(os.environ.get("BENCH_CONTACTS", "2000000"))
PG_OPTIONS = os.environ.get("BENCH_PG_OPTIONS", "")

_load: dict = {}


def _say(config, text: str) -> None:
    capture = config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        sys.stderr.write(text + "\n")
        sys.stderr.flush()


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker,
                    django_db_modify_db_settings):  # noqa: F811 (the fixture imported above)
    """The test database, made with the migrations as the suite makes it. pytest-django's own
    makes only the databases that tests marked `django_db` ask for, and benchmarks are not
    marked: they run outside a test transaction, committing as the service does."""
    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=0)


@pytest.fixture(scope="session")
def bench_data(request, django_db_setup, django_db_blocker) -> dataset.Dataset:
    with django_db_blocker.unblock():
        # Keep connections between requests as production does (DATABASE_CONN_MAX_AGE, 60 s by
        # default); the suite's 0 would add a reconnection to every page.
        connection.settings_dict["CONN_MAX_AGE"] = 60
        if PG_OPTIONS:
            options = connection.settings_dict["OPTIONS"]
            options["options"] = f"{options.get('options', '')} {PG_OPTIONS}".strip()
        connection.close()
        _say(request.config, f"\nLoading {YOUNG_PEOPLE:,} young people and {CONTACTS:,} "
                             "contacts into PostgreSQL…")
        started = time.monotonic()
        data = dataset.build(young_people=YOUNG_PEOPLE, contacts=CONTACTS,
                             log=lambda text: _say(request.config, text))
        _load["seconds"] = time.monotonic() - started
        _load["data"] = data
        with connection.cursor() as cursor:
            cursor.execute("SELECT version(), pg_size_pretty(pg_database_size(current_database()))")
            _load["postgres"], _load["size"] = cursor.fetchone()
        _say(request.config, f"Loaded in {_load['seconds'] / 60:.1f} minutes "
                             f"({_load['size']} on disk).")
    return data


@pytest.fixture
def data(bench_data, django_db_blocker) -> dataset.Dataset:
    """The loaded service, with the database open to the benchmark."""
    with django_db_blocker.unblock():
        yield bench_data


def pytest_collection_modifyitems(items):
    """The scheduled jobs last: they move statuses on and raise alerts for the nights they run,
    and every other benchmark measures the service as it was loaded."""
    items.sort(key=lambda item: item.path.name == "bench_jobs.py")


def _report() -> str:
    data: dataset.Dataset | None = _load.get("data")
    lines = [
        "# Benchmarks",
        "",
        f"Run on {datetime.now():%-d %B %Y at %H:%M}, {machine()}.",
    ]
    if data is not None:
        counts = ", ".join(f"{name.replace('_', ' ')} {count:,}"
                           for name, count in data.counts.items())
        lines += [
            f"PostgreSQL: {_load['postgres'].split(' on ')[0]}, the suite's throwaway server "
            f"(default settings, fsync off; the service's options "
            f"{connection.settings_dict['OPTIONS'].get('options', 'none')}); "
            f"Python {sys.version.split()[0]}.",
            "",
            f"Scale: BENCH_YOUNG_PEOPLE={YOUNG_PEOPLE}, BENCH_CONTACTS={CONTACTS}. "
            f"Loaded in {_load['seconds'] / 60:.1f} minutes, {_load['size']} on disk: "
            f"{counts}.",
            "",
            "Statuses: " + ", ".join(f"{status} {count:,}" for status, count in
                                      sorted(data.statuses.items(), key=lambda i: -i[1])) + ".",
            "",
            f"Opened: team {data.team_id} (the largest); Personal Adviser "
            f"{data.personal_adviser} ({data.caseload} young people, the fullest caseload); "
            f"a record with {data.record_contacts} contacts; search for "
            f"\"{data.surname}\" ({data.surname_count:,} young people).",
        ]
    lines += [*(f"\n{note}" for note in NOTES), "", table(RESULTS), "", "## Targets, and why",
              "", targets(RESULTS), ""]
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter):
    if not RESULTS:
        return
    report = _report()
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(report)
    terminalreporter.write_sep("=", "benchmarks")
    terminalreporter.write_line(report)
    terminalreporter.write_line(f"\nWritten to {REPORT.relative_to(ROOT)}")
