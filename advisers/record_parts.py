"""The Personal Adviser and contact panel on a young person's record, their contacts and
allocations in the chronology, and finding young people by words in contact notes."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from careleavers.record import ChronologyEntry, RecordPart, record_part, searches_words
from eligibility.models import StatutoryStatus

from .access import can_allocate, can_record_contact, contact_change_rule
from .models import (
    IN_TOUCH_OUTCOMES,
    VISIT_TYPES,
    Allocation,
    AllocationKind,
    Contact,
    KeepInTouch,
    KeepInTouchStandard,
)

NOTES_WORDS = 40


@record_part
def personal_adviser_and_contact(*, young_person, user, today) -> RecordPart:
    """A fixed number of queries however many contacts: the status; the keep-in-touch standards;
    the allocations with their advisers; the contacts with who made them; and up to three for what
    this user may do."""
    status = StatutoryStatus.objects.filter(young_person=young_person).first()
    standards = KeepInTouchStandard.as_dict()
    allocations = list(
        Allocation.objects.filter(young_person=young_person).select_related("adviser")
        .order_by("-start_on", "-pk")
    )
    contacts = list(
        Contact.objects.filter(young_person=young_person).select_related("made_by")
        .order_by("-contact_at", "-pk")
    )
    current = [a for a in allocations if a.is_current(today)]
    personal_adviser = next(
        (a for a in current if a.kind == AllocationKind.PERSONAL_ADVISER), None
    )
    covers = [a for a in current if a.kind == AllocationKind.COVER]
    last_in_touch = next((c for c in contacts if c.outcome in IN_TOUCH_OUTCOMES), None)
    keep_in_touch = KeepInTouch(
        last_in_touch=timezone.localtime(last_in_touch.contact_at).date()
        if last_in_touch else None,
        interval_days=standards.get(status.status) if status else None,
    )
    may_change = contact_change_rule(user, young_person, today=today)
    next_due = keep_in_touch.next_due

    return RecordPart(
        order=20,
        template="advisers/_record_panel.html",
        context={
            "status": status,
            "personal_adviser": personal_adviser,
            "covers": covers,
            "last_in_touch": last_in_touch,
            "last_contact": contacts[0] if contacts else None,
            "keep_in_touch": keep_in_touch,
            "contact_state": keep_in_touch.state(today),
            "due_in_days": (next_due - today).days if next_due else None,
            "needs_personal_adviser": bool(status and status.requires_personal_adviser),
            "can_record_contact": can_record_contact(user, young_person),
            "can_allocate": can_allocate(user, young_person),
        },
        chronology=[
            *(_contact_entry(contact, may_edit=may_change(contact)) for contact in contacts),
            *_allocation_entries(allocations, today),
        ],
    )


def _contact_entry(contact: Contact, *, may_edit: bool) -> ChronologyEntry:
    details = []
    if contact.location:
        details.append(f"Where: {contact.location}")
    if contact.seen_alone is not None:
        details.append(f"Seen on their own: {'yes' if contact.seen_alone else 'no'}")
    if contact.notes:
        details.append(Truncator(contact.notes).words(NOTES_WORDS))
    return ChronologyEntry(
        at=contact.contact_at,
        kind="Visit" if contact.contact_type in VISIT_TYPES else "Contact",
        title=f"{contact.get_contact_type_display()}: {contact.get_outcome_display().lower()}",
        text="\n".join(details),
        by=str(contact.made_by),
        url=reverse("contact-edit", args=[contact.pk]) if may_edit else "",
    )


def _allocation_entries(allocations, today):
    for allocation in allocations:
        name = allocation.adviser.get_full_name()
        main = allocation.kind == AllocationKind.PERSONAL_ADVISER
        if allocation.start_on <= today:
            yield ChronologyEntry(
                at=allocation.start_on,
                kind="Allocation",
                title=f"{name} became their Personal Adviser" if main
                else f"{name} started covering",
                text=allocation.reason,
            )
        if allocation.end_on is not None and allocation.end_on <= today:
            yield ChronologyEntry(
                at=allocation.end_on,
                kind="Allocation",
                title=f"{name} stopped being their Personal Adviser" if main
                else f"{name} stopped covering",
                text=allocation.end_reason,
            )


@searches_words
def in_contact_notes(text: str) -> Q:
    """Young people with a contact whose notes hold the words: on PostgreSQL by full-text
    search in English (so "visited" finds "visit", through the notes' index), elsewhere every
    word anywhere in one note."""
    notes = Contact.objects.filter(young_person=OuterRef("pk"))
    if connection.vendor == "postgresql":
        notes = notes.annotate(words=SearchVector("notes", config="english")).filter(
            words=SearchQuery(text, config="english", search_type="websearch"))
    else:
        for word in text.split():
            notes = notes.filter(notes__icontains=word)
    return Q(Exists(notes))
