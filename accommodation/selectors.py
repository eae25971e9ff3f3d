"""Reads about where young people live, each a fixed number of queries."""

from datetime import date

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from .models import AccommodationEpisode, SuitabilityAssessment
from .rules import (
    MOVED_OFTEN,
    NOT_A_MOVE,
    AccommodationType,
    first_visit_due,
    moves_counted_after,
    next_visit_due,
)

#: Contacts that count as a visit where they live (CLR reg 8(2)): seen there. Contacts belong to
#: `advisers`; they are read here by the relation name only.
VISIT_TYPES = ("accommodation_visit", "home_visit")
VISIT_OUTCOME = "seen"


def episodes_of(young_person) -> list[AccommodationEpisode]:
    """Every place they have lived, newest first, each with its assessments (newest first) and
    any placement alert. Two queries."""
    return list(
        AccommodationEpisode.objects.filter(young_person=young_person)
        .select_related("recorded_by", "placement_alert__acknowledged_by")
        .prefetch_related(Prefetch(
            "assessments",
            queryset=SuitabilityAssessment.objects.select_related("assessed_by")
            .order_by("-assessed_on", "-pk"),
        ))
        .order_by("-start_on")
    )


def staying_put_without_carer(young_people):
    """Staying Put places (with former foster carers) that name no carer: an import may bring
    them in without one (the documented file has no such column), for someone to put right.
    Oldest first. One query."""
    return (
        AccommodationEpisode.objects
        .filter(young_person__in=young_people, type_code=AccommodationType.Z,
                staying_put_carer="")
        .order_by("start_on", "pk")
    )


def latest_assessment(episode: AccommodationEpisode):
    """From an episode loaded by `episodes_of`."""
    assessments = list(episode.assessments.all())
    return assessments[0] if assessments else None


def last_visit_on(young_person, *, since: date) -> date | None:
    """The last day someone saw them where they live, on or after `since`. One query."""
    last = young_person.contacts.filter(
        contact_type__in=VISIT_TYPES, outcome=VISIT_OUTCOME, contact_at__date__gte=since,
    ).aggregate(last=Max("contact_at"))["last"]
    return timezone.localdate(last) if last else None


def visit_due(episode: AccommodationEpisode, *, today: date) -> dict | None:
    """For the current place, if the council provides it: when the next visit there is due
    (CLR reg 8(2)), whether anyone has visited since they moved in, and whether it is late."""
    if episode is None or not episode.council_provided or not episode.covers(today):
        return None
    visited = last_visit_on(episode.young_person, since=episode.start_on)
    due = next_visit_due(start_on=episode.start_on, last_visit_on=visited)
    return {
        "due_on": due,
        "first": visited is None,
        "first_due_on": first_visit_due(episode.start_on),
        "last_visit_on": visited,
        "overdue": due < today,
    }


def with_accommodation_on(young_people, *, on: date):
    """Annotate where each young person lived on `on`, by the episode covering it (the one that
    started last, should two overlap): `accommodation_episode_id` and `accommodation_type` (None
    when no episode covers the date)."""
    covering = AccommodationEpisode.objects.covering(on).filter(
        young_person=OuterRef("pk")
    ).order_by("-start_on")
    return young_people.annotate(
        accommodation_episode_id=Subquery(covering.values("pk")[:1]),
        accommodation_type=Subquery(covering.values("type_code")[:1]),
    )


def suitability_on(episode_ids, *, on: date) -> dict[int, str]:
    """{episode id: the outcome of its latest assessment made on or before `on`}, leaving out
    places not assessed by then. One query."""
    # Ordered oldest first, so each episode keeps its latest assessment.
    return dict(
        SuitabilityAssessment.objects.filter(
            episode_id__in=[pk for pk in episode_ids if pk], assessed_on__lte=on,
        ).order_by("episode_id", "assessed_on", "pk").values_list("episode_id", "outcome")
    )


def staying_close_on(*, on: date) -> Q:
    """A condition on young people: the place they live on `on` is Staying Close. One
    subquery for everyone together, so a figure counts everyone in the query it is part of."""
    return Q(pk__in=AccommodationEpisode.objects.covering(on).filter(staying_close=True)
             .values("young_person"))


def moves_by(*, on: date):
    """The moves counted in the 12 months up to `on` (`rules.moves_counted_after`), as places
    lived: a move is a place that started in that time, after the day they moved in to another
    place of theirs on record.

    - The first place on record is where their record starts, not a move.
    - A correction changes a place, not adds one: it is the same place, so never a move.
    - Custody counts: going into custody, and coming out to somewhere new, each change where
      they live and each is a disruption the council must plan for.
    - "Residence not known" is not a move: it says nobody knows where they live. The next
      place known is counted, since it started after another place of theirs.
    """
    earlier = AccommodationEpisode.objects.filter(
        young_person=OuterRef("young_person"), start_on__lt=OuterRef("start_on"),
    )
    return (
        AccommodationEpisode.objects
        .filter(start_on__gt=moves_counted_after(on), start_on__lte=on)
        .exclude(type_code__in=NOT_A_MOVE)
        .filter(Exists(earlier))
        .order_by()
    )


def moved_often(*, on: date) -> Q:
    """A condition on young people: `rules.MOVED_OFTEN` moves or more in the 12 months up to
    `on` (`moves_by`), as one subquery over the places lived for everyone together."""
    return Q(pk__in=moves_by(on=on).values("young_person").annotate(moves=Count("pk"))
             .filter(moves__gte=MOVED_OFTEN).values("young_person"))


def expected_releases(episode_ids) -> dict[int, date]:
    """{episode id: the day they are expected out}, for the custody places among these with an
    expected release date. One query."""
    return dict(
        AccommodationEpisode.objects.filter(
            pk__in=[pk for pk in episode_ids if pk], type_code=AccommodationType.X,
            expected_release_on__isnull=False,
        ).values_list("pk", "expected_release_on")
    )
