"""Who may see and change a young person's care history: the same people as their record
(careleavers.access), one function per record type."""

from careleavers.access import get_child_record_for

from .models import CarePeriod


def get_care_period_for(user, young_person_pk, pk, *, write: bool = False, log_view: str = ""):
    """A care period on a record this user may see (404 otherwise) and, if `write`, change (403
    otherwise). Returns (young_person, period)."""
    return get_child_record_for(user, young_person_pk, CarePeriod.objects, pk,
                                write=write, log_view=log_view, missing="No care period found")
