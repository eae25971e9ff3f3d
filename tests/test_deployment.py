"""docker-compose.yml, the Dockerfile and .env.example stay in step with the settings and Makefile.

No Docker engine runs on the development machines, so these tests read the files the way compose
and docker would, with .env.example standing in for the council's .env, and run outside a
container what can run there: the deployment checks in the environment a compose service gets,
and the web service's health check against gunicorn started with the compose command.
"""

import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import time
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import environ
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("migrate", "web", "worker", "beat")

# Every way settings.py reads a variable: env_required("X"), env_bool("X"), env.str("X"), ...
_SETTINGS_READ = re.compile(
    r"""\benv(?:_required|_bool|_url|_int|\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']"""
)
# Compose interpolation: $$, $NAME, ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}.
_COMPOSE_VARIABLE = re.compile(r"\$(?:(\$)|\{(\w+)(?:(:?[-?])([^}]*))?\}|(\w+))")


@cache
def settings_variables() -> frozenset[str]:
    source = (ROOT / "config" / "settings.py").read_text()
    return frozenset(_SETTINGS_READ.findall(source))


@cache
def env_example() -> dict[str, str]:
    """The KEY=VALUE lines of .env.example, as compose's env_file reads them."""
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if match := re.fullmatch(r"([A-Z][A-Z0-9_]*)=(.*)", line.strip()):
            values[match[1]] = match[2]
    return values


def interpolate(value, variables: dict[str, str]):
    """Substitute variables in a loaded compose file as `docker compose config` does."""
    if isinstance(value, dict):
        return {key: interpolate(item, variables) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, variables) for item in value]
    if not isinstance(value, str):
        return value

    def replace(match):
        dollar, name, operator, argument, bare = match.groups()
        if dollar:
            return "$"
        name = name or bare
        current = variables.get(name)
        missing = current is None or (current == "" and operator in (":-", ":?"))
        if operator in (":-", "-") and missing:
            return argument
        if operator in (":?", "?") and missing:
            raise ValueError(f"compose would refuse to start: {name}: {argument}")
        return current or ""

    return _COMPOSE_VARIABLE.sub(replace, value)


@cache
def compose() -> dict:
    raw = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return interpolate(raw, env_example())


def service(name: str) -> dict:
    return compose()["services"][name]


def command(name: str) -> list[str]:
    value = service(name)["command"]
    return shlex.split(value) if isinstance(value, str) else [str(part) for part in value]


def option(args: list[str], flag: str) -> str:
    return args[args.index(flag) + 1]


def named_volume_holding(name: str, path: str) -> str | None:
    """The named volume mounted at `path` or a folder above it in service `name`, if any."""
    for mount in service(name).get("volumes", []):
        source, _, target = mount.partition(":")
        target = target.split(":")[0]
        if source in (compose().get("volumes") or {}) and (
            PurePosixPath(path) == PurePosixPath(target)
            or PurePosixPath(target) in PurePosixPath(path).parents
        ):
            return source
    return None


def compose_environment(name: str) -> dict[str, str]:
    """What the app sees in service `name`: .env (here .env.example), then compose's environment.

    Variables the settings read are dropped from the inherited environment first, so values the
    test settings put there cannot hide one that .env.example lacks.
    """
    env = {
        key: value for key, value in os.environ.items()
        if key not in settings_variables() and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(env_example())
    env.update({key: str(value) for key, value in service(name)["environment"].items()})
    env.update(DJANGO_SETTINGS_MODULE="config.settings", ENV_FILE="/nonexistent")
    return env


def test_compose_runs_the_database_queue_web_app_worker_and_scheduler():
    assert set(compose()["services"]) >= {"db", "redis", "migrate", "web", "worker", "beat"}
    assert service("db")["image"].startswith("postgres:15")
    assert service("redis")["image"].startswith("redis:7")


def test_app_services_run_one_image_with_the_same_configuration():
    first = service(APP_SERVICES[0])
    for name in APP_SERVICES:
        assert service(name)["build"] == first["build"] == "."
        assert service(name)["image"] == first["image"]
        assert service(name)["env_file"] == ".env"
        assert service(name)["environment"] == first["environment"]


def test_web_serves_the_wsgi_application_under_gunicorn_on_port_8000():
    args = command("web")
    module, attribute = settings.WSGI_APPLICATION.rsplit(".", 1)

    assert args[0] == "gunicorn"
    assert f"{module}:{attribute}" in args
    assert option(args, "--bind") == "0.0.0.0:8000"
    assert int(option(args, "--workers")) >= 1
    assert int(option(args, "--threads")) >= 1
    assert any(str(port).endswith(":8000") for port in service("web")["ports"])
    assert "http://localhost:8000/healthz/" in " ".join(service("web")["healthcheck"]["test"])


def test_worker_and_beat_run_celery_for_the_project_app():
    from config.celery import app

    assert command("worker")[:4] == ["celery", "-A", "config", "worker"]
    assert command("beat")[:4] == ["celery", "-A", "config", "beat"]
    assert app.main == "careleavers"
    worker_check = " ".join(service("worker")["healthcheck"]["test"])
    assert "celery -A config inspect ping" in worker_check


def test_beat_keeps_its_schedule_on_a_volume():
    schedule = option(command("beat"), "--schedule")

    assert named_volume_holding("beat", schedule), f"{schedule} would be lost on every restart"


def test_web_and_worker_share_the_media_volume():
    media_root = service("web")["environment"]["MEDIA_ROOT"]

    volume = named_volume_holding("web", media_root)
    assert volume, f"{media_root} is not on a volume in the web service"
    # The worker writes the long PDFs that the web app then serves.
    assert named_volume_holding("worker", media_root) == volume


def test_app_services_keep_their_records_in_postgres_in_the_db_service():
    db = service("db")["environment"]
    for name in APP_SERVICES:
        config = environ.Env.db_url_config(service(name)["environment"]["DATABASE_URL"])

        assert config["ENGINE"] == "django.db.backends.postgresql"
        assert config["HOST"] == "db"
        assert int(config["PORT"]) == 5432
        assert config["NAME"] == db["POSTGRES_DB"]
        assert config["USER"] == db["POSTGRES_USER"]
        assert config["PASSWORD"] == db["POSTGRES_PASSWORD"] == env_example()["POSTGRES_PASSWORD"]
    assert "pg_isready" in service("db")["healthcheck"]["test"]


def test_app_services_queue_tasks_in_the_redis_service():
    for name in APP_SERVICES:
        broker = urlsplit(service(name)["environment"]["CELERY_BROKER_URL"])

        assert broker.scheme in ("redis", "rediss")
        assert broker.hostname == "redis"
        assert broker.port == 6379
    assert "ping" in service("redis")["healthcheck"]["test"]


def test_migrations_run_once_before_the_web_app_and_worker_start():
    assert command("migrate") == ["python", "manage.py", "migrate", "--noinput"]
    assert service("migrate")["restart"] == "no"
    assert service("migrate")["depends_on"]["db"]["condition"] == "service_healthy"
    for name in ("web", "worker"):
        depends_on = service(name)["depends_on"]
        assert depends_on["migrate"]["condition"] == "service_completed_successfully"
        assert depends_on["redis"]["condition"] == "service_healthy"


def test_every_setting_is_documented_in_env_example():
    variables = settings_variables()
    # If the pattern stops matching how settings.py reads variables, say so instead of passing.
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_URL", "CELERY_BROKER_URL",
            "DEBUG", "REQUIRE_MFA", "LOCKOUT_COOLOFF_MINUTES"} <= variables

    lines = (ROOT / ".env.example").read_text().splitlines()
    for name in sorted(variables | {"POSTGRES_PASSWORD"}):
        found = [i for i, line in enumerate(lines) if re.match(rf"#?\s*{name}=", line)]
        assert found, f"{name} is read by the settings but not in .env.example"
        comment = []
        for line in reversed(lines[:found[0]]):
            if not line.startswith("#"):
                break
            comment.append(line)
        text = " ".join(comment)
        assert "Production:" in text and "Default:" in text, (
            f"{name} in .env.example needs a comment saying whether production needs it "
            "and its default"
        )


def test_compose_environment_passes_the_deployment_checks():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=compose_environment("web"), capture_output=True, text=True, timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_web_health_check_passes_against_gunicorn_in_production_settings():
    """The compose health check asks gunicorn for /healthz/ as production settings would see it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    args = command("web")
    args[args.index("--bind") + 1] = f"127.0.0.1:{port}"
    args[args.index("--workers") + 1] = "1"
    check = list(service("web")["healthcheck"]["test"])
    assert check[:3] == ["CMD", "python", "-c"]
    probe = check[3].replace("localhost:8000", f"127.0.0.1:{port}")

    with tempfile.TemporaryDirectory() as tmp:
        # The health check only asks the database for SELECT 1; SQLite stands in for PostgreSQL.
        env = compose_environment("web") | {"DATABASE_URL": f"sqlite:///{tmp}/health.sqlite3"}
        log = open(Path(tmp) / "gunicorn.log", "w+")  # noqa: SIM115 - closed below
        server = subprocess.Popen(
            [sys.executable, "-m", *args], cwd=ROOT, env=env, stdout=log, stderr=log
        )
        try:
            _wait_for_port(port, server, log)
            result = subprocess.run(
                [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=30
            )
        finally:
            server.terminate()
            server.wait(timeout=20)
            log.close()

    assert result.returncode == 0, result.stderr


def test_static_files_collect_under_the_production_storage(tmp_path):
    """The image runs collectstatic with the production storage (whitenoise's manifest), which
    refuses a stylesheet that points at a file the frontend build did not copy."""
    assert (ROOT / "static" / "dist" / "app.css").is_file(), "build the frontend first"
    collect = (
        "import sys, django; from django.conf import settings; django.setup(); "
        "settings.STATIC_ROOT = sys.argv[1]; "
        "from django.core.management import call_command; "
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", collect, str(tmp_path)], cwd=ROOT, env=compose_environment("web"),
        capture_output=True, text=True, timeout=120,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "staticfiles.json").is_file()


def _wait_for_port(port, server, log, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise AssertionError(f"gunicorn stopped during start-up:\n{log.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"gunicorn did not answer on port {port} within {timeout} s")


def _frontend_steps(script: str) -> list[list[str]]:
    """The commands that produce static/dist: mkdir, sass and cp, in order."""
    steps = []
    for part in re.split(r"\n|&&", script):
        args = shlex.split(part)
        if args[:1] in (["mkdir"], ["cp"]) or args[:2] == ["npx", "sass"]:
            steps.append(args)
    return steps


def _makefile_frontend_steps() -> list[list[str]]:
    text = (ROOT / "Makefile").read_text()
    variables = dict(re.findall(r"^(\w+)\s*:=\s*(.*?)\s*$", text, re.M))
    lines = text.replace("\\\n", " ").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("$(DIST)/.built:"))
    recipe = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    script = re.sub(r"\$\((\w+)\)", lambda m: variables[m[1]], "\n".join(recipe))
    return _frontend_steps(script)


def _dockerfile_stages() -> list[list[tuple[str, str]]]:
    """Each build stage as a list of (INSTRUCTION, arguments)."""
    stages: list[list[tuple[str, str]]] = []
    for line in (ROOT / "Dockerfile").read_text().replace("\\\n", " ").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, arguments = line.partition(" ")
        if instruction.upper() == "FROM":
            stages.append([])
        stages[-1].append((instruction.upper(), arguments.strip()))
    return stages


def test_dockerfile_builds_the_frontend_as_the_makefile_does():
    makefile = _makefile_frontend_steps()
    dist = re.search(r"^DIST\s*:=\s*(\S+)", (ROOT / "Makefile").read_text(), re.M)[1]
    stages = _dockerfile_stages()
    frontend = next(s for s in stages if re.search(r"\bAS frontend$", s[0][1], re.I))
    docker = _frontend_steps("\n".join(args for ins, args in frontend if ins == "RUN"))

    assert any(step[:2] == ["npx", "sass"] and "static/src/app.scss" in step for step in makefile)
    assert docker == makefile
    # The application stage takes the built files from where the frontend stage put them.
    workdir = next(args for ins, args in frontend if ins == "WORKDIR")
    copies = [args.split() for ins, args in stages[-1] if ins == "COPY"]
    assert ["--from=frontend", f"{workdir}/{dist}", dist] in copies
