"""Who may see and change what a young person does each day: the same people as their record
(careleavers.access), one function per record type."""

from django.http import Http404

from careleavers.access import can_edit_young_person, get_young_person_for, record_view
from careleavers.models import YoungPerson

from .models import ActivityEpisode


def can_change_activities(user, young_person: YoungPerson) -> bool:
    return can_edit_young_person(user, young_person)


def get_activity_for(user, young_person_pk, pk, *, write: bool = False, log_view: str = ""):
    """An activity on a record this user may see (404 otherwise) and, if `write`, change (403
    otherwise). Returns (young_person, activity)."""
    young_person = get_young_person_for(user, young_person_pk, write=write)
    activity = ActivityEpisode.objects.filter(young_person=young_person, pk=pk).first()
    if activity is None:
        raise Http404("No activity found")
    record_view(user, young_person, log_view)
    activity.young_person = young_person
    return young_person, activity
