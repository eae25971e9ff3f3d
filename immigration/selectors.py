"""Reads about young people's immigration positions, each a fixed number of queries."""

from datetime import date

from .models import ImmigrationRecord
from .rules import DECISIONS, Stage


def records_of(young_person) -> list[ImmigrationRecord]:
    """Every position recorded for them, newest first, with who recorded it and who saw each
    decision. One query."""
    return list(
        ImmigrationRecord.objects.filter(young_person=young_person)
        .select_related("recorded_by", "decision_seen_by")
        .order_by("-since", "-pk")
    )


def position_on(records: list[ImmigrationRecord], on: date) -> ImmigrationRecord | None:
    """Their position on `on`, from records loaded by `records_of`: the latest on or before it."""
    return next((record for record in records if record.since <= on), None)


def _latest_on(young_people, on: date) -> dict[int, ImmigrationRecord]:
    # Oldest first, so each young person keeps their latest record.
    found = {}
    for record in (ImmigrationRecord.objects
                   .filter(young_person__in=young_people.values("pk"), young_person__uasc=True,
                           since__lte=on)
                   .order_by("young_person_id", "since", "pk")
                   .only("pk", "young_person_id", "since", "stage", "leave_kind",
                         "leave_expires_on")):
        found[record.young_person_id] = record
    return found


def leave_on(young_people, *, on: date) -> dict[int, ImmigrationRecord]:
    """{young person pk: the record of the leave they hold on `on`}, for unaccompanied
    asylum-seeking young people whose position then is leave that ends. One query."""
    return {pk: record for pk, record in _latest_on(young_people, on).items()
            if record.stage == Stage.LEAVE_GRANTED and record.leave_expires_on is not None}


def leave_ends_on(young_people, *, on: date) -> dict[int, date]:
    """{young person pk: the day the leave they hold on `on` ends}. One query."""
    return {pk: record.leave_expires_on for pk, record in leave_on(young_people, on=on).items()}


def decisions_not_seen(young_people, *, on: date) -> dict[int, ImmigrationRecord]:
    """{young person pk: their latest decision (leave granted or refused) recorded on or before
    `on` that nobody has marked as seen}. One query."""
    found = {}
    for record in (ImmigrationRecord.objects
                   .filter(young_person__in=young_people.values("pk"), young_person__uasc=True,
                           stage__in=DECISIONS, since__lte=on, decision_seen_at__isnull=True)
                   .order_by("young_person_id", "since", "pk")):
        found[record.young_person_id] = record
    return found
