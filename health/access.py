"""Who may see and change a young person's health and their own children: the same people as
their record (careleavers.access), one function per record type."""

from careleavers.access import can_edit_young_person, get_child_record_for
from careleavers.models import YoungPerson

from .models import Child


def can_change_health(user, young_person: YoungPerson) -> bool:
    return can_edit_young_person(user, young_person)


def get_child_for(user, young_person_pk, pk, *, write: bool = False, log_view: str = ""):
    """A child on a record this user may see (404 otherwise) and, if `write`, change (403
    otherwise). Returns (young_person, child)."""
    return get_child_record_for(user, young_person_pk, Child.objects, pk, write=write,
                                log_view=log_view, missing="No child found")
