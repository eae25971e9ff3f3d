"""Helpers for the record page tests: young people made through the services, as the forms make
them, and the form data a browser would post."""

from datetime import date, timedelta

from django.utils import timezone

from advisers.models import Allocation, AllocationKind
from careleavers.services import young_person_create


def years_ago(years: int, *, days: int = 0, today: date | None = None) -> date:
    today = today or timezone.localdate()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - timedelta(days=days)


_counter = iter(range(1, 10**6))


def add_young_person(*, team, actor=None, restricted_to=(), **fields):
    """A young person as the add form makes them (their status is worked out too)."""
    number = next(_counter)
    values = {
        "person_id": f"YP{number:05d}",
        "first_name": "Jordan",
        "last_name": f"Testperson{number}",
        "date_of_birth": years_ago(17),
        "sex": "F",
        "ethnicity": "WBRI",
        "team": team,
        **fields,
    }
    return young_person_create(
        actor=actor, today=timezone.localdate(), restricted_to=restricted_to, **values
    )


def allocate(young_person, adviser, *, kind=AllocationKind.PERSONAL_ADVISER):
    return Allocation.objects.create(
        young_person=young_person, adviser=adviser, kind=kind,
        start_on=timezone.localdate() - timedelta(days=30),
    )


def date_post(name: str, value: date | None) -> dict:
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(value.day), f"{name}_1": str(value.month),
            f"{name}_2": str(value.year)}


def identity_post(young_person=None, **overrides) -> dict:
    """What the add or change form posts: the young person's current details (or a new
    person's), with `overrides`. Dates are `date`s; yes/no questions are booleans."""
    values = {
        "person_id": "NEW00001",
        "first_name": "Amani",
        "last_name": "Okafor",
        "preferred_name": "",
        "date_of_birth": years_ago(17),
        "sex": "F",
        "ethnicity": "BAFR",
        "upn": "",
        "uasc": False,
        "disability": False,
        "languages": "",
        "phone": "",
        "email": "",
        "address": "",
        "team": None,
        "restricted": False,
        "restricted_to": [],
    }
    if young_person is not None:
        values.update({name: getattr(young_person, name) for name in values if name not in (
            "team", "restricted_to")})
        values["team"] = young_person.team
        values["restricted_to"] = list(young_person.restricted_to.all())
        values["version"] = young_person.version
        values.pop("person_id")
    values.update(overrides)
    data = {}
    for name, value in values.items():
        if name == "date_of_birth":
            data.update(date_post(name, value))
        elif isinstance(value, bool):
            if name == "different_person":
                if value:
                    data[name] = "on"
            else:
                data[name] = "yes" if value else "no"
        elif name == "team":
            data[name] = value.pk if value is not None else ""
        elif name == "restricted_to":
            data[name] = [member.pk for member in value]
        else:
            data[name] = value
    return data
