"""Who may see and change a young person's documents: the same people as their record
(careleavers.access), one function per record type."""

from careleavers.access import can_edit_young_person, get_child_record_for
from careleavers.models import YoungPerson

from .models import Document


def can_change_documents(user, young_person: YoungPerson) -> bool:
    """Upload, withdraw and tick off: whoever may change the young person's record."""
    return can_edit_young_person(user, young_person)


def get_document_for(user, young_person_pk, pk, *, write: bool = False, log_view: str = ""):
    """A document on a record this user may see (404 otherwise) and, if `write`, change (403
    otherwise). Returns (young_person, document)."""
    return get_child_record_for(
        user, young_person_pk, Document.objects.select_related("uploaded_by", "withdrawn_by"),
        pk, write=write, log_view=log_view, missing="No document found",
    )
