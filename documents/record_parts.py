"""The young person's documents on their record page: a panel saying what they have of what
they should leave care with, and what is missing; each upload in the chronology."""

from django.urls import reverse

from careleavers.record import ChronologyEntry, RecordPart, record_part

from .access import can_change_documents
from .selectors import checklist_of, documents_of


@record_part
def documents_part(*, young_person, user, today) -> RecordPart:
    """Three queries: the documents, the checklist, and what this user may do."""
    kept = documents_of(young_person)
    checklist = checklist_of(young_person)
    url = reverse("documents", args=[young_person.pk])
    chronology = [
        ChronologyEntry(
            at=document.uploaded_at, kind="Document",
            title=f"Document uploaded: {document.title}",
            text=document.get_kind_display(), by=str(document.uploaded_by), url=url,
        )
        for document in kept
    ] + [
        ChronologyEntry(
            at=document.withdrawn_at, kind="Document",
            title=f"Document replaced or withdrawn: {document.title}",
            text=document.withdrawn_reason, by=str(document.withdrawn_by), url=url,
        )
        for document in kept if not document.is_current
    ]
    return RecordPart(
        order=60,
        template="documents/_record_panel.html",
        context={
            "checklist": checklist,
            "documents_url": url,
            "current_count": sum(document.is_current for document in kept),
            "can_change": can_change_documents(user, young_person),
        },
        chronology=chronology,
    )
