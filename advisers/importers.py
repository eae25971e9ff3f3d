"""Import loaders for allocations and contacts (INTERFACES.md §1)."""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from careleavers.csv_import import duplicate_keys, import_file

from .models import Allocation, AllocationKind, Contact, ContactOutcome, ContactType
from .services import adviser_allocate, allocation_end, contact_record, contact_update

IMPORTED = "Imported"
ALLOCATION_COLUMNS = {"adviser": "username", "start_on": "start_date", "end_on": "end_date"}
CONTACT_COLUMNS = {"contact_at": "contact_date", "made_by": "username"}
#: The file gives the day of a contact, not the time: it is recorded at midday.
CONTACT_TIME = time(12, 0)


@transaction.atomic
def _allocate_for_the_record(*, actor, young_person, adviser, start_on, end_on):
    allocation = adviser_allocate(actor=actor, young_person=young_person, adviser=adviser,
                                  start_on=start_on, reason=IMPORTED)
    if end_on is not None:
        allocation = allocation_end(actor=actor, allocation=allocation, end_on=end_on,
                                    reason=IMPORTED)
    return allocation


@import_file(
    "allocations.csv", order=60,
    columns=["person_id", "username", "start_date"], optional_columns=["end_date"],
    model=Allocation,
)
def load_allocations(rows, ctx):
    """Personal Adviser allocations, keyed by young person, adviser and start date. They load
    oldest first for each young person, so a later allocation ends the one before it, as a
    reallocation in the app does."""
    unique = duplicate_keys(
        rows,
        lambda r: (r.text("person_id").lower(), r.text("username").lower(), r.text("start_date")),
        column="start_date",
    )
    checked = []
    for row in unique:
        young_person = row.lookup(
            "person_id", ctx.young_person, what="young person", source="young_people.csv"
        )
        adviser = row.lookup("username", ctx.staff_member, what="member of staff",
                             source="staff.csv")
        start_on = row.date("start_date", required=True)
        end_on = row.date("end_date")
        if row.ok:
            checked.append((start_on, row.line, row, young_person, adviser, end_on))

    for start_on, _, row, young_person, adviser, end_on in sorted(checked, key=lambda c: c[:2]):
        allocation = Allocation.objects.filter(
            young_person=young_person, adviser=adviser, start_on=start_on,
            kind=AllocationKind.PERSONAL_ADVISER,
        ).first()
        if allocation is None:
            done = row.call(_allocate_for_the_record, columns=ALLOCATION_COLUMNS,
                            actor=ctx.actor, young_person=young_person, adviser=adviser,
                            start_on=start_on, end_on=end_on)
            outcome = "added"
        elif end_on is None or allocation.end_on == end_on:
            # An allocation ended since the file was made is not reopened.
            ctx.count(row.file.name, "unchanged")
            continue
        elif allocation.end_on is not None:
            row.error("end_date", f"This allocation already ended on {allocation.end_on}")
            continue
        else:
            done = row.call(allocation_end, columns=ALLOCATION_COLUMNS, actor=ctx.actor,
                            allocation=allocation, end_on=end_on, reason=IMPORTED)
            outcome = "updated"
        if done is not None:
            ctx.count(row.file.name, outcome)


def _contact_at(day: date) -> datetime:
    """Midday on the day, or now if that is still to come today."""
    at = timezone.make_aware(datetime.combine(day, CONTACT_TIME))
    now = timezone.now().replace(microsecond=0)
    return min(at, now) if day == timezone.localdate() else at


@import_file(
    "contacts.csv", order=70,
    columns=["person_id", "username", "contact_date", "contact_type", "outcome"],
    optional_columns=["notes"], model=Contact,
)
def load_contacts(rows, ctx):
    """Contacts, keyed by young person, who made it, day and type. Two contacts with the same key
    (a visit tried in the morning and made in the afternoon) match the recorded ones in order."""
    matched: set[int] = set()
    for row in rows:
        young_person = row.lookup(
            "person_id", ctx.young_person, what="young person", source="young_people.csv"
        )
        made_by = row.lookup("username", ctx.staff_member, what="member of staff",
                             source="staff.csv")
        day = row.date("contact_date", required=True)
        contact_type = row.choice("contact_type", ContactType)
        outcome = row.choice("outcome", ContactOutcome)
        notes = row.text("notes")
        if not row.ok:
            continue
        contact = (
            Contact.objects.filter(young_person=young_person, made_by=made_by,
                                   contact_at__date=day, contact_type=contact_type)
            .exclude(pk__in=matched).order_by("pk").first()
        )
        if contact is None:
            done = row.call(contact_record, columns=CONTACT_COLUMNS, actor=ctx.actor,
                            young_person=young_person, made_by=made_by,
                            contact_at=_contact_at(day), contact_type=contact_type,
                            outcome=outcome, notes=notes)
            outcome_counted = "added"
        else:
            matched.add(contact.pk)
            if not row.present("notes"):
                notes = contact.notes
            if (contact.outcome, contact.notes) == (outcome, notes):
                ctx.count(row.file.name, "unchanged")
                continue
            done = row.call(contact_update, columns=CONTACT_COLUMNS, actor=ctx.actor,
                            contact=contact, version=contact.version, outcome=outcome,
                            notes=notes)
            outcome_counted = "updated"
        if done is None:
            continue
        matched.add(done.pk)
        ctx.count(row.file.name, outcome_counted)

