"""`make run` and `make test` set up a fresh machine themselves: the system packages they need are
installed when they can be, and otherwise the user is told the one command to run."""

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "system-packages"


def make_dry_run(*args: str) -> str:
    # Run as a user would from a shell, even when the suite itself runs under `make test`.
    env = {key: value for key, value in os.environ.items()
           if key not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")}
    return subprocess.run(["make", "--no-print-directory", "-n", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True).stdout


def packages(variable: str) -> list[str]:
    text = (ROOT / "Makefile").read_text()
    names = re.search(rf"^{variable}\s*:=\s*(.+)$", text, re.M)[1].split()
    # A name like $(RUN_PACKAGES) stands for that list.
    return [package for name in names
            for package in (packages(name[2:-1]) if name.startswith("$(") else [name])]


def test_make_test_installs_the_servers_the_suite_starts_before_running_it():
    steps = make_dry_run("test").splitlines()
    first = steps[0]
    assert first.startswith("scripts/system-packages ")
    for package in ("postgresql", "redis-server", "chromium", "fonts-liberation",
                    "libharfbuzz-subset0", "poppler-utils"):
        assert package in first.split()
    assert steps[-1].endswith("pytest")


def test_make_run_installs_what_pdfs_need_and_serves_on_the_port_asked_for():
    steps = make_dry_run("run", "PORT=8001").splitlines()
    assert steps[0].split()[1:] == packages("RUN_PACKAGES")
    assert steps[-1].endswith("manage.py runserver 0.0.0.0:8001")
    assert make_dry_run("run").splitlines()[-1].endswith("runserver 0.0.0.0:8000")


def test_ci_calls_make_test():
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("make test")


def test_nothing_is_done_when_every_package_is_there():
    result = subprocess.run([SCRIPT, "bash", "coreutils"], capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("runuser") is None,
                    reason="needs root to try the script as an ordinary user")
def test_without_root_or_sudo_it_stops_at_once_naming_the_command():
    # An ordinary user who may not use sudo: nothing can be installed. The script is copied where
    # that user can read it, wherever the checkout is.
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)
        script = shutil.copy(SCRIPT, Path(folder) / "system-packages")
        result = subprocess.run(
            [shutil.which("runuser"), "-u", "nobody", "--", script, "bash",
             "no-such-package-here"],
            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "HOME": folder},
            timeout=30,
        )
    assert result.returncode == 1
    assert "missing: no-such-package-here" in result.stderr
    assert ("sudo apt-get update && sudo apt-get install -y --no-install-recommends "
            "no-such-package-here") in result.stderr
    assert "bash" not in result.stderr.split("missing:")[1].splitlines()[0]
