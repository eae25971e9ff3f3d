"""Dated episodes (time in care, places lived, activities) must not overlap: a young person is in
one place, doing one thing, at a time, or the DfE figures count them twice."""

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError

from .dates import long_date


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


def describe_episode(what: str, *, no_end: str, label: Callable[[object], str]):
    """For `refuse_overlap`: 'This overlaps {what} from 3 March 2026 to 5 May 2026 ({label})',
    with `no_end` in place of 'to …' for an episode still going, and its label in lower case."""
    def describe(other) -> str:
        until = f"to {long_date(other.end_on)}" if other.end_on else no_end
        return (f"This overlaps {what} from {long_date(other.start_on)} {until} "
                f"({label(other).lower()})")

    return describe


def date_errors(start_on: date | None, end_on: date | None, *, born: date, today: date,
                started: str, ended: str) -> dict[str, str]:
    """What is wrong with an episode's dates, keyed by field: it starts by today and after the
    young person was born, and ends on or after it starts and by today. `started` and `ended` name
    the dates in the form's words ("the date they moved in", "the date they moved out")."""
    started_cap, ended_cap = started[0].upper() + started[1:], ended[0].upper() + ended[1:]
    if start_on is None:
        return {"start_on": f"Enter {started}"}
    if start_on > today:
        return {"start_on": f"{started_cap} must be today or in the past"}
    if start_on < born:
        return {"start_on": f"{started_cap} must be after their date of birth"}
    if end_on is not None and end_on < start_on:
        return {"end_on": f"{ended_cap} must be on or after {started}"}
    if end_on is not None and end_on > today:
        return {"end_on": f"{ended_cap} must be today or in the past"}
    return {}


def ended_by(episodes, start_on: date, end_on: date | None):
    """The current episode (no end date) that a new one from `start_on` ends the day before it
    starts: only a new current episode (no `end_on`) starting after it does. None if none."""
    current = next((episode for episode in episodes if episode.end_on is None), None)
    if end_on is None and current is not None and current.start_on < start_on:
        return current
    return None
