"""Dates and ages as the record pages show them: "3 March 2026", "3 March 2026 at 2:30pm"."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


@register.filter
def long_date(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


@register.filter
def when(value) -> str:
    """A date, or a date and time for moments recorded to the minute."""
    if not isinstance(value, datetime.datetime):
        return long_date(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = local.hour % 12 or 12
    time = f"{hour}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"
    if (local.hour, local.minute) == (12, 0):
        time = "midday"
    elif (local.hour, local.minute) == (0, 0):
        time = "midnight"
    return f"{long_date(local)} at {time}"


@register.filter
def iso(value) -> str:
    """For <time datetime="…">."""
    return value.isoformat() if value else ""


@register.filter
def age_on(date_of_birth, today) -> int | str:
    """Age in whole years; a 29 February birthday counts from 1 March in other years."""
    if not date_of_birth or not today:
        return ""
    return today.year - date_of_birth.year - (
        (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    )


@register.filter
def yes_no(value) -> str:
    return "Yes" if value else "No"
