"""The figures for the council's reporting tools (Power BI and the like): the same
`figures_for` the dashboard and `figures --json` give, as JSON or as a CSV of one row per
figure, read with a feed key (`FeedKey`) or by a signed-in service manager. Counts only: no young
person is named."""

import hashlib
import secrets

from django.utils import timezone

from .access import may_see_reports
from .figures import figure_paths
from .models import FeedKey

#: How a feed key starts, so one found in a file or a log can be recognised.
PREFIX = "lcfeed_"


def _hash(key: str) -> str:
    # A key is 32 random bytes: a fast hash is enough, unlike a password.
    return hashlib.sha256(key.encode()).hexdigest()


def feed_key_make(*, made_for, name: str) -> tuple[FeedKey, str]:
    """A new key for `made_for` (a service manager), and the key itself, to be shown once."""
    if not may_see_reports(made_for):
        raise ValueError(f"{made_for} is not a service manager")
    key = PREFIX + secrets.token_urlsafe(32)
    return FeedKey.objects.create(made_for=made_for, name=name, key_hash=_hash(key)), key


def feed_key_user(authorization: str):
    """The service manager a request's `Authorization: Bearer KEY` header reads as, or None if
    the key is unknown or withdrawn, or its owner may no longer see reports."""
    scheme, _, key = authorization.partition(" ")
    if scheme.lower() != "bearer" or not key.startswith(PREFIX):
        return None
    found = (FeedKey.objects.select_related("made_for")
             .filter(key_hash=_hash(key.strip()), withdrawn_at__isnull=True).first())
    if found is None or not found.made_for.is_active or not may_see_reports(found.made_for):
        return None
    FeedKey.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.made_for


def feed_rows(figures: dict, *, team_id: str = ""):
    """(date, team, figure, value) for each figure, by its dotted key; a measure with no value
    (no plan authorised lately) is left blank."""
    for path, value in figure_paths({k: v for k, v in figures.items() if k != "on"}):
        yield figures["on"], team_id, path, "" if value is None else value
