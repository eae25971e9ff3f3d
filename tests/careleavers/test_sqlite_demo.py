"""The demo on SQLite: several people saving at once wait their turn instead of getting a
"database is locked" error."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import settings_for

ROOT = Path(__file__).resolve().parents[2]

SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; "
                    "PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
}

# Each person renames the same team again and again: team_upsert reads the team, then writes
# it and its history, in one transaction, as every save in the service does.
SAVES = """
import os, time
from careleavers.services import team_upsert
who = os.environ["WHO"]
while time.time() < float(os.environ["START_AT"]):
    time.sleep(0.001)
for number in range(int(os.environ["SAVES"])):
    team_upsert(actor=None, team_id="north", name=f"North {who} {number}")
print("saved")
"""


def demo_env(database: Path, **extra) -> dict:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "CELERY_"))}
    env.update(DEBUG="true", ENV_FILE="/nonexistent", DATABASE_URL=f"sqlite:///{database}",
               DJANGO_SETTINGS_MODULE="config.settings", **extra)
    return env


def manage(env: dict, *args, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def test_the_demo_database_waits_for_a_writer_instead_of_failing():
    settings = settings_for(DEBUG="true", DATABASE_URL="sqlite:////tmp/demo.sqlite3")

    assert settings["DATABASES"]["default"]["OPTIONS"] == SQLITE_OPTIONS


def test_postgresql_is_given_no_sqlite_options():
    settings = settings_for(DATABASE_URL="postgres://careleavers@db:5432/careleavers")

    assert "init_command" not in settings["DATABASES"]["default"].get("OPTIONS", {})


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory) -> Path:
    database = tmp_path_factory.mktemp("demo") / "db.sqlite3"
    migrate = manage(demo_env(database), "migrate", "--noinput", "-v0")
    _, errors = migrate.communicate(timeout=300)
    assert migrate.returncode == 0, errors
    setup = manage(demo_env(database), "shell", "--no-imports", "-c",
                   "from careleavers.services import team_upsert; "
                   "team_upsert(actor=None, team_id='north', name='North')")
    _, errors = setup.communicate(timeout=60)
    assert setup.returncode == 0, errors
    return database


def test_four_people_saving_at_once_on_the_demo_all_succeed(demo_database):
    start_at = str(time.time() + 4)  # once every process has started Django
    people = [manage(demo_env(demo_database, WHO=str(who), START_AT=start_at, SAVES="40"),
                     "shell", "--no-imports", "-c", SAVES) for who in range(4)]

    outcomes = [person.communicate(timeout=120) for person in people]

    for person, (output, errors) in zip(people, outcomes, strict=True):
        assert "database is locked" not in errors
        assert person.returncode == 0, errors[-2000:]
        assert output.strip() == "saved"
    count = manage(demo_env(demo_database), "shell", "--no-imports", "-c",
                   "from careleavers.models import Team; "
                   "print(Team.history.filter(team_id='north').count())")
    output, errors = count.communicate(timeout=60)
    assert output.strip() == str(1 + 4 * 40), errors
