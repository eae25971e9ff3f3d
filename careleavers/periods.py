"""Dated episodes (time in care, places lived, activities) must not overlap: a young person is in
one place, doing one thing, at a time, or the DfE figures count them twice."""

from datetime import date


def first_overlap(others, start_on: date, end_on: date | None):
    """The earliest of `others` (each with start_on and end_on, None = still going) that shares a
    day with start_on..end_on, or None."""
    for other in sorted(others, key=lambda episode: episode.start_on):
        if start_on <= (other.end_on or date.max) and (end_on or date.max) >= other.start_on:
            return other
    return None
