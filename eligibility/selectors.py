"""Reads of statutory status for many young people at once, each a fixed number of queries."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from .models import CareFacts, CarePeriod
from .rules import decide_status


class StatusesOn:
    """Each young person's statutory status on one date, and how to narrow a queryset to some
    statuses by it. Made by `statuses_on`."""

    def __init__(self, by_pk: dict[int, str | None], *, stored: bool):
        self._by_pk = by_pk
        self.stored = stored

    def get(self, pk: int) -> str | None:
        return self._by_pk.get(pk)

    def having(self, young_people, statuses: Iterable[str]):
        """`young_people` narrowed to those whose status on the date is one of `statuses`."""
        wanted = frozenset(statuses)
        if self.stored:
            return young_people.filter(statutory_status__status__in=wanted)
        return young_people.filter(
            pk__in=[pk for pk, status in self._by_pk.items() if status in wanted]
        )


def statuses_on(young_people, *, on: date, today: date | None = None) -> StatusesOn:
    """The statutory status of each young person on `on`.

    Today or later: the status as stored, which the nightly checks keep up to date
    (`services.statuses_bring_up_to_date`). One query.

    An earlier date: decided again by the one rule, `rules.decide_status`, from the care history
    as recorded now, so figures for a past month count young people at the status they had then
    (someone 19 now was relevant at 17, not former relevant). Facts recorded without a date, such
    as being in education or training, are taken as they are now. Three queries: the young
    people, their care periods, their other facts.
    """
    today = today or timezone.localdate()
    young_people = young_people.order_by()
    if on >= today:
        return StatusesOn(
            dict(young_people.values_list("pk", "statutory_status__status")), stored=True
        )
    born = dict(young_people.values_list("pk", "date_of_birth"))
    periods = defaultdict(list)
    for period in CarePeriod.objects.filter(young_person__in=list(born)).order_by("start_on"):
        periods[period.young_person_id].append(period.as_fact())
    facts = {f.young_person_id: f for f in CareFacts.objects.filter(young_person__in=list(born))}
    by_pk = {}
    for pk, date_of_birth in born.items():
        recorded = facts.get(pk) or CareFacts(young_person_id=pk)
        by_pk[pk] = decide_status(
            recorded.as_facts(date_of_birth=date_of_birth, care_periods=tuple(periods[pk])), on
        ).status
    return StatusesOn(by_pk, stored=False)
