"""The figures managers and boards watch (DOMAIN.md §5; INTERFACES.md §3), defined once.

Each figure group works out, for a date and optionally one team, *which* young people sit behind
each number: {key: set of young person pks}. `figures_for` counts them; `young_people_behind`
gives them back as a queryset for the drill-down lists and their CSV downloads, so the
dashboard, a list, its download and `figures --json` cannot disagree. Each group is a fixed
number of queries however many young people there are.

For today or later most groups are conditions on each young person's standing
(`standing.Standing`, kept as their records change): each number is a `COUNT(*) FILTER (WHERE
condition)` in one query for every figure together, and the list behind it is the same
condition as a WHERE clause. For an earlier date (the board pack's comparisons, the monthly
snapshot of a past month) the groups work from the records as they stood then, asking the
owning packages' own selectors (plan dates, keep-in-touch state, unallocated), with the status
decided again from the care history (`eligibility.selectors.statuses_on`).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from django.db.models import (
    BooleanField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from accommodation.rules import AccommodationType, Suitability
from accommodation.selectors import (
    moved_often,
    staying_close_on,
    suitability_on,
    with_accommodation_on,
)
from advisers.models import (
    Allocation,
    AllocationKind,
    KeepInTouch,
    KeepInTouchStandard,
    current_on,
)
from advisers.selectors import (
    last_in_touch_at,
    pa_changes,
    unallocated_requiring_pa,
    with_pa_changes,
    year_before,
)
from careleavers.dates import day_starts
from careleavers.models import YoungPerson
from eet.rules import EET_CODES, NEET_CODES, ActivityCode
from eet.selectors import with_activity_on
from eligibility.rules import PA_AND_PLAN_STATUSES, Status, age_on, born_aged
from eligibility.selectors import StatusesOn, statuses_on
from localoffer.models import Entitlement, OfferRequest, Payment, RequestState
from localoffer.rules import can_have
from pathways.models import PathwayPlan, PlanState
from pathways.rules import DUE_SOON_DAYS, PlanStanding, plan_status
from pathways.selectors import (
    needs_assessments_due,
    plan_due_on,
    review_held_not_recorded,
    with_plan_dates,
)
from standing.models import Standing

#: Age bands on the date, in whole years (DOMAIN.md §5).
AGE_BANDS = {"16-17": (16, 17), "18-20": (18, 20), "21-25": (21, 25)}

#: Statuses whose accommodation and activity are watched (INTERFACES.md §3 `in_scope`).
ACCOMMODATION_STATUSES = frozenset({
    Status.RELEVANT, Status.FORMER_RELEVANT, Status.FORMER_RELEVANT_EDUCATION,
    Status.RETURNER_21_25,
})

#: Age bands whose education, employment and training are watched (DOMAIN.md §5): 19 to 21 is
#: the DfE's measure; the others are watched as well.
EET_BANDS = {"eet_17_18": (17, 18), "eet_19_21": (19, 21), "eet_22_25": (22, 25)}

#: Why young people are not in education, employment or training, by ACTIV code.
NEET_REASONS = {
    ActivityCode.G4: "neet_illness_or_disability",
    ActivityCode.G5: "neet_other",
    ActivityCode.G6: "neet_pregnancy_or_parenting",
}

#: Plans authorised within this many days up to the date count towards the time to authorise.
AUTHORISED_WITHIN_DAYS = 28

Pks = set[int]


#: Up to this many young people left out of the figures are left out by a list of their ids;
#: beyond it, those counted are listed instead.
_LEFT_OUT_LISTED = 10_000


def young_people_in(team=None, within=None):
    """Everyone the figures count from: the whole service or one team, narrowed to `within` (a
    queryset of young people: those a user may see, one PA's, an age band) if given."""
    return _narrowed(team, within)[0]


def _narrowed(team=None, within=None):
    """`young_people_in`, and their standings narrowed the same way (the figures over the
    standing count from that table alone)."""
    people, standings = YoungPerson.objects.all(), Standing.objects.all()
    if team is not None:
        people, standings = people.filter(team=team), standings.filter(team=team)
    if within is not None:
        # Taken as a list of ids (nested inside every figure's query as a subquery, PostgreSQL
        # sometimes planned it to run for a minute), and as the shorter list where it can be:
        # a manager who sees every team leaves out only the few restricted records they are not
        # named on, asked for directly; a list of every id in a large service slows every
        # figure's query, and so does fetching it.
        kept = Exists(within.filter(pk=OuterRef("pk")))
        left_out = list(people.filter(~kept).order_by().values_list("pk", flat=True)
                        [:_LEFT_OUT_LISTED + 1])
        if len(left_out) <= _LEFT_OUT_LISTED:
            if left_out:
                people = people.exclude(pk__in=left_out)
                standings = standings.exclude(young_person_id__in=left_out)
        else:
            wanted = list(people.filter(kept).order_by().values_list("pk", flat=True))
            people = people.filter(pk__in=wanted)
            standings = standings.filter(young_person_id__in=wanted)
    return people.order_by(), standings.order_by()


#: Every status but not entitled: the young people the figures count.
ENTITLED = tuple(str(s) for s in Status if s != Status.NOT_ENTITLED)


def _standing(**lookups) -> Q:
    """A condition on the young person's standing."""
    return Q(**{f"standing__{lookup}": value for lookup, value in lookups.items()})


def _aged(low: int, high: int, on: date) -> Q:
    """Aged `low` to `high` on the date (`eligibility.rules.age_on`), as dates of birth."""
    return _standing(date_of_birth__range=born_aged(low, high, on))


def _young_people_over_standing(on: date) -> dict:
    entitled = _standing(status__in=ENTITLED)
    return {
        "total": entitled,
        "by_status": {status: _standing(status=status) for status in ENTITLED},
        "by_age_band": {band: entitled & _aged(low, high, on)
                        for band, (low, high) in AGE_BANDS.items()},
        "uasc": entitled & _standing(uasc=True),
    }


def _young_people_from_records(on: date, people, statuses: StatusesOn) -> dict:
    counted = [
        (pk, status, age_on(born, on), uasc)
        for pk, born, uasc in people.values_list("pk", "date_of_birth", "uasc")
        if (status := statuses.get(pk)) is not None and status != Status.NOT_ENTITLED
    ]
    by_status: dict[str, Pks] = {
        str(s): set() for s in Status if s != Status.NOT_ENTITLED
    }
    by_age_band: dict[str, Pks] = {band: set() for band in AGE_BANDS}
    for pk, status, age, _ in counted:
        by_status[status].add(pk)
        for band, (low, high) in AGE_BANDS.items():
            if low <= age <= high:
                by_age_band[band].add(pk)
    return {
        "total": {pk for pk, *_ in counted},
        "by_status": by_status,
        "by_age_band": by_age_band,
        "uasc": {pk for pk, _, _, uasc in counted if uasc},
    }


def _plan_rows(on: date, people, statuses: StatusesOn):
    """(pk, needs a plan, review due, waiting for authorisation, review held not written up)
    for each young person, as the plans stood on the date."""
    rows = with_plan_dates(people, as_of=on).annotate(
        review_unrecorded=review_held_not_recorded(on=on)
    ).only("pk")
    return [
        (row.pk, statuses.get(row.pk) in PA_AND_PLAN_STATUSES, plan_due_on(row),
         row.plan_awaiting_authorisation, row.review_unrecorded)
        for row in rows
    ]


def _pathway_plans_over_standing(on: date) -> dict:
    """`pathways.rules.plan_status` as conditions on the standing's review due date."""
    required = _standing(plan_required=True)
    overdue = required & _standing(plan_review_due_on__lt=on)
    awaiting = _standing(plan_awaiting_authorisation=True)
    not_awaiting = _standing(plan_awaiting_authorisation=False)
    return {
        "required": required,
        "up_to_date": required & _standing(plan_review_due_on__gte=on),
        "overdue": overdue,
        "none": required & _standing(plan_review_due_on__isnull=True),
        "due_within_28_days": required & _standing(
            plan_review_due_on__range=(on, on + timedelta(days=DUE_SOON_DAYS))),
        "awaiting_authorisation": required & awaiting,
        "overdue_awaiting_authorisation": overdue & awaiting,
        "overdue_review_not_recorded": overdue & not_awaiting & _standing(
            plan_review_not_written_up=True),
        "overdue_not_held": overdue & not_awaiting & _standing(plan_review_not_written_up=False),
    }


def _pathway_plans_from_records(on: date, people, statuses: StatusesOn) -> dict:
    groups: dict[str, Pks] = {
        key: set() for key in ("required", "up_to_date", "overdue", "none",
                               "due_within_28_days", "awaiting_authorisation",
                               "overdue_awaiting_authorisation", "overdue_review_not_recorded",
                               "overdue_not_held")
    }
    for pk, required, due, awaiting, review_unrecorded in _plan_rows(on, people, statuses):
        standing = plan_status(on=on, latest_authorised_due=due, early_review_due=None,
                               required=required)
        if standing == PlanStanding.NOT_REQUIRED:
            continue
        groups["required"].add(pk)
        if awaiting:
            groups["awaiting_authorisation"].add(pk)
        if standing == PlanStanding.DUE_WITHIN_28_DAYS:
            groups["due_within_28_days"].add(pk)
            groups["up_to_date"].add(pk)
        else:
            groups[str(standing)].add(pk)
        if standing == PlanStanding.OVERDUE:
            if awaiting:
                groups["overdue_awaiting_authorisation"].add(pk)
            elif review_unrecorded:
                groups["overdue_review_not_recorded"].add(pk)
            else:
                groups["overdue_not_held"].add(pk)
    return groups


def _needs_assessments_over_standing(on: date) -> dict:
    return {
        "required": _standing(status__in=PA_AND_PLAN_STATUSES),
        "overdue": _standing(needs_assessment_due_on__lt=on),
    }


def _needs_assessments_from_records(on: date, people, statuses: StatusesOn) -> dict:
    due_on = needs_assessments_due(people, on=on, statuses=statuses)
    return {
        "required": set(
            statuses.having(people, PA_AND_PLAN_STATUSES).values_list("pk", flat=True)
        ),
        "overdue": {pk for pk, found in due_on.items() if found.due_on < on},
    }


def _in_touch_rows(on: date, people, statuses: StatusesOn):
    """(pk, last in touch on or before the date, the standard's days) for each young person."""
    standards = KeepInTouchStandard.as_dict()
    return [
        (pk, timezone.localtime(last).date() if last else None,
         standards.get(status) if (status := statuses.get(pk)) else None)
        for pk, last in people.annotate(last_in_touch_at=last_in_touch_at(on=on))
        .values_list("pk", "last_in_touch_at")
    ]


def _contact_over_standing(on: date) -> dict:
    """`advisers.models.KeepInTouch.state` as conditions on the standing's next contact due."""
    required = _standing(keep_in_touch_every_days__isnull=False)
    never = required & _standing(last_in_touch_on__isnull=True)
    return {
        "required": required,
        "within_standard": required & _standing(contact_due_on__gte=on),
        "overdue": never | (required & _standing(contact_due_on__lt=on)),
        "never": never,
    }


def _contact_from_records(on: date, people, statuses: StatusesOn) -> dict:
    groups: dict[str, Pks] = {key: set() for key in ("required", "within_standard", "overdue",
                                                     "never")}
    for pk, last, every in _in_touch_rows(on, people, statuses):
        state = KeepInTouch(last_in_touch=last, interval_days=every).state(on)
        if state == "none":
            continue
        groups["required"].add(pk)
        if state in ("ok", "due_soon"):
            groups["within_standard"].add(pk)
        else:
            groups["overdue"].add(pk)
            if state == "never":
                groups["never"].add(pk)
    return groups


def _in_scope(people, statuses: StatusesOn):
    return statuses.having(people, ACCOMMODATION_STATUSES)


#: The place types counted on their own.
PLACE_TYPES = {AccommodationType.X: "custody", AccommodationType.W: "bed_and_breakfast",
               AccommodationType.Z: "staying_put"}


def _accommodation_over_standing(on: date) -> dict:
    in_scope = _standing(status__in=ACCOMMODATION_STATUSES)
    return {
        "in_scope": in_scope,
        "suitable": in_scope & _standing(place_suitability=Suitability.SUITABLE),
        "unsuitable": in_scope & _standing(place_suitability__in=[
            outcome for outcome in Suitability if outcome != Suitability.SUITABLE]),
        "not_recorded": in_scope & _standing(place_suitability=""),
        **{key: in_scope & _standing(place_type=code) for code, key in PLACE_TYPES.items()},
        **_accommodation_from_places(on, in_scope),
    }


def _accommodation_from_places(on: date, in_scope: Q) -> dict:
    """The figures the standing does not hold, as conditions on the places lived (each one
    subquery for everyone): Staying Close on the date, and moved 3 or more times in the 12
    months up to it (`accommodation.selectors.moved_often`)."""
    return {
        "staying_close": in_scope & staying_close_on(on=on),
        "moved_3_or_more_12_months": in_scope & moved_often(on=on),
    }


def _accommodation_from_records(on: date, people, statuses: StatusesOn) -> dict:
    from_places = _accommodation_from_places(on, Q())
    rows = list(
        with_accommodation_on(_in_scope(people, statuses), on=on)
        .annotate(**{key: ExpressionWrapper(condition, output_field=BooleanField())
                     for key, condition in from_places.items()})
        .values_list("pk", "accommodation_episode_id", "accommodation_type", *from_places)
    )
    outcomes = suitability_on([episode for _, episode, _, *_ in rows if episode], on=on)
    groups: dict[str, Pks] = {key: set() for key in (
        "in_scope", "suitable", "unsuitable", "not_recorded", "custody", "bed_and_breakfast",
        "staying_put", *from_places,
    )}
    for pk, episode, type_code, *hits in rows:
        groups["in_scope"].add(pk)
        for key, hit in zip(from_places, hits, strict=True):
            if hit:
                groups[key].add(pk)
        outcome = outcomes.get(episode)
        if outcome == Suitability.SUITABLE:
            groups["suitable"].add(pk)
        elif outcome is not None:
            groups["unsuitable"].add(pk)
        else:
            groups["not_recorded"].add(pk)
        if type_code in PLACE_TYPES:
            groups[PLACE_TYPES[type_code]].add(pk)
    return groups


def _eet_over_standing(low: int, high: int):
    def conditions(on: date) -> dict:
        cohort = _standing(status__in=ACCOMMODATION_STATUSES) & _aged(low, high, on)
        return {
            "cohort": cohort,
            "in_eet": cohort & _standing(activity_code__in=EET_CODES),
            "neet": cohort & _standing(activity_code__in=NEET_CODES),
            "not_recorded": cohort & _standing(activity_code=""),
            **{key: cohort & _standing(activity_code=code) for code, key in NEET_REASONS.items()},
        }

    return conditions


def _eet_from_records(low: int, high: int):
    def group(on: date, people, statuses: StatusesOn) -> dict:
        rows = with_activity_on(_in_scope(people, statuses), on=on).values_list(
            "pk", "date_of_birth", "activity_code"
        )
        groups: dict[str, Pks] = {key: set() for key in (
            "cohort", "in_eet", "neet", "not_recorded", *NEET_REASONS.values())}
        for pk, born, code in rows:
            if not low <= age_on(born, on) <= high:
                continue
            groups["cohort"].add(pk)
            if code is None:
                groups["not_recorded"].add(pk)
            elif code in EET_CODES:
                groups["in_eet"].add(pk)
            elif code in NEET_CODES:
                groups["neet"].add(pk)
                groups[NEET_REASONS[code]].add(pk)
        return groups

    return group


def caseloads_group(on: date, people, statuses: StatusesOn) -> dict:
    """Young people held by each Personal Adviser on the date, and those needing one who have
    none (`advisers.selectors.unallocated_requiring_pa`)."""
    per_adviser: dict[str, Pks] = defaultdict(set)
    # The people are matched in Python: nesting their (filtered) queryset in this one led
    # PostgreSQL to plans that ran for minutes.
    in_scope = set(people.values_list("pk", flat=True))
    held = Allocation.objects.filter(
        current_on(on), kind=AllocationKind.PERSONAL_ADVISER
    ).values_list("adviser__username", "young_person")
    for username, pk in held:
        if pk in in_scope:
            per_adviser[username].add(pk)
    return {
        "unallocated_requiring_pa": set(
            unallocated_requiring_pa(people, today=on, statuses=statuses)
            .values_list("pk", flat=True)
        ),
        "per_adviser": dict(sorted(per_adviser.items())),
    }


def _caseloads_over_standing(on: date) -> dict:
    # Each Personal Adviser's caseload is counted by value (`Group.by_value`): a service never
    # gives anyone two Personal Advisers at once, so the standing's one is theirs.
    return {"unallocated_requiring_pa": _standing(status__in=PA_AND_PLAN_STATUSES,
                                                  adviser__isnull=True)}


def _pa_changed_12_months(on: date, people, with_pa: Pks) -> Pks:
    return {
        row.pk for row in with_pa_changes(people, today=on).only("pk")
        if row.pk in with_pa and pa_changes(row, today=on) > 0
    }


def _stability_from_records(on: date, people, statuses: StatusesOn) -> dict:
    with_pa = set(
        people.filter(Exists(Allocation.objects.filter(
            current_on(on), young_person=OuterRef("pk"), kind=AllocationKind.PERSONAL_ADVISER,
        ))).values_list("pk", flat=True)
    )
    return {"with_pa": with_pa, "pa_changed_12_months": _pa_changed_12_months(on, people, with_pa)}


def _stability_over_standing(on: date) -> dict:
    with_pa = _standing(adviser__isnull=False)
    return {
        "with_pa": with_pa,
        "pa_changed_12_months": with_pa & _standing(pa_changed_on__gt=year_before(on)),
    }


@dataclass(frozen=True)
class MedianDays:
    """A measure rather than a number of young people: whole days for each young person's plans,
    given as the median of them all (None if there are none)."""

    days: dict[int, list[int]]

    def value(self) -> int | None:
        every = [d for plans in self.days.values() for d in plans]
        return round(median(every)) if every else None

    def only(self, pks: Pks) -> "MedianDays":
        return MedianDays({pk: d for pk, d in self.days.items() if pk in pks})


def _local_days_between(earlier: str, later: str) -> ExpressionWrapper:
    """Whole days on the service's clock from one moment to another, worked out by the database
    (a plan sent at 23:30 and authorised at 00:10 waited a day)."""
    local = timezone.get_current_timezone()
    return ExpressionWrapper(TruncDate(later, tzinfo=local) - TruncDate(earlier, tzinfo=local),
                             output_field=DurationField())


def _authorised_lately(on: date, people, statuses: StatusesOn) -> dict:
    since = on - timedelta(days=AUTHORISED_WITHIN_DAYS - 1)
    authorised = PathwayPlan.objects.filter(
        young_person__in=people.values("pk"), state=PlanState.AUTHORISED,
        decided_at__gte=day_starts(since), decided_at__lt=day_starts(on + timedelta(days=1)),
        submitted_at__isnull=False,
    ).annotate(waited=_local_days_between("submitted_at", "decided_at")).order_by().values_list(
        "young_person", "waited")
    days: dict[int, list[int]] = defaultdict(list)
    for pk, waited in authorised:
        days[pk].append(waited.days)
    return {
        "authorised_last_28_days": set(days),
        "median_days_to_authorise": MedianDays(dict(days)),
    }


def _authorisation_from_records(on: date, people, statuses: StatusesOn) -> dict:
    waiting = set(
        with_plan_dates(people, as_of=on).filter(plan_awaiting_authorisation=True)
        .values_list("pk", flat=True)
    )
    return {"waiting": waiting, **_authorised_lately(on, people, statuses)}


def _authorisation_over_standing(on: date) -> dict:
    return {"waiting": _standing(plan_awaiting_authorisation=True)}


@dataclass(frozen=True)
class Pence:
    """A measure of money rather than a number of young people: the pence paid to each young
    person, given as the total."""

    pence: dict[int, int]

    def value(self) -> int:
        return sum(self.pence.values())

    def only(self, pks: Pks) -> "Pence":
        return Pence({pk: paid for pk, paid in self.pence.items() if pk in pks})


def _local_offer_from_records(on: date, people, statuses: StatusesOn) -> dict:
    """The local offer on the date (DOMAIN.md §7), as the records stood then: for each
    entitlement offered, who could have it (`localoffer.rules.can_have`, by their status and
    age on the date) and who of them had it agreed by then (take-up); who had a request waiting
    for a manager; and what was paid in the month up to the date, less payments cancelled by
    then. Five queries: the young people's dates of birth, the entitlements, their statuses
    (unless already read), the requests, the payments."""
    end = day_starts(on + timedelta(days=1))
    # Who can have what turns only on status and age: ask the rule once for each pair.
    alike: dict[tuple, Pks] = defaultdict(set)
    for pk, born in people.values_list("pk", "date_of_birth"):
        alike[(statuses.get(pk), age_on(born, on))].add(pk)
    could = {
        entitlement.key: set().union(*(pks for (status, age), pks in alike.items()
                                       if can_have(entitlement, status=status, age=age)))
        for entitlement in Entitlement.objects.filter(active=True)
    }
    had: dict[str, Pks] = {key: set() for key in could}
    waiting: Pks = set()
    requests = OfferRequest.objects.filter(
        young_person__in=people.values("pk"), asked_at__lt=end,
    ).values_list("young_person", "entitlement__key", "state", "decided_at")
    for pk, key, state, decided_at in requests:
        decided = decided_at is not None and decided_at < end
        if not decided:
            waiting.add(pk)
        elif state == RequestState.AGREED and key in had and pk in could[key]:
            had[key].add(pk)
    return {"can_have": could, "had": had, "requests_waiting": waiting,
            **_local_offer_paid(on, people, statuses)}


def _local_offer_over_standing(on: date) -> dict:
    """The local offer for today or later, as conditions: who can have each entitlement offered
    (`localoffer.rules.can_have` as a condition on the standing: their status, and their age
    on the date as dates of birth), who of them had it agreed by the date, and who has a request
    waiting for a manager (each one subquery for everyone). One query, for the entitlements."""
    end = day_starts(on + timedelta(days=1))
    asked = OfferRequest.objects.filter(asked_at__lt=end).order_by()
    could = {
        entitlement.key: (_standing(status__in=list(entitlement.statuses))
                          & _aged(entitlement.youngest_age, entitlement.oldest_age, on))
        if entitlement.statuses else Q(pk__in=[])
        for entitlement in Entitlement.objects.filter(active=True)
    }
    agreed = asked.filter(state=RequestState.AGREED, decided_at__lt=end)
    return {
        "can_have": could,
        "had": {key: condition & Q(pk__in=agreed.filter(entitlement__key=key)
                                   .values("young_person"))
                for key, condition in could.items()},
        "requests_waiting": Q(pk__in=asked.filter(Q(decided_at__isnull=True)
                                                  | Q(decided_at__gte=end))
                              .values("young_person")),
    }


def _local_offer_paid(on: date, people, statuses: StatusesOn) -> dict:
    """Who was paid in the month up to the date, and how much (less payments cancelled by
    then)."""
    end = day_starts(on + timedelta(days=1))
    paid: dict[int, int] = defaultdict(int)
    for pk, amount in Payment.objects.filter(
        Q(cancelled_at__isnull=True) | Q(cancelled_at__gte=end),
        young_person__in=people.values("pk"), paid_on__gte=on.replace(day=1), paid_on__lte=on,
    ).values_list("young_person", "amount_pence"):
        paid[pk] += amount
    return {"paid_this_month": set(paid), "paid_this_month_pence": Pence(dict(paid))}


def figure_paths(nested: dict, prefix: str = ""):
    """(dotted key, value) for each leaf of a nested figure group."""
    for key, value in nested.items():
        if isinstance(value, dict):
            yield from figure_paths(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _named(conditions: dict) -> dict[str, tuple[str, Q]]:
    """{dotted key: (a name for its column in SQL, its condition)} for nested conditions."""
    return {path: (f"figure_{n}", condition)
            for n, (path, condition) in enumerate(figure_paths(conditions))}


@dataclass(frozen=True)
class Group:
    """One figure group: `from_records(on, people, statuses)` for any date, and for today or
    later, where the standing holds what it asks, `over_standing(on)`: each figure's condition
    on the standing, nested like the figures, and `by_value`. Where the standing holds only the
    first of a group's figures, `rest_from_records` works out the others from the records."""

    from_records: Callable
    over_standing: Callable | None = None
    rest_from_records: Callable | None = None
    #: Figures with a number for each value of a column of the standing (each Personal
    #: Adviser's caseload), counted with GROUP BY: {key: the column, from the young person}.
    by_value: dict[str, str] | None = None

    def __call__(self, on: date, people, statuses: StatusesOn) -> dict:
        """{key: set of young person pks}, nested like the figures."""
        conditions = self.conditions(on, statuses)
        if conditions is None:
            return self.from_records(on, people, statuses)
        named = _named(conditions)
        behind: dict[str, Pks] = {path: set() for path in named}
        rows = people.annotate(**{
            name: ExpressionWrapper(condition, output_field=BooleanField())
            for name, condition in named.values()
        }).values_list("pk", *(name for name, _ in named.values()))
        for pk, *hits in rows:
            for path, hit in zip(named, hits, strict=True):
                if hit:
                    behind[path].add(pk)
        behind_by_value: dict[str, dict[str, Pks]] = {}
        for key, column in (self.by_value or {}).items():
            held: dict[str, Pks] = defaultdict(set)
            having = people.filter(**{f"{column}__isnull": False})
            for value, pk in having.values_list(column, "pk"):
                held[value].add(pk)
            behind_by_value[key] = dict(sorted(held.items()))
        return {**_shaped(conditions, behind), **behind_by_value,
                **self.rest(on, people, statuses)}

    def conditions(self, on: date, statuses: StatusesOn) -> dict | None:
        """The conditions on the standing, if the group is counted from it on the date."""
        if self.over_standing is None or not statuses.stored:
            return None
        return self.over_standing(on)

    def counted_by_value(self, people, standings) -> dict:
        """Each `by_value` figure's number for each value, on a date counted from the standing
        (from the standing table alone, for a column of the standing)."""
        def counts(column):
            rows, column = ((standings, column.removeprefix("standing__"))
                            if column.startswith("standing__") else (people, column))
            # Sorted here, not by the database's collation: the same order as `by_value`'s sets.
            return dict(sorted(rows.filter(**{f"{column}__isnull": False}).values(column)
                               .annotate(n=Count("*")).order_by().values_list(column, "n")))

        return {key: counts(column) for key, column in (self.by_value or {}).items()}

    def rest(self, on: date, people, statuses: StatusesOn) -> dict:
        """On a date counted from the standing, the figures it does not hold."""
        if self.rest_from_records is None:
            return {}
        return self.rest_from_records(on, people, statuses)


#: Young people by status, by age band and UASC, among those entitled to anything.
young_people_group = Group(_young_people_from_records, _young_people_over_standing)
#: Pathway plans among those who must have one, by `pathways.rules.plan_status`, as the plans
#: stood on the date. Overdue plans are split by cause (Kirklees, 2022): waiting for a manager
#: to authorise, a review held but not yet written up, or no review held.
pathway_plans_group = Group(_pathway_plans_from_records, _pathway_plans_over_standing)
#: Needs assessments overdue on the date (`pathways.selectors.needs_assessments_due`, the rule
#: the record page and the nightly alert use), among those whose status needs a plan.
needs_assessments_group = Group(_needs_assessments_from_records, _needs_assessments_over_standing)
#: Keep in touch against the local standard (`advisers.models.KeepInTouch`), counting only
#: contacts on or before the date.
contact_group = Group(_contact_from_records, _contact_over_standing)
#: Where young people in scope lived on the date, by the episode covering it and that place's
#: latest assessment made by then; those Staying Close on the date, and those who moved 3 or
#: more times in the 12 months up to it.
accommodation_group = Group(_accommodation_from_records, _accommodation_over_standing)

#: Every figure group by its key in the figures. For the education, employment and training
#: bands: what young people in scope of that age on the date were doing, by the activity
#: covering it; those not in education, employment or training by reason.
GROUPS = {
    "young_people": young_people_group,
    "pathway_plans": pathway_plans_group,
    "needs_assessments": needs_assessments_group,
    "contact": contact_group,
    "accommodation": accommodation_group,
    **{name: Group(_eet_from_records(low, high), _eet_over_standing(low, high))
       for name, (low, high) in EET_BANDS.items()},
    "caseloads": Group(caseloads_group, _caseloads_over_standing,
                       by_value={"per_adviser": "standing__adviser__username"}),
    # Young people with a Personal Adviser on the date, and those of them whose Personal
    # Adviser changed in the 12 months before it (`advisers.selectors.pa_changes`).
    "stability": Group(_stability_from_records, _stability_over_standing),
    # Plans waiting for a manager on the date, and how long plans authorised in the 28 days up
    # to it waited: the median in whole days from being sent to being authorised (None if
    # none were authorised). A plan returned and sent again counts from when it was sent again.
    "authorisation": Group(_authorisation_from_records, _authorisation_over_standing,
                           _authorised_lately),
    # The local offer: take-up of each entitlement among those who can have it, requests
    # waiting for a manager, and what was paid in the month (`_local_offer_from_records`).
    "local_offer": Group(_local_offer_from_records, _local_offer_over_standing,
                         _local_offer_paid),
}

#: Figures that are a measure rather than a number of young people: no list behind them.
MEASURES = frozenset({"authorisation.median_days_to_authorise",
                      "local_offer.paid_this_month_pence"})
#: Measures in pence, shown in pounds.
MONEY_MEASURES = frozenset({"local_offer.paid_this_month_pence"})


def _counted(value):
    if isinstance(value, dict):
        return {key: _counted(inner) for key, inner in value.items()}
    if isinstance(value, set):
        return len(value)
    return value.value()  # a measure (MEASURES)


def _only(value, pks: Pks, key: str = ""):
    """A group's young people narrowed to `pks`: what the group gives for them alone, since
    each young person is counted by their own records. An adviser left holding none of them is
    left out, as the caseloads group leaves out an adviser holding nobody."""
    if isinstance(value, dict):
        narrowed = {inner_key: _only(inner, pks, inner_key) for inner_key, inner in value.items()}
        if key == "per_adviser":
            return {adviser: held for adviser, held in narrowed.items() if held}
        return narrowed
    if isinstance(value, set):
        return value & pks
    return value.only(pks)


def figures_for_teams(on: date, teams) -> tuple[dict, dict]:
    """(`figures_for(on)`, {team: `figures_for(on, team)`} for each of `teams`), worked out in
    one pass over the whole service and shared out by each young person's team (the monthly
    snapshot): the same numbers, in the queries of one `figures_for`."""
    people = young_people_in()
    statuses = statuses_on(people, on=on)
    whole = {name: group(on, people, statuses) for name, group in GROUPS.items()}
    members: dict[int, Pks] = defaultdict(set)
    for pk, team_id in people.values_list("pk", "team_id"):
        members[team_id].add(pk)
    heading = {"on": on.isoformat()}
    return {**heading, **_counted(whole)}, {
        team: {**heading, **_counted(_only(whole, members[team.pk]))} for team in teams
    }


def _counted_over_standing(people, standings, conditions: dict) -> dict:
    """Each condition's number of young people, every figure in one query: over the standing
    table alone where the condition asks only the standing (all of them, today), and so
    without joining every young person's row."""
    named = _named(conditions)
    on_standing = {name: _on_standing(condition) for name, condition in named.values()}
    counts = standings.aggregate(**{
        name: Count("pk", filter=condition)
        for name, condition in on_standing.items() if condition is not None
    }) if any(condition is not None for condition in on_standing.values()) else {}
    rest = {name: condition for name, condition in named.values()
            if on_standing[name] is None}
    if rest:
        counts |= people.aggregate(**{
            name: Count("pk", filter=condition) for name, condition in rest.items()
        })
    return _shaped(conditions, {path: counts[name] for path, (name, _) in named.items()})


def _shaped(conditions: dict, counts: dict, prefix: str = "") -> dict:
    """The counts, nested as the conditions are: a group of none (no entitlement offered) stays
    an empty group, as the records give it."""
    return {key: (_shaped(value, counts, f"{prefix}{key}.") if isinstance(value, dict)
                  else counts[f"{prefix}{key}"])
            for key, value in conditions.items()}


def _on_standing(condition):
    """A condition on young people's standings (`standing__status` and the like), or on their
    ids (`pk__in` a subquery), as the same condition on the standing table itself, or None if
    it asks anything else."""
    if isinstance(condition, Q):
        children = [_on_standing(child) for child in condition.children]
        if any(child is None for child in children):
            return None
        translated = Q(*children, _connector=condition.connector, _negated=condition.negated)
        return translated
    if isinstance(condition, tuple):
        lookup, value = condition
        if lookup.startswith("standing__") and not hasattr(value, "resolve_expression"):
            return (lookup.removeprefix("standing__"), value)
        if lookup in ("pk", "pk__in"):
            # The standing's key is the young person's: among young people whose ids…
            return condition
    return None


def figures_of(names, on: date, team=None, *, within=None) -> dict:
    """The named figure groups' figures for the date: those counted from the standing in one
    query together, the others each from its records."""
    people, standings = _narrowed(team, within)
    statuses = statuses_on(people, on=on)
    over_standing = {name: conditions for name in names
                     if (conditions := GROUPS[name].conditions(on, statuses)) is not None}
    counted = (_counted_over_standing(people, standings, over_standing) if over_standing
               else {})
    return {
        name: ({**counted[name], **GROUPS[name].counted_by_value(people, standings),
                **_counted(GROUPS[name].rest(on, people, statuses))}
               if name in counted else _counted(GROUPS[name](on, people, statuses)))
        for name in names
    }


def figures_for(on: date, team=None, *, within=None) -> dict:
    """The figures of INTERFACES.md §3 for the date, for the whole service or one team."""
    return {"on": on.isoformat(), **figures_of(GROUPS, on, team, within=within)}


class UnknownFigure(LookupError):
    pass


def _leaf(value, path: str):
    """The set (or condition) at a dotted path in a figure group, or None."""
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value if isinstance(value, set | Q) else None


def _behind(key_path: str, on: date, team, within):
    """The young people behind one number: a condition on the standing, or a set of pks."""
    name, _, rest = key_path.partition(".")
    if name not in GROUPS or not rest:
        raise UnknownFigure(key_path)
    people = young_people_in(team, within)
    statuses = statuses_on(people, on=on)
    group = GROUPS[name]
    conditions = group.conditions(on, statuses)
    if conditions is not None and (condition := _leaf(conditions, rest)) is not None:
        return people, condition
    key, _, column_value = rest.partition(".")
    if conditions is not None and key in (group.by_value or {}) and column_value:
        return people, Q(**{group.by_value[key]: column_value})
    worked_out = group(on, people, statuses)
    if rest.startswith("per_adviser.") and name == "caseloads":
        # An adviser holding nobody on that date has no key, and nobody behind it.
        return people, worked_out["per_adviser"].get(rest.removeprefix("per_adviser."), set())
    if (found := _leaf(worked_out, rest)) is None:
        raise UnknownFigure(key_path)
    return people, found


def pks_behind(key_path: str, on: date, team=None, *, within=None) -> set[int]:
    """The young people behind one number, by its dotted key (`pathway_plans.overdue`,
    `young_people.by_status.relevant`, `caseloads.per_adviser.ppatel`)."""
    people, behind = _behind(key_path, on, team, within)
    if isinstance(behind, Q):
        return set(people.filter(behind).values_list("pk", flat=True))
    return behind


def young_people_behind(key_path: str, on: date, team=None, *, within=None):
    """The young people behind one number, as a queryset (for drill-down lists and CSV): the
    figure's own condition as a WHERE clause, where it is counted from the standing."""
    people, behind = _behind(key_path, on, team, within)
    if isinstance(behind, Q):
        return people.filter(behind)
    return YoungPerson.objects.filter(pk__in=behind)


def young_people_matching(people, *, on: date, adviser=None, age_band: str = "",
                          status: str = ""):
    """Narrow `people` for the dashboard's filters, by the same definitions the figures use:
    held by `adviser` as Personal Adviser on the date, in an age band on the date, with a
    status."""
    if adviser is not None:
        people = people.filter(Exists(Allocation.objects.filter(
            current_on(on), young_person=OuterRef("pk"), adviser=adviser,
            kind=AllocationKind.PERSONAL_ADVISER,
        )))
    if status:
        people = people.filter(statutory_status__status=status)
    if age_band:
        low, high = AGE_BANDS[age_band]
        people = people.filter(pk__in=[
            pk for pk, born in people.values_list("pk", "date_of_birth")
            if low <= age_on(born, on) <= high
        ])
    return people
