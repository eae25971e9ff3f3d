import os
import runpy
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from kombu import pools

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "config" / "settings.py"


@contextmanager
def celery_configured(app, **conf):
    """Point the already-configured Celery app somewhere else for a while.

    Django's `settings` fixture does not reach a Celery app that has read its configuration, so
    tests set `app.conf` and drop the connection pools built for the old broker.
    """
    previous = {key: app.conf[key] for key in conf}
    _drop_pools(app)
    app.conf.update(conf)
    try:
        yield app
    finally:
        _drop_pools(app)
        app.conf.update(previous)


def _drop_pools(app):
    # kombu keeps producer pools in a global registry keyed by broker URL; one left holding a
    # closed connection pool would fail the next publish to that URL.
    pools.reset()
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
    # The result backend is cached per thread the first time any task runs (eagerly, perhaps).
    app._local.__dict__.pop("backend", None)


def settings_for(**environ: str) -> dict:
    """What config/settings.py sets when started with these environment variables (on top
    of the suite's own), as a deployment would be configured. Reads no .env file."""
    with mock.patch.dict(os.environ, {"ENV_FILE": "/nonexistent", **environ}):
        return runpy.run_path(str(SETTINGS_FILE))


def celery_settings_for(broker_url: str) -> dict:
    """The Celery configuration a deployment with this broker gives the app, as
    `config_from_object(..., namespace="CELERY")` reads it from the settings."""
    settings = settings_for(CELERY_BROKER_URL=broker_url)
    return {name.removeprefix("CELERY_").lower(): value for name, value in settings.items()
            if name.startswith("CELERY_")}


def service_urls(resolver: URLResolver | None = None, prefix: str = ""):
    """(route, pattern) for every URL of the service itself: not Django's admin, nor files."""
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(("admin/", "static/")):
            continue
        if isinstance(pattern, URLResolver):
            yield from service_urls(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def in_another_connection(work, *, start_together: threading.Barrier | None = None):
    """Run `work` in a thread, which Django gives a database connection of its own. Returns the
    thread and a dict that gets the result or the exception."""
    outcome = {}

    def run():
        try:
            if start_together is not None:
                start_together.wait(timeout=10)
            outcome["result"] = work()
        except Exception as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def wait_until_another_connection_waits_for_a_lock(
    timeout: float = 10, *, unless_finished: threading.Thread | None = None
) -> None:
    """Block until some other connection to this database is queued behind a row lock, as
    PostgreSQL itself reports it: proof that the second save waits, with no guess at how long.
    With `unless_finished`, return as well if that thread ends without ever waiting."""
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            if unless_finished is not None and not unless_finished.is_alive():
                return
            # The activity view is read once per transaction unless the snapshot is cleared.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError(f"No other connection waited for a lock within {timeout} s")
