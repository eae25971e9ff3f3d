"""Start-up refuses bad or missing production settings, naming the one at fault."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3#Jq9!vLw2@Zp7$Tn5^Rb8&Yc4*Hd6(Mf1)Gs0-Xe+Ua=Ko;Ni:Pj",
    "ALLOWED_HOSTS": "leaving-care.council.example",
    "DATABASE_URL": "postgres://careleavers:secret@db:5432/careleavers",
    "CELERY_BROKER_URL": "redis://redis:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.council.example:587",
    "DEFAULT_FROM_EMAIL": "leaving-care@council.example",
}


def manage(*args, **env_changes):
    env = {k: v for k, v in os.environ.items()
           if k not in PRODUCTION
           and k not in {"REQUIRE_MFA", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(PRODUCTION, ENV_FILE="/nonexistent", DJANGO_SETTINGS_MODULE="config.settings")
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY must be at least 50"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS is not set"),
        ({"DATABASE_URL": "mysql://db/careleavers"}, "DATABASE_URL must start with one of"),
        ({"CELERY_BROKER_URL": "amqp://rabbit"}, "CELERY_BROKER_URL must start with one of"),
        ({"EMAIL_URL": None}, "EMAIL_URL is not set"),
        ({"DEFAULT_FROM_EMAIL": None}, "DEFAULT_FROM_EMAIL is not set"),
        ({"REQUIRE_MFA": "sometimes"}, "REQUIRE_MFA must be true or false"),
        ({"DEBUG": "perhaps"}, "DEBUG must be true or false"),
        ({"LOCKOUT_COOLOFF_MINUTES": "ten"}, "LOCKOUT_COOLOFF_MINUTES must be a whole number"),
        ({"SIGN_IN_ADDRESS_LIMIT": "lots"}, "SIGN_IN_ADDRESS_LIMIT must be a whole number"),
    ],
)
def test_bad_production_setting_stops_start_up_naming_it(changes, named):
    result = manage("check", **changes)

    assert result.returncode != 0
    assert named in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_demo_runs_with_no_configuration_at_all():
    cleared = {key: None for key in PRODUCTION} | {"DEBUG": "true"}
    result = manage("shell", "--no-imports", "-c", "from django.conf import settings as s; "
                    "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, "
                    "s.REQUIRE_MFA)", **cleared)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True", "False"]


def test_production_requires_two_factor_sign_in_unless_told_otherwise():
    result = manage(
        "shell", "--no-imports", "-c", "from django.conf import settings as s; print(s.REQUIRE_MFA)"
    )

    assert result.stdout.strip() == "True"
