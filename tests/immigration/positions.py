"""Helpers for the immigration tests: unaccompanied asylum-seeking young people, positions
recorded through the service, and the form data a browser would post."""

from datetime import date, timedelta

from immigration.services import immigration_record
from tests.advisers.people import allocate, date_post, days_ago, today, young_person


def days_ahead(days: int) -> date:
    return today() + timedelta(days=days)


def uasc_person(team, adviser=None, **fields):
    """An unaccompanied asylum-seeking young person in `team`, with `adviser` as their PA."""
    person = young_person(team, uasc=True, **{"first_name": "Dawit", "last_name": "Tesfay",
                                              **fields})
    if adviser is not None:
        allocate(person, adviser)
    return person


FIVE_YEARS = object()


def granted(person, *, actor=None, kind="refugee", granted_on=None, ends_on=FIVE_YEARS,
            since=None, seen=False, **fields):
    """Leave granted to them, ending `ends_on` (five years after it was granted by default; none
    for leave that does not end)."""
    granted_on = granted_on or days_ago(30)
    if ends_on is FIVE_YEARS:
        ends_on = (None if kind in ("indefinite", "citizenship")
                   else granted_on + timedelta(days=5 * 365))
    return immigration_record(
        actor=actor, young_person=person, since=since or granted_on, stage="leave_granted",
        leave_kind=kind, leave_granted_on=granted_on, leave_expires_on=ends_on,
        decision_seen=seen, **fields,
    )


def waiting(person, *, actor=None, since=None, **fields):
    return immigration_record(actor=actor, young_person=person, since=since or days_ago(400),
                              stage="waiting", **fields)


def record_post(stage="leave_granted", *, since=None, leave_kind="refugee", granted_on=None,
                ends_on=None, lodged_on=None, decided_on=None, version=None, **fields) -> dict:
    data = {
        "stage": stage, **date_post("since", since or days_ago(1)),
        "leave_kind": leave_kind if stage == "leave_granted" else "",
        **date_post("leave_granted_on", granted_on if stage == "leave_granted" and granted_on
                    else (days_ago(1) if stage == "leave_granted" else None)),
        **date_post("leave_expires_on", ends_on),
        **date_post("appeal_lodged_on", lodged_on), **date_post("appeal_decided_on", decided_on),
        "home_office_reference": "h1234567", "solicitor": "Amna Patel, Demo Law",
        "solicitor_contact": "0113 496 0000", "notes": "", **fields,
    }
    if version is not None:
        data["version"] = str(version)
    return data
