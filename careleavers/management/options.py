"""What the service's management commands share in reading their options."""

from datetime import date

from django.core.management.base import CommandError


def on_date(value: str) -> date:
    """An `--on YYYY-MM-DD` option as a date, or a clear error naming what was given."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--on must be a date as YYYY-MM-DD, not {value!r}") from None
