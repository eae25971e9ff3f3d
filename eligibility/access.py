"""Who may see and change a young person's care history: the same people as their record
(careleavers.access), one function per record type."""

from django.http import Http404

from careleavers.access import get_young_person_for, record_view

from .models import CarePeriod


def get_care_period_for(user, young_person_pk, pk, *, write: bool = False, log_view: str = ""):
    """A care period on a record this user may see (404 otherwise) and, if `write`, change (403
    otherwise). Returns (young_person, period)."""
    young_person = get_young_person_for(user, young_person_pk, write=write)
    period = CarePeriod.objects.filter(young_person=young_person, pk=pk).first()
    if period is None:
        raise Http404("No care period found")
    record_view(user, young_person, log_view)
    period.young_person = young_person
    return young_person, period
