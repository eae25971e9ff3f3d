"""Writes for a young person's documents and the checklist of what they should leave care with.
Forms and the demo seed come through here.

A document is never deleted: one that is replaced or withdrawn says why, and stays on the
record with its history. The service checks each file itself (the form does too, to say so
next to the field), so nothing else can put a file in the store that the service would not
take.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careleavers.history import save_with_history
from careleavers.models import YoungPerson
from careleavers.services import young_person_changed

from .models import ChecklistTick, Document
from .rules import (
    HEAD_BYTES,
    SHOWN_BY,
    ChecklistItem,
    DocumentKind,
    file_refusal,
    file_type_of,
    in_a_sentence,
)


def max_upload_size() -> int:
    """The largest file kept, in bytes (DOCUMENT_MAX_MEGABYTES, 10 MB by default)."""
    return settings.DOCUMENT_MAX_MEGABYTES * 1024 * 1024


def upload_refusal(upload) -> str:
    """Why this uploaded file cannot be kept, or ''. Reads the start of its contents."""
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return file_refusal(name=upload.name or "", head=head, size=upload.size,
                        max_size=max_upload_size())


@transaction.atomic
def document_upload(*, actor, young_person, kind: str, title: str, upload,
                    dated_on: date | None = None) -> Document:
    """Keep `upload` (a Django UploadedFile or File) on the young person's record."""
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    errors = {}
    if kind not in DocumentKind.values:
        errors["kind"] = "Select what kind of document it is"
    title = (title or "").strip()
    if not title:
        errors["title"] = "Enter a title for the document"
    elif len(title) > 200:
        errors["title"] = "The title must be 200 characters or fewer"
    if upload is None:
        errors["file"] = "Select a file"
    elif refusal := upload_refusal(upload):
        errors["file"] = refusal
    if errors:
        raise ValidationError(errors)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    document = Document(
        young_person=young_person, kind=kind, title=title, dated_on=dated_on,
        original_name=_base_name(upload.name)[:255], content_type=file_type_of(head),
        size=upload.size, uploaded_by=actor, uploaded_at=timezone.now(),
    )
    document.file.save("upload", upload, save=False)
    try:
        save_with_history(document, actor)
        young_person_changed(young_person)
    except BaseException:
        # The row was never kept: leave no file behind it in the store.
        document.file.storage.delete(document.file.name)
        raise
    return document


def _base_name(name: str) -> str:
    # Browsers send the name alone, but an old one may send the whole path it came from.
    return name.replace("\\", "/").rsplit("/", 1)[-1]


@transaction.atomic
def document_withdraw(*, actor, document: Document, reason: str) -> Document:
    """Mark a document as replaced or withdrawn, saying why. It stays on the record."""
    current = Document.objects.select_for_update().get(pk=document.pk)
    reason = (reason or "").strip()
    if current.withdrawn_at is not None:
        raise ValidationError("This document has already been marked as replaced or withdrawn")
    if not reason:
        raise ValidationError({"reason": "Enter why it was replaced or withdrawn"})
    current.withdrawn_at = timezone.now()
    current.withdrawn_by = actor
    current.withdrawn_reason = reason
    # A document that is no longer the one to use is no longer theirs to download either.
    current.shared_with_young_person = False
    save_with_history(current, actor, update_fields=[
        "withdrawn_at", "withdrawn_by", "withdrawn_reason", "shared_with_young_person",
    ])
    young_person_changed(current.young_person)
    return current


@transaction.atomic
def document_share(*, actor, document: Document, shared: bool) -> Document:
    """Share a document with the young person, so they can download it from their own pages,
    or stop sharing it. Only a current document can be shared; stopping is always allowed.
    Each change is kept in the document's history; saying again what is already so changes
    nothing."""
    current = Document.objects.select_for_update().get(pk=document.pk)
    if shared and current.withdrawn_at is not None:
        raise ValidationError("A document that has been replaced or withdrawn cannot be shared")
    if current.shared_with_young_person == shared:
        return current
    current.shared_with_young_person = shared
    save_with_history(current, actor, update_fields=["shared_with_young_person"])
    young_person_changed(current.young_person)
    return current


@transaction.atomic
def checklist_tick(*, actor, young_person, item: str, has_it: bool,
                   document: Document | None = None) -> ChecklistTick:
    """Say whether the young person has one thing on the checklist (tick it off, or untick it),
    and which of their documents shows it, if one is kept here. Each change is kept in the
    history; saying again what is already recorded changes nothing."""
    YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    if item not in ChecklistItem.values:
        raise ValidationError({"item": "Choose something on the checklist"})
    item = ChecklistItem(item)
    if not has_it:
        document = None
    if document is not None and (
        document.young_person_id != young_person.pk or not document.is_current
        or document.kind not in SHOWN_BY[item]
    ):
        raise ValidationError({"document": "Choose one of their documents that shows their "
                                           f"{in_a_sentence(item)}"})
    tick = ChecklistTick.objects.filter(young_person=young_person, item=item).first()
    if tick is not None and tick.has_it == has_it and tick.document_id == (
        document.pk if document else None
    ):
        return tick
    tick = tick or ChecklistTick(young_person=young_person, item=item)
    tick.has_it = has_it
    tick.document = document
    tick.changed_by = actor
    tick.changed_at = timezone.now()
    save_with_history(tick, actor)
    young_person_changed(young_person)
    return tick
