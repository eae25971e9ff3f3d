"""An unaccompanied asylum-seeking young person's immigration position on their record page,
and each change of it in the chronology."""

from django.urls import reverse

from careleavers.dates import long_date
from careleavers.record import ChronologyEntry, RecordPart, record_part

from .access import can_change_immigration
from .selectors import position_on, records_of


@record_part
def immigration_part(*, young_person, user, today) -> RecordPart:
    """Nothing for a young person not recorded as unaccompanied and asylum-seeking, and no
    query; otherwise two: the records, and what this user may do."""
    if not young_person.uasc:
        return RecordPart(order=45)
    records = records_of(young_person)
    url = reverse("immigration", args=[young_person.pk])
    return RecordPart(
        order=45,
        template="immigration/_record_panel.html",
        context={
            "current": position_on(records, today),
            "decisions_waiting": [r for r in records if r.decision_waiting],
            "history_url": url,
            "can_change": can_change_immigration(user, young_person),
        },
        chronology=[_entry(record, url) for record in records],
    )


def _entry(record, url) -> ChronologyEntry:
    details = []
    if record.leave_expires_on:
        details.append(f"Leave ends {long_date(record.leave_expires_on)}")
    if record.appeal_lodged_on:
        details.append(f"Appeal lodged {long_date(record.appeal_lodged_on)}")
    if record.appeal_decided_on:
        details.append(f"Appeal decided {long_date(record.appeal_decided_on)}")
    if record.notes:
        details.append(record.notes)
    return ChronologyEntry(
        at=record.since,
        kind="Immigration",
        title=record.summary,
        text=". ".join(details),
        by=str(record.recorded_by) if record.recorded_by_id else "",
        url=url,
    )
