"""Settings for the test suite: production settings, with a fast hasher and in-memory email.

The suite points the database at a throwaway PostgreSQL it starts itself (tests/conftest.py).
"""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-" + "x" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("EMAIL_URL", "consolemail://")
os.environ.setdefault("DEFAULT_FROM_EMAIL", "leaving-care@council.example")
os.environ.setdefault("REQUIRE_MFA", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Documents' files are kept in memory, so no test leaves any behind; tests about the files point
# the store at a temporary folder of their own.
STORAGES["documents"] = {"BACKEND": "django.core.files.storage.InMemoryStorage"}  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
