"""Reads of statutory status for many young people at once, each a fixed number of queries."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import cached_property

from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from careleavers.models import YoungPerson

from .models import CareFacts, CarePeriod, StatusChange, SupportChoice, SupportChoiceKind
from .rules import RETURN_HOME_MONTHS, add_months, birthday, decide_status

#: What `_statuses_on_days` needs of each young person.
_STORED = ("pk", "date_of_birth", "statutory_status__status", "statutory_status__since")


class StatusesOn:
    """Each young person's statutory status on one date, and how to narrow a queryset to some
    statuses by it. Made by `statuses_on`."""

    def __init__(self, by_pk: Callable[[], dict[int, str | None]], *, stored: bool):
        self._read = by_pk
        self.stored = stored

    @cached_property
    def _by_pk(self) -> dict[int, str | None]:
        return self._read()

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
    """The statutory status of each of `young_people` on `on`, by `statuses_on_days`. Today or
    later it is the status as stored, read in one query when first asked, and narrowing by it
    is a join."""
    today = today or timezone.localdate()
    young_people = young_people.order_by()
    if on >= today:
        # Read only if asked: narrowing by the stored status is a join.
        return StatusesOn(
            lambda: dict(young_people.values_list("pk", "statutory_status__status")), stored=True
        )
    rows = young_people.values_list(*_STORED)
    found = _statuses_on_days([(row, on) for row in rows], today=today)
    return StatusesOn(lambda: {pk: status for (pk, _), status in found.items()}, stored=False)


def statuses_on_days(pairs: Iterable[tuple[int, date]], *,
                     today: date | None = None) -> dict[tuple[int, date], str | None]:
    """{(young person pk, day): their statutory status that day}, for many pairs at once.

    The status on a day is, first that applies:
    - today or later: the status as stored, which the nightly checks keep up to date
      (`services.statuses_bring_up_to_date`);
    - the stored status, if it has held since that day or before (its `since`);
    - the status recorded in their status history as in force that day (the latest change
      effective on or before it): what the service decided at the time;
    - before their history begins (a caseload brought over from another system): decided again
      by the one rule, `rules.decide_status`, from the care history as recorded now. Facts
      recorded without a date, such as being in education or training, are taken as they are.
    At most five queries: the young people, their status history, care periods, other facts
    and requests for support and opt-outs.
    """
    today = today or timezone.localdate()
    pairs = list(pairs)
    rows = YoungPerson.objects.filter(pk__in={pk for pk, _ in pairs}).values_list(*_STORED)
    by_pk = {row[0]: row for row in rows}
    return _statuses_on_days(
        [(by_pk[pk], day) for pk, day in pairs if pk in by_pk], today=today
    )


def _statuses_on_days(wanted, *, today: date) -> dict[tuple[int, date], str | None]:
    """`wanted`: [((pk, date of birth, stored status, since), day)]."""
    found: dict[tuple[int, date], str | None] = {}
    undecided = []
    for (pk, date_of_birth, status, since), day in wanted:
        if status is not None and (day >= today or since <= day):
            found[pk, day] = status
        else:
            undecided.append((pk, date_of_birth, day))
    if not undecided:
        return found
    pks = list({pk for pk, _, _ in undecided})
    history = defaultdict(list)
    for pk, effective_on, status in StatusChange.objects.filter(young_person__in=pks).order_by(
        "effective_on", "recorded_at", "pk"
    ).values_list("young_person", "effective_on", "status"):
        history[pk].append((effective_on, status))
    to_decide = []
    for pk, date_of_birth, day in undecided:
        recorded = [status for effective_on, status in history[pk] if effective_on <= day]
        if recorded:
            found[pk, day] = recorded[-1]
        else:
            to_decide.append((pk, date_of_birth, day))
    if not to_decide:
        return found
    pks = list({pk for pk, _, _ in to_decide})
    periods = defaultdict(list)
    for period in CarePeriod.objects.filter(young_person__in=pks).order_by("start_on"):
        periods[period.young_person_id].append(period.as_fact())
    facts = {f.young_person_id: f for f in CareFacts.objects.filter(young_person__in=pks)}
    choices = defaultdict(list)
    for choice in SupportChoice.objects.filter(young_person__in=pks).in_order_made():
        choices[choice.young_person_id].append(choice.as_fact())
    for pk, date_of_birth, day in to_decide:
        recorded = facts.get(pk) or CareFacts(young_person_id=pk)
        found[pk, day] = decide_status(
            recorded.as_facts(date_of_birth=date_of_birth, care_periods=tuple(periods[pk]),
                              support_choices=tuple(choices[pk])),
            day,
        ).status
    return found


def last_asked_for_support(young_people) -> dict[int, date]:
    """{young person pk: the day they last asked for support (CA s.23CZB)}, for those of
    `young_people` who ever have. One query."""
    return dict(
        SupportChoice.objects.filter(young_person__in=young_people, kind=SupportChoiceKind.ASKED)
        .values("young_person").annotate(last=Max("on")).values_list("young_person", "last")
    )


def without_care_history(young_people) -> set[int]:
    """The pks of `young_people` with no period of care recorded: their status cannot be
    decided from their care history, as nobody has given it (a care leaver brought over from
    the DfE's care leaver table alone, say). One query."""
    return set(
        young_people.filter(~Exists(CarePeriod.objects.filter(young_person=OuterRef("pk"))))
        .values_list("pk", flat=True)
    )


#: Over this many days, every young person has had a birthday: the night decides everyone.
_A_YEAR = 366
#: A 29 February birth, to ask `rules.birthday` where such birthdays fall in a given year.
_LEAP_DAY = date(2000, 2, 29)


def statuses_the_date_may_move(*, since: date, on: date) -> Q:
    """A condition on young people: those whose status, or the reason it gives, may read
    differently on `on` from on `since` (the last day it was decided) with no change to their
    records. Everyone else's decision is the same on both days, so the nightly checks need not
    decide it again. Each clause is a way the date alone enters `rules.decide_status`:

    - a birthday after `since`, up to `on`: every age band, and the age each reason states
      (a 29 February birthday falls where `rules.birthday` puts it in each year);
    - a care period still open: the days looked after grow each day (the 13 weeks of the
      eligible test, the count each reason gives) and a short break still open stops being
      short after 4 weeks;
    - a care period that ended on or after `since`: the day after it ends they have left care;
      or one recorded to start or end later;
    - a return home whose 6 months end in the window (CLR reg 3), with a few days' slack for
      months of different lengths;
    - a request for support or an opt-out dated on or after `since` (whenever it was recorded):
      it counts from its date;
    - no status decided yet."""
    if (on - since).days > _A_YEAR:
        return Q()
    days = [since + timedelta(days=n) for n in range(1, (on - since).days + 1)]
    birthdays = Q(pk__in=[])
    for day in days:
        birthdays |= Q(date_of_birth__month=day.month, date_of_birth__day=day.day)
    if any(birthday(_LEAP_DAY, day.year - _LEAP_DAY.year) == day for day in days):
        birthdays |= Q(date_of_birth__month=2, date_of_birth__day=29)
    care = CarePeriod.objects.filter(young_person=OuterRef("pk")).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=since) | Q(start_on__gte=since)
    )
    returned_from = add_months(since, -RETURN_HOME_MONTHS) - timedelta(days=5)
    returned_home = CareFacts.objects.filter(young_person=OuterRef("pk"),
                                             returned_home_on__gte=returned_from)
    support_choice = SupportChoice.objects.filter(young_person=OuterRef("pk"), on__gte=since)
    return (birthdays | Exists(care) | Exists(returned_home) | Exists(support_choice)
            | Q(statutory_status__isnull=True))
