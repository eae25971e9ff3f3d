"""Writes for what young people do each day: education, employment or training, or not. Forms,
imports and the demo seed all come through here.

Activities do not overlap (the DfE asks for one code on a date): starting one with no end date
ends the current one the day before.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careleavers.concurrency import lock_if_current
from careleavers.episodes import correct_episode, others_than, record_episode
from careleavers.models import YoungPerson
from careleavers.periods import date_errors, describe_episode, refuse_overlap
from careleavers.services import young_people_changed, young_person_changed

from .models import ActivityEpisode
from .rules import FULL_TIME_HOURS, ActivityCode, hours_match_code, is_eet

ACTIVITY_FIELDS = [
    "start_on", "end_on", "activity_code", "hours_per_week", "provider_or_employer",
    "course_or_job", "neet_reason",
]
#: More than this many hours a week is a mistake, not a busy week.
MAX_HOURS = 80


def _clean(values: dict, *, young_person, today: date) -> dict:
    errors = {}
    code = values.get("activity_code")
    if code not in ActivityCode.values:
        errors["activity_code"] = (
            f"‘{code}’ is not a DfE activity code: use one of {', '.join(ActivityCode.values)}"
            if code else "Select what they are doing"
        )
    errors.update(date_errors(values.get("start_on"), values.get("end_on"),
                              born=young_person.date_of_birth, today=today,
                              started="the date they started", ended="the date it ended"))
    hours = values.get("hours_per_week")
    if hours is not None and "activity_code" not in errors:
        if not is_eet(code):
            values["hours_per_week"] = None  # hours mean nothing for someone not in EET
        elif not 1 <= hours <= MAX_HOURS:
            errors["hours_per_week"] = f"Hours a week must be between 1 and {MAX_HOURS}"
        elif not hours_match_code(code, hours):
            errors["hours_per_week"] = (
                f"{hours} hours a week is {'full' if hours >= FULL_TIME_HOURS else 'part'} time "
                f"({FULL_TIME_HOURS} hours or more is full time), but "
                f"{ActivityCode(code).label.lower()} was chosen"
            )
    for name in ("provider_or_employer", "course_or_job", "neet_reason"):
        values[name] = (values.get(name) or "").strip()
    if code in ActivityCode.values and is_eet(code):
        values["neet_reason"] = ""
    elif code in ActivityCode.values:
        values["provider_or_employer"] = values["course_or_job"] = ""
    if errors:
        raise ValidationError(errors)
    return values


def _refuse_overlap(others, start_on: date, end_on: date | None) -> None:
    refuse_overlap(others, start_on, end_on, describe=describe_episode(
        "another activity", no_end="with no end date",
        label=ActivityEpisode.get_activity_code_display,
    ))


@transaction.atomic
def activity_record(
    *, actor, young_person, start_on: date, activity_code: str, end_on: date | None = None,
    hours_per_week: int | None = None, provider_or_employer: str = "", course_or_job: str = "",
    neet_reason: str = "", today: date | None = None,
) -> ActivityEpisode:
    """Record what a young person does from `start_on` (or did, with `end_on`). A new current
    activity ends the current one the day before it starts."""
    today = today or timezone.localdate()
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    values = _clean(
        {"start_on": start_on, "end_on": end_on, "activity_code": activity_code,
         "hours_per_week": hours_per_week, "provider_or_employer": provider_or_employer,
         "course_or_job": course_or_job, "neet_reason": neet_reason},
        young_person=young_person, today=today,
    )
    activity, _ = record_episode(ActivityEpisode, actor=actor, young_person=young_person,
                                 values=values, refuse_overlap=_refuse_overlap)
    young_person_changed(young_person, on=today)
    return activity


@transaction.atomic
def activity_update(
    *, actor, activity: ActivityEpisode, version: int, today: date | None = None, **fields
) -> ActivityEpisode:
    """Correct an activity. The earlier version is kept in its history."""
    today = today or timezone.localdate()
    YoungPerson.objects.select_for_update().get(pk=activity.young_person_id)
    current = lock_if_current(ActivityEpisode, pk=activity.pk, expected_version=version)
    merged = {name: fields.get(name, getattr(current, name)) for name in ACTIVITY_FIELDS}
    values = _clean(merged, young_person=activity.young_person, today=today)
    _refuse_overlap(others_than(current), values["start_on"], values["end_on"])
    current = correct_episode(current, values, version=version, actor=actor)
    young_people_changed([current.young_person_id], on=today)
    return current
