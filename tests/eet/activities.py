"""Helpers for the education, employment and training tests."""

from datetime import date, timedelta

from django.utils import timezone

from eet.services import activity_record
from tests.advisers.people import date_post


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def activity(person, code="F2", *, start_on=None, actor=None, **fields):
    return activity_record(actor=actor, young_person=person, start_on=start_on or days_ago(100),
                           activity_code=code, **fields)


def activity_post(activity="apprenticeship", *, hours="30", start_on=None, end_on=None,
                  version=None, **fields) -> dict:
    data = {
        "activity": activity, "hours_per_week": hours, "course_or_job": "Apprentice electrician",
        "provider_or_employer": "Hartley Electrical", "neet_reason": "",
        **date_post("start_on", start_on or days_ago(3)), **date_post("end_on", end_on),
        **fields,
    }
    if version is not None:
        data["version"] = str(version)
    return data
