"""Helpers for the health tests: a young person held by the north team's PA, health records
and children through the services, and the form data a browser would post."""

from datetime import date, timedelta

from django.utils import timezone

from health.services import child_add, health_of, health_update
from tests.advisers.people import allocate, date_post, young_person


def today() -> date:
    return timezone.localdate()


def days_ago(days: int) -> date:
    return today() - timedelta(days=days)


def held(teams, staff, **fields):
    """A young person in the north team, allocated to its PA."""
    person = young_person(teams["north"], **fields)
    allocate(person, staff["pa"])
    return person


def record_health(person, *, actor=None, **fields):
    """Their health record saved as a PA would save it (on top of what is there)."""
    values = {"gp_registered": "yes", "gp_practice": "Canal Street Surgery",
              "dentist_registered": "no", **fields}
    return health_update(actor=actor, young_person=person, version=health_of(person).version,
                         **values)


def add_child(person, *, actor=None, born_on=None, **fields):
    return child_add(actor=actor, young_person=person,
                     born_on=born_on if born_on or "expected_on" in fields else days_ago(200),
                     **fields)


def health_post(*, version=0, history_given_on=None, **fields) -> dict:
    return {
        "gp_registered": "yes", "gp_practice": "Canal Street Surgery",
        "dentist_registered": "yes", "dentist_practice": "Smile Dental",
        **date_post("history_given_on", history_given_on),
        "health_needs": "Asthma: I need my inhaler with me.",
        "mental_health_support": "I see the counsellor at college every week.",
        "disability": "not_known", "disability_details": "", "version": str(version),
        **fields,
    }


def child_post(*, born_on=None, expected_on=None, version=None, **fields) -> dict:
    data = {"name": "Ava", **date_post("born_on", born_on),
            **date_post("expected_on", expected_on), "lives_with_them": "yes", "notes": "",
            **fields}
    if version is not None:
        data["version"] = str(version)
    return data
