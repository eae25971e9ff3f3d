"""The figures managers and boards watch (DOMAIN.md §5; INTERFACES.md §3), defined once.

Each figure group works out, for a date and optionally one team, *which* young people sit behind
each number: {key: set of young person pks}. `figures_for` counts those sets; `young_people_behind`
turns one of them back into a queryset for the drill-down lists and their CSV downloads, so the
dashboard, a list, its download and `figures --json` cannot disagree. The groups ask the owning
packages' own selectors (plan standing, keep-in-touch state, unallocated) rather than redefining
them. Each group is a fixed number of queries however many young people there are.
"""

from collections import defaultdict
from datetime import date

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from accommodation.models import AccommodationEpisode, SuitabilityAssessment
from accommodation.rules import AccommodationType, Suitability
from advisers.models import (
    IN_TOUCH_OUTCOMES,
    Allocation,
    AllocationKind,
    Contact,
    KeepInTouch,
    KeepInTouchStandard,
    current_on,
)
from advisers.selectors import unallocated_requiring_pa
from careleavers.models import YoungPerson
from eet.models import ActivityEpisode
from eet.rules import EET_CODES, NEET_CODES
from eligibility.rules import Status, age_on
from pathways.rules import PlanStanding
from pathways.selectors import plan_standing, with_plan_dates

#: Age bands on the date, in whole years (DOMAIN.md §5).
AGE_BANDS = {"16-17": (16, 17), "18-20": (18, 20), "21-25": (21, 25)}

#: Statuses whose accommodation and activity are watched (INTERFACES.md §3 `in_scope`).
ACCOMMODATION_STATUSES = frozenset({
    Status.RELEVANT, Status.FORMER_RELEVANT, Status.FORMER_RELEVANT_EDUCATION,
    Status.RETURNER_21_25,
})

EET_AGES = (19, 21)

Pks = set[int]


def young_people_in(team=None, within=None):
    """Everyone the figures count from: the whole service or one team, narrowed to `within` (a
    queryset of young people: those a user may see, one PA's, an age band) if given."""
    people = YoungPerson.objects.all()
    if within is not None:
        # Taken as a list of ids (one query): nested inside every figure's query as a subquery,
        # PostgreSQL sometimes planned it to run for a minute.
        people = people.filter(pk__in=list(within.order_by().values_list("pk", flat=True)))
    if team is not None:
        people = people.filter(team=team)
    return people.order_by()


def young_people_group(on: date, people) -> dict:
    """Young people by status, by age band and UASC, among those entitled to anything."""
    counted = [
        (pk, status, age_on(born, on), uasc)
        for pk, status, born, uasc in people.values_list(
            "pk", "statutory_status__status", "date_of_birth", "uasc"
        )
        if status is not None and status != Status.NOT_ENTITLED
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


def pathway_plans_group(on: date, people) -> dict:
    """Pathway plans among those who must have one, by `pathways.selectors.plan_standing`, as
    the plans stood on the date."""
    rows = with_plan_dates(people, as_of=on).only("pk")
    groups: dict[str, Pks] = {
        key: set() for key in ("required", "up_to_date", "overdue", "none",
                               "due_within_28_days", "awaiting_authorisation")
    }
    for row in rows:
        standing = plan_standing(row, on)
        if standing == PlanStanding.NOT_REQUIRED:
            continue
        groups["required"].add(row.pk)
        if row.plan_awaiting_authorisation:
            groups["awaiting_authorisation"].add(row.pk)
        if standing == PlanStanding.DUE_WITHIN_28_DAYS:
            groups["due_within_28_days"].add(row.pk)
            groups["up_to_date"].add(row.pk)
        else:
            groups[str(standing)].add(row.pk)
    return groups


def contact_group(on: date, people) -> dict:
    """Keep in touch against the local standard (`advisers.models.KeepInTouch`), counting only
    contacts on or before the date."""
    standards = KeepInTouchStandard.as_dict()
    last_in_touch = Subquery(
        Contact.objects.filter(
            young_person=OuterRef("pk"), outcome__in=IN_TOUCH_OUTCOMES, contact_at__date__lte=on,
        ).order_by("-contact_at").values("contact_at")[:1]
    )
    groups: dict[str, Pks] = {key: set() for key in ("required", "within_standard", "overdue",
                                                     "never")}
    rows = people.annotate(last_in_touch_at=last_in_touch).values_list(
        "pk", "statutory_status__status", "last_in_touch_at"
    )
    for pk, status, last in rows:
        keep_in_touch = KeepInTouch(
            last_in_touch=timezone.localtime(last).date() if last else None,
            interval_days=standards.get(status) if status else None,
        )
        state = keep_in_touch.state(on)
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


def _in_scope(people):
    return people.filter(statutory_status__status__in=ACCOMMODATION_STATUSES)


def accommodation_group(on: date, people) -> dict:
    """Where young people in scope lived on the date, by the episode covering it and that
    place's latest assessment made by then."""
    covering = AccommodationEpisode.objects.covering(on).filter(
        young_person=OuterRef("pk")
    ).order_by("-start_on")
    rows = list(
        _in_scope(people)
        .annotate(
            episode_id=Subquery(covering.values("pk")[:1]),
            episode_type=Subquery(covering.values("type_code")[:1]),
        )
        .values_list("pk", "episode_id", "episode_type")
    )
    outcomes = dict(
        SuitabilityAssessment.objects.filter(
            episode_id__in=[episode for _, episode, _ in rows if episode], assessed_on__lte=on,
        ).order_by("episode_id", "assessed_on", "pk").values_list("episode_id", "outcome")
    )  # ordered oldest first, so each episode keeps its latest assessment
    groups: dict[str, Pks] = {key: set() for key in (
        "in_scope", "suitable", "unsuitable", "not_recorded", "custody", "bed_and_breakfast",
        "staying_put",
    )}
    types = {AccommodationType.X: "custody", AccommodationType.W: "bed_and_breakfast",
             AccommodationType.Z: "staying_put"}
    for pk, episode, type_code in rows:
        groups["in_scope"].add(pk)
        outcome = outcomes.get(episode)
        if outcome == Suitability.SUITABLE:
            groups["suitable"].add(pk)
        elif outcome is not None:
            groups["unsuitable"].add(pk)
        else:
            groups["not_recorded"].add(pk)
        if type_code in types:
            groups[types[type_code]].add(pk)
    return groups


def eet_19_21_group(on: date, people) -> dict:
    """What young people in scope aged 19 to 21 on the date were doing, by the activity
    covering it."""
    covering = ActivityEpisode.objects.covering(on).filter(
        young_person=OuterRef("pk")
    ).order_by("-start_on")
    rows = (
        _in_scope(people)
        .annotate(activity_code=Subquery(covering.values("activity_code")[:1]))
        .values_list("pk", "date_of_birth", "activity_code")
    )
    groups: dict[str, Pks] = {key: set() for key in ("cohort", "in_eet", "neet",
                                                     "not_recorded")}
    low, high = EET_AGES
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
    return groups


def caseloads_group(on: date, people) -> dict:
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
            unallocated_requiring_pa(people, today=on).values_list("pk", flat=True)
        ),
        "per_adviser": dict(sorted(per_adviser.items())),
    }


GROUPS = {
    "young_people": young_people_group,
    "pathway_plans": pathway_plans_group,
    "contact": contact_group,
    "accommodation": accommodation_group,
    "eet_19_21": eet_19_21_group,
    "caseloads": caseloads_group,
}


def _counted(value):
    if isinstance(value, dict):
        return {key: _counted(inner) for key, inner in value.items()}
    return len(value)


def groups_for(on: date, team=None, *, within=None) -> dict:
    """Every figure group as {key: set of young person pks} (nested like the figures)."""
    people = young_people_in(team, within)
    return {name: group(on, people) for name, group in GROUPS.items()}


def figures_for(on: date, team=None, *, within=None) -> dict:
    """The figures of INTERFACES.md §3 for the date, for the whole service or one team."""
    return {"on": on.isoformat(), **_counted(groups_for(on, team, within=within))}


class UnknownFigure(LookupError):
    pass


def pks_behind(key_path: str, on: date, team=None, *, within=None) -> set[int]:
    """The young people behind one number, by its dotted key (`pathway_plans.overdue`,
    `young_people.by_status.relevant`, `caseloads.per_adviser.ppatel`)."""
    name, _, rest = key_path.partition(".")
    if name not in GROUPS or not rest:
        raise UnknownFigure(key_path)
    value = GROUPS[name](on, young_people_in(team, within))
    if rest.startswith("per_adviser.") and name == "caseloads":
        # An adviser holding nobody on that date has no key, and nobody behind it.
        return value["per_adviser"].get(rest.removeprefix("per_adviser."), set())
    for part in rest.split("."):
        if not isinstance(value, dict) or part not in value:
            raise UnknownFigure(key_path)
        value = value[part]
    if isinstance(value, dict):
        raise UnknownFigure(key_path)
    return value


def young_people_behind(key_path: str, on: date, team=None, *, within=None):
    """The young people behind one number, as a queryset (for drill-down lists and CSV)."""
    return YoungPerson.objects.filter(pk__in=pks_behind(key_path, on, team, within=within))


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
