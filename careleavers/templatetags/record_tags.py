"""Dates and ages as the record pages show them: "3 March 2026", "3 March 2026 at 2:30pm"."""

from django import template
from django.urls import reverse

from careleavers import dates
from careleavers.record import RECORD_SECTIONS

register = template.Library()


@register.filter
def long_date(value) -> str:
    return dates.long_date(value)


@register.filter
def when(value) -> str:
    """A date, or a date and time for moments recorded to the minute."""
    return dates.when(value)


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


@register.inclusion_tag("careleavers/_record_navigation.html")
def record_navigation(young_person, current: str):
    """The sub navigation between the pages of a young person's record, `current` marked."""
    return {
        "sections": [
            {"label": section.label, "current": section.key == current,
             "url": reverse(section.url_name, args=[young_person.pk])}
            for section in RECORD_SECTIONS
        ],
    }
