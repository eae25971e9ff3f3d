"""Who may see and change a young person's care history: the same people as their record
(careleavers.access), one function per record type."""

from django.core.exceptions import PermissionDenied

from careleavers.access import get_child_record_for, get_young_person_for, record_view
from careleavers.models import Role

from .models import CarePeriod


def get_care_period_for(user, young_person_pk, pk, *, write: bool = False, log_view: str = ""):
    """A care period on a record this user may see (404 otherwise) and, if `write`, change (403
    otherwise). Returns (young_person, period)."""
    return get_child_record_for(user, young_person_pk, CarePeriod.objects, pk,
                                write=write, log_view=log_view, missing="No care period found")


def can_record_support_choice(user, young_person) -> bool:
    """A young person aged 21 to 24 who asks for support usually has no Personal Adviser by
    then (none is required until they ask), so whoever takes the call in their team records it:
    their PA or a colleague covering, any Personal Adviser in the team, or the team's manager.
    Nobody outside the team, and no one who only reads (duty and service managers)."""
    return (
        user.role in (Role.PERSONAL_ADVISER, Role.TEAM_MANAGER)
        and user.teams.filter(pk=young_person.team_id).exists()
    )


def get_young_person_for_support_choice(user, pk, *, log_view: str = ""):
    """A young person this user may see (404 otherwise) and may record a request for support or
    an opt-out for (403 otherwise)."""
    young_person = get_young_person_for(user, pk)
    if not can_record_support_choice(user, young_person):
        raise PermissionDenied
    record_view(user, young_person, log_view)
    return young_person
