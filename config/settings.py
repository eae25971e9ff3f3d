"""Settings for the leaving-care case system.

Every value comes from the environment (or a `.env` file beside manage.py) and is read strictly:
a missing or malformed production setting stops start-up with a message naming it. `.env.example`
documents each variable.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
ENV_FILE = Path(env.str("ENV_FILE", default=str(BASE_DIR / ".env")))
if ENV_FILE.is_file():
    environ.Env.read_env(ENV_FILE, overwrite=False)

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def env_bool(name: str, default: bool) -> bool:
    """A yes/no setting. Anything but a recognised word stops start-up rather than guessing."""
    raw = env.str(name, default="").strip().lower()
    if raw == "":
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_required(name: str, *, dev_default: str | None = None) -> str:
    """A setting production must be given. In a DEBUG (demo) run, `dev_default` stands in."""
    value = env.str(name, default="").strip()
    if value:
        return value
    if DEBUG and dev_default is not None:
        return dev_default
    raise ImproperlyConfigured(
        f"{name} is not set. Set it in the environment or in .env (see .env.example)."
    )


def env_url(name: str, *, schemes: set[str], default: str) -> str:
    value = env.str(name, default="").strip() or default
    if value and urlsplit(value).scheme not in schemes:
        allowed = ", ".join(sorted(f"{s}://" for s in schemes))
        raise ImproperlyConfigured(f"{name} must start with one of {allowed}, not {value!r}.")
    return value


def env_int(name: str, default: int, *, minimum: int = 1) -> int:
    raw = env.str(name, default="").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_required("SECRET_KEY", dev_default="insecure-demo-key-for-local-use-only")
if not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 random characters in production.")

ALLOWED_HOSTS = [
    h.strip()
    for h in env_required("ALLOWED_HOSTS", dev_default="localhost,127.0.0.1").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in env.str("CSRF_TRUSTED_ORIGINS", default="").split(",") if o.strip()
]

SERVICE_NAME = env.str("SERVICE_NAME", default="Leaving care service")
COUNCIL_NAME = env.str("COUNCIL_NAME", default="Demo Borough Council")

INSTALLED_APPS = [
    "accounts.apps.CouncilAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "django_otp",
    "accounts.apps.AuthenticatorAppsConfig",
    "accounts.apps.SignInAttemptsConfig",
    "csp",
    "simple_history",
    "careleavers.apps.CareleaversConfig",
    "eligibility",
    "advisers",
    "pathways",
    "accommodation",
    "eet",
    "documents",
    "immigration",
    "health",
    "localoffer",
    "standing",
    "dashboard",
    "alerts",
    "returns",
    "boardpack",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.NoStoreForSignedInMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.service",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url_config(
        env_url(
            "DATABASE_URL",
            schemes={"sqlite", "postgres", "postgresql", "pgsql"},
            default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        )
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo, with several people saving at once: readers carry on while one person writes
    # (WAL), and a transaction takes the write lock when it begins, so a second writer waits
    # its turn (up to 5 s) instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; "
                        "PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
    }
# PostgreSQL without JIT compilation: the service's queries are many and short, and the large
# ones (the dashboard's count over every young person's standing) spent longer being compiled
# than run (README, "Speed"). DATABASE_JIT=true turns it back on.
POSTGRES_OPTIONS = {"options": f"-c jit={'on' if env_bool('DATABASE_JIT', False) else 'off'}"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = {**POSTGRES_OPTIONS,
                                       **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "careleavers.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "sign-in"

# Two-factor sign-in: on in production, off for the demo unless asked for.
REQUIRE_MFA = env_bool("REQUIRE_MFA", not DEBUG)
OTP_TOTP_ISSUER = SERVICE_NAME

# Five wrong passwords lock the account, from wherever they come, for a cool-off (axes' own
# default would lock it forever). An office shares one address and one managed browser, so the
# address is not part of the lock: one person's mistakes never lock out colleagues.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOCKOUT_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
# One address is paused only at this many wrong passwords, for any accounts, in the same
# cool-off: someone trying many accounts from one place (accounts.lockout).
SIGN_IN_ADDRESS_LIMIT = env_int("SIGN_IN_ADDRESS_LIMIT", 50)
AXES_HANDLER = "accounts.lockout.SignInLockoutHandler"
# axes warns when the address is not a lockout parameter (W006); here the address has its own,
# higher limit in that handler instead.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False
# Sign-in records are audit: careleavers.admin shows them read-only, instead of axes' own admin.
AXES_ENABLE_ADMIN = False
# History is read in admin, never rolled back from it: a change is made on the record's own page.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Sessions live in the database. They end after 30 minutes idle (with a warning first) and
# 12 hours after sign-in whatever happens.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_IDLE_WARNING = timedelta(minutes=2)
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Young people's own access (portal): an invitation runs out after this many days if not taken
# up; a sign-in code after this many minutes; a young person asks for at most so many codes in a
# quarter of an hour, and so many wrong codes lock their access for the cool-off. Their sessions
# are shorter than staff's: often a phone, sometimes a shared one.
PORTAL_INVITATION_DAYS = env_int("PORTAL_INVITATION_DAYS", 14)
PORTAL_CODE_MINUTES = env_int("PORTAL_CODE_MINUTES", 10)
PORTAL_CODES_PER_QUARTER_HOUR = env_int("PORTAL_CODES_PER_QUARTER_HOUR", 3)
PORTAL_WRONG_CODES_LIMIT = env_int("PORTAL_WRONG_CODES_LIMIT", 5)
PORTAL_LOCKOUT_MINUTES = env_int("PORTAL_LOCKOUT_MINUTES", 15)
PORTAL_SESSION_IDLE = timedelta(minutes=env_int("PORTAL_SESSION_IDLE_MINUTES", 15))
PORTAL_SESSION_ABSOLUTE = timedelta(hours=env_int("PORTAL_SESSION_ABSOLUTE_HOURS", 2))

# Password reset and decision emails go through this mail server.
vars().update(
    env.email_url_config(
        env_url(
            "EMAIL_URL",
            schemes={"smtp", "smtps", "smtp+tls", "smtp+ssl", "consolemail", "memorymail"},
            default=env_required("EMAIL_URL", dev_default="consolemail://"),
        )
    )
)
DEFAULT_FROM_EMAIL = env_required("DEFAULT_FROM_EMAIL", dev_default="leaving-care@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: with no broker configured, tasks run in-process (the quick start).
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", schemes={"redis", "rediss"}, default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
# No result backend: the database says how each piece of work went, and a result backend would
# have every publish wait on Redis (it retries for about 20 s when Redis is down).
CELERY_RESULT_BACKEND = None
# Requests queue work through an outbox table (careleavers.queue), so they never wait on Redis;
# these bound the worker's and beat's own connections.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5,
                                   "max_retries": 1}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/London"
CELERY_BEAT_SCHEDULE = {
    # Work queued while Redis was down, handed over once it is back.
    "publish-queued-tasks": {
        "task": "careleavers.tasks.publish_queued_tasks",
        "schedule": crontab(),
    },
    # Statuses on birthdays, overdue flags and alerts, before anyone starts work.
    "daily-checks": {
        "task": "dashboard.tasks.run_daily_checks",
        "schedule": crontab(hour=2, minute=0),
    },
    # Each PA's and team manager's list of what needs doing, before the working day.
    "morning-digest": {
        "task": "dashboard.tasks.send_morning_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    # Last month's figures, kept for the dashboard's month-on-month trends.
    "monthly-snapshot": {
        "task": "dashboard.tasks.take_monthly_snapshot",
        "schedule": crontab(day_of_month=1, hour=3, minute=0),
    },
}

# The DfE's "in touch" window around each 17th to 21st birthday for the care leaver return
# (SSDA903 OC3): (months before, months after), both ends included. DOMAIN.md §4 default.
DFE_IN_TOUCH_WINDOW = (3, 1)

# Days before an unaccompanied asylum-seeking young person's leave to remain ends that their
# Personal Adviser is alerted: a new application takes months, and must be made before the leave
# runs out (DOMAIN.md §7).
LEAVE_ENDS_SOON_DAYS = env_int("LEAVE_ENDS_SOON_DAYS", 90)
# Days before an expected release from custody that their Personal Adviser is alerted: eight
# weeks to arrange a place to live, so nobody leaves custody with nowhere to go (DOMAIN.md §7).
RELEASE_FROM_CUSTODY_SOON_DAYS = env_int("RELEASE_FROM_CUSTODY_SOON_DAYS", 56)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Young people's documents (passports, tenancy agreements) are kept here: a folder no web server
# serves, outside the static and media folders.
DOCUMENTS_ROOT = Path(env.str("DOCUMENTS_ROOT", default="").strip()
                      or BASE_DIR / "private-documents")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    # Files leave only through the download view, which checks who is asking. A council may
    # point this at its own object store instead.
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": DOCUMENTS_ROOT,
            "directory_permissions_mode": 0o750,
            "file_permissions_mode": 0o640,
        },
    },
}
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
for _served in (STATIC_ROOT, *STATICFILES_DIRS, MEDIA_ROOT):
    if DOCUMENTS_ROOT.resolve().is_relative_to(Path(_served).resolve()):
        raise ImproperlyConfigured(
            f"DOCUMENTS_ROOT must be outside {_served}: young people's documents are never kept "
            "where static or media files are."
        )
# The largest document a member of staff may upload, in megabytes.
DOCUMENT_MAX_MEGABYTES = env_int("DOCUMENT_MAX_MEGABYTES", 10)

# What young people read on their own pages (/you/): who to call when the office is closed, who
# to ask when they have no Personal Adviser, and where to ask for a copy of everything held about
# them (a subject access request, UK GDPR Article 15).
PORTAL_OUT_OF_HOURS = env.str(
    "PORTAL_OUT_OF_HOURS",
    default="If you need help urgently in the evening, at the weekend or on a bank holiday, call "
            "the council's emergency duty team on 01632 960 999. If you are in danger now, "
            "call 999.",
)
PORTAL_TEAM_CONTACT = env.str(
    "PORTAL_TEAM_CONTACT",
    default="the leaving care team on 01632 960 100, Monday to Friday, 9am to 5pm",
)
PORTAL_DATA_PROTECTION_EMAIL = env.str(
    "PORTAL_DATA_PROTECTION_EMAIL", default="data.protection@example.gov.uk"
)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
CRISPY_GDS_FRONTEND_VERSION = "6.6.0"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Behind the council's TLS-terminating proxy in production.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports each step of every PDF at INFO; only its warnings are worth keeping.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
