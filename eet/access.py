"""Who may see and change what a young person does each day: the same people as their record
(careleavers.access), one function per record type."""

from careleavers.access import can_edit_young_person, get_child_record_for
from careleavers.models import YoungPerson

from .models import ActivityEpisode


def can_change_activities(user, young_person: YoungPerson) -> bool:
    return can_edit_young_person(user, young_person)


def get_activity_for(user, young_person_pk, pk, *, write: bool = False, log_view: str = ""):
    """An activity on a record this user may see (404 otherwise) and, if `write`, change (403
    otherwise). Returns (young_person, activity)."""
    return get_child_record_for(user, young_person_pk, ActivityEpisode.objects, pk,
                                write=write, log_view=log_view, missing="No activity found")
