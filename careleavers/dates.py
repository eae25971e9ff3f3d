"""Dates as people read them on pages, in messages and in stored reasons: "15 June 2024",
"June 2024", "15 June 2024 at 2:30pm". Not strftime("%B"), which follows the process locale:
reasons are stored and compared, and must read the same on every server."""

import datetime

from django.utils import timezone

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def day_starts(day: datetime.date) -> datetime.datetime:
    """The first moment of `day` in the service's time zone: moments on days `a` to `b` are
    those from `day_starts(a)` up to but not including `day_starts(b + 1 day)`, a range an index
    on the column can serve (a `__date` lookup converts every row)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def long_date(value) -> str:
    """'15 June 2024' for a date (or a moment, on the local calendar); '' for none."""
    if not value:
        return ""
    value = _local(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_and_year(value) -> str:
    """'June 2024'."""
    return f"{MONTHS[value.month - 1]} {value.year}"


def time_of_day(value: datetime.datetime) -> str:
    """'2:30pm', 'midday' or 'midnight', on the local clock."""
    local = _local(value)
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    return f"{local.hour % 12 or 12}:{local.minute:02d}{'am' if local.hour < 12 else 'pm'}"


def when(value) -> str:
    """A date, or a date and time for moments recorded to the minute: '15 June 2024 at 2:30pm'."""
    if not isinstance(value, datetime.datetime):
        return long_date(value)
    return f"{long_date(value)} at {time_of_day(value)}"


def format_dfe_date(day: datetime.date | None) -> str:
    """'15/06/2024', as the DfE's returns write dates; '' for none."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}" if day else ""


def parse_dfe_date(value: str) -> datetime.date | None:
    """A dd/mm/yyyy date as the DfE reads it, or None if blank or not a real date."""
    try:
        digits = value[:2] + value[3:5] + value[6:]
        if len(value) == 10 and value[2] == value[5] == "/" and digits.isascii() \
                and digits.isdigit():
            # The usual form, read without strptime (a return has tens of thousands).
            return datetime.date(int(value[6:]), int(value[3:5]), int(value[:2]))
        return datetime.datetime.strptime(value, "%d/%m/%Y").date()
    except (TypeError, ValueError):
        return None
