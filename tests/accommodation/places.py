"""Helpers for the accommodation tests: young people with places recorded through the services,
and the form data a browser would post."""

from datetime import date, timedelta

from django.utils import timezone

from accommodation.rules import SCHEDULE_2_FACTORS
from accommodation.services import accommodation_record, suitability_assess
from tests.advisers.people import date_post


def today() -> date:
    return timezone.localdate()


def days_ago(days: int) -> date:
    return today() - timedelta(days=days)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def place(person, type_code="D", *, start_on=None, actor=None, **fields):
    """A place recorded as a Personal Adviser would record it."""
    return accommodation_record(
        actor=actor, young_person=person, start_on=start_on or days_ago(100),
        type_code=type_code, **fields,
    )


def all_suitable() -> dict:
    return {name: True for name in SCHEDULE_2_FACTORS}


def assess(episode, *, outcome="suitable", actor=None, assessed_on=None, **factors):
    return suitability_assess(
        actor=actor, episode=episode, assessed_on=assessed_on or today(), outcome=outcome,
        reason="Checked with them", **{**all_suitable(), **factors},
    )


def episode_post(type_code="E", *, start_on=None, end_on=None, council_provided=True,
                 version=None, **fields) -> dict:
    data = {
        "type_code": type_code, **date_post("start_on", start_on or days_ago(2)),
        **date_post("end_on", end_on), "address": "14 Mill Lane\nNorthfield",
        "postcode": "zz1 2ab", "provider": "Supported lodgings scheme",
        "council_provided": "yes" if council_provided else "no", "staying_put_carer": "",
        **date_post("staying_put_agreed_on", None),
        **fields,
    }
    if version is not None:
        data["version"] = str(version)
    return data


def assessment_post(outcome="suitable", *, factors=None, **fields) -> dict:
    answers = {name: "yes" for name in SCHEDULE_2_FACTORS} if factors is None else factors
    return {
        **date_post("assessed_on", today()), **answers,
        **{f"{name}_note": "" for name in SCHEDULE_2_FACTORS},
        "young_persons_views": "I like it here.", "outcome": outcome,
        "reason": "Safe, near college, and she likes it.", **fields,
    }
