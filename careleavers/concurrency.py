"""Optimistic concurrency for records people edit together.

Every editable record has a `version`. An edit form carries the version it was read at; the
service locks the row, compares, and refuses a stale save so nobody silently overwrites a
colleague. The refused user keeps what they typed and is shown what changed.
"""

from django.db import models


class StaleEditError(Exception):
    def __init__(self, current):
        self.current = current
        super().__init__("Someone else changed this record after you opened it.")


def lock_if_current(model: type[models.Model], *, pk, expected_version: int):
    """Lock the row for this transaction and return it, or raise StaleEditError."""
    current = model.objects.select_for_update().get(pk=pk)
    if current.version != expected_version:
        raise StaleEditError(current)
    return current


def changed_fields(before, after, fields) -> list[str]:
    return [f for f in fields if getattr(before, f) != getattr(after, f)]
