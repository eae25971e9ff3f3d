"""Real services for the suite: a throwaway PostgreSQL for every test and, for the tests that ask,
a Redis with a Celery worker and a headless Chromium. Each starts once and stops at the end."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.support import celery_configured

# Playwright's sync API runs an event loop in this thread; the ORM calls beside it are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(args: list[str]) -> list[str]:
    # initdb refuses to run as root: run the server as the postgres user when we are root.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _wait_for_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"Nothing answered on port {port} after {timeout} s")


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL 15 server in a temporary directory, tuned for speed (no fsync)."""
    tmp = Path(tempfile.mkdtemp(prefix="careleavers-pg-"))
    data = tmp / "data"
    port = free_port()
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres", "postgres")
    subprocess.run(
        _as_postgres([str(PG_BIN / "initdb"), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                      "--locale=C", "-D", str(data)]),
        check=True, stdout=subprocess.DEVNULL,
    )
    options = (f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
               # A runaway query fails its test instead of hanging the suite.
               "-c statement_timeout=60000")
    subprocess.run(
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                      str(tmp / "log"), "-w", "start"]),
        check=True, stdout=subprocess.DEVNULL,
    )
    try:
        yield {"HOST": "127.0.0.1", "PORT": str(port), "USER": "postgres"}
    finally:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
        )
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(postgres_server):
    from django.conf import settings
    from django.db import connections

    # Drop any connection made for the default SQLite before the test database is created.
    connections.close_all()
    del connections["default"]
    settings.DATABASES["default"].update(
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "careleavers",
            "PASSWORD": "",
            "CONN_MAX_AGE": 0,
            # The demo's SQLite options mean nothing to PostgreSQL; the service's do.
            "OPTIONS": dict(settings.POSTGRES_OPTIONS),
            **postgres_server,
        }
    )


class RedisServer:
    """A throwaway redis-server on a port of its own, which a test may stop and start again."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="careleavers-redis-"))
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._pid_file = self.dir / "redis.pid"

    @property
    def running(self) -> bool:
        # redis-server removes its pid file as it shuts down.
        return self._pid_file.exists()

    def start(self) -> "RedisServer":
        if self.running:
            return self
        subprocess.run(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "yes", "--pidfile", str(self._pid_file),
             "--dir", str(self.dir)],
            check=True, stdout=subprocess.DEVNULL,
        )
        _wait_for_port(self.port)
        return self

    def stop(self) -> None:
        if not self._pid_file.exists():
            return
        pid = int(self._pid_file.read_text())
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server {pid} did not stop")

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url():
    server = RedisServer().start()
    try:
        yield server.url
    finally:
        server.remove()


def start_celery_worker(broker_url: str) -> subprocess.Popen:
    """A Celery worker process on the test database, taking tasks from `broker_url`. It keeps
    results there too, so a test can read what a task returned; the service itself keeps none."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_RESULT_BACKEND": broker_url,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool", "solo",
         "--loglevel", "WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env,
    )


def stop_celery_worker(worker: subprocess.Popen) -> None:
    worker.terminate()
    worker.wait(timeout=20)


@pytest.fixture(scope="session")
def celery_worker_process(redis_url, django_db_setup, django_db_blocker):
    """A real Celery worker process on the test database, fed through a real Redis, started
    once for the run."""
    from config.celery import app

    worker = start_celery_worker(redis_url)
    try:
        with celery_configured(app, **_worker_conf(redis_url)):
            wait_for_worker(app, worker)
        yield worker
    finally:
        stop_celery_worker(worker)


@pytest.fixture
def celery_worker(celery_worker_process, redis_url):
    """The Celery app sending its tasks to the real worker, for this test only: every other
    test keeps running tasks in-process, whichever ran before it.

    Tests that use it must commit their data (`django_db(transaction=True)`) so the worker's own
    connection can see it.
    """
    from config.celery import app

    with celery_configured(app, **_worker_conf(redis_url)):
        yield app


def _worker_conf(redis_url: str) -> dict:
    return {"broker_url": redis_url, "result_backend": redis_url, "task_always_eager": False}


def wait_for_worker(app, worker):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if app.control.inspect(timeout=0.5).ping():
            return
        if worker.poll() is not None:
            raise RuntimeError("The Celery worker stopped during start-up")
    raise RuntimeError("The Celery worker did not answer a ping within 30 s")


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()




@pytest.fixture
def teams(db):
    from tests.factories import TeamFactory

    return {"north": TeamFactory(team_id="north", name="North"),
            "south": TeamFactory(team_id="south", name="South")}


@pytest.fixture
def staff(teams):
    """The people the tests talk about: one of each role, in the north team where it has one."""
    from careleavers.models import Role
    from tests.factories import StaffFactory

    north, south = teams["north"], teams["south"]
    return {
        "pa": StaffFactory(username="pa", role=Role.PERSONAL_ADVISER, teams=[north]),
        "colleague": StaffFactory(username="colleague", role=Role.PERSONAL_ADVISER, teams=[north]),
        "other_pa": StaffFactory(username="other_pa", role=Role.PERSONAL_ADVISER, teams=[south]),
        "manager": StaffFactory(username="manager", role=Role.TEAM_MANAGER, teams=[north]),
        "other_manager": StaffFactory(username="other_manager", role=Role.TEAM_MANAGER,
                                      teams=[south]),
        "duty": StaffFactory(username="duty", role=Role.DUTY_MANAGER),
        "service": StaffFactory(username="service", role=Role.SERVICE_MANAGER),
        "board": StaffFactory(username="board", role=Role.BOARD_MEMBER),
        "admin": StaffFactory(username="admin", role=Role.ADMINISTRATOR, is_staff=True,
                              is_superuser=True),
    }


@pytest.fixture(autouse=True)
def _same_made_up_values_in_every_run():
    """Factories draw names and dates from one shared random source: seeded afresh for each test,
    a test sees the same values alone as in the full run, whatever ran before it."""
    import factory.random

    factory.random.reseed_random("leaving-care-tests")
