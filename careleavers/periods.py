"""Dated episodes (time in care, places lived, activities) must not overlap: a young person is in
one place, doing one thing, at a time, or the DfE figures count them twice."""

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError


def first_overlap(others, start_on: date, end_on: date | None):
    """The earliest of `others` (each with start_on and end_on, None = still going) that shares a
    day with start_on..end_on, or None."""
    for other in sorted(others, key=lambda episode: episode.start_on):
        if start_on <= (other.end_on or date.max) and (end_on or date.max) >= other.start_on:
            return other
    return None


def refuse_overlap(others, start_on: date, end_on: date | None, *,
                   describe: Callable[[object], str]) -> None:
    """Refuse start_on..end_on if it shares a day with one of `others`: a ValidationError on the
    date to change (the end date when the new episode starts first and has one, else the start
    date), saying which episode it overlaps in the words `describe` gives for it."""
    other = first_overlap(others, start_on, end_on)
    if other is not None:
        field = "end_on" if start_on < other.start_on and end_on is not None else "start_on"
        raise ValidationError({field: f"{describe(other)}: choose dates that do not overlap"})
