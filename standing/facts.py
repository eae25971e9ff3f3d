"""One function per fact of a young person's standing, each asking the package that owns the
fact through the selector its own pages use (the statutory rules stay where they are).

`rows` reads the young people once, annotated with everything the facts look at; `Derivation`
adds the few answers that take a query of their own (when needs assessments are due, how
suitable each place is, the keep-in-touch standards). Each fact is then a function of one row:
a fixed number of queries however many young people there are.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone

from accommodation.models import AccommodationEpisode, SuitabilityAssessment
from accommodation.selectors import expected_releases, suitability_on, with_accommodation_on
from advisers.models import Allocation, AllocationKind, Contact, KeepInTouchStandard, current_on
from advisers.selectors import last_in_touch_at, last_in_touch_made_by
from careleavers.dates import day_starts
from eet.models import ActivityEpisode
from eet.selectors import with_activity_on
from eligibility.models import StatusChange
from immigration.models import ImmigrationRecord
from immigration.selectors import leave_ends_on
from pathways.models import NeedsAssessment, PathwayPlan
from pathways.rules import NeedsAssessmentDue
from pathways.selectors import (
    needs_assessments_due,
    plan_due_on,
    review_held_not_recorded,
    with_plan_dates,
)


def rows(young_people, on: date):
    """The young people, each annotated with what their facts look at on `on`."""
    current_pa = Allocation.objects.filter(
        current_on(on), young_person=OuterRef("pk"), kind=AllocationKind.PERSONAL_ADVISER
    ).order_by("-start_on", "-pk")
    started = Allocation.objects.filter(
        young_person=OuterRef("pk"), kind=AllocationKind.PERSONAL_ADVISER, start_on__lte=on
    ).order_by().values("young_person")
    annotated = with_activity_on(with_accommodation_on(with_plan_dates(young_people), on=on),
                                 on=on)
    return annotated.annotate(
        pa_id=Subquery(current_pa.values("adviser")[:1]),
        # The latest Personal Adviser to start, if they had one before.
        pa_changed_on=Subquery(started.annotate(n=Count("pk"), latest=Max("start_on"))
                               .filter(n__gte=2).values("latest")),
        review_not_written_up=review_held_not_recorded(on=on),
        last_in_touch_at=last_in_touch_at(on=on),
        last_in_touch_by_id=last_in_touch_made_by(on=on),
    ).select_related("statutory_status").only(
        "pk", "team_id", "restricted", "date_of_birth", "uasc", "statutory_status__status"
    )


@dataclass(frozen=True)
class Derivation:
    """What the facts need beyond each young person's own row."""

    on: date
    needs_assessments: dict[int, NeedsAssessmentDue]
    suitability: dict[int, str]  # accommodation episode id: latest assessment's outcome
    standards: dict[str, int | None]
    releases: dict[int, date]  # custody episode id: when they are expected out
    leave_ends: dict[int, date]  # young person pk: when the leave to remain they hold ends

    @classmethod
    def of(cls, young_people, rows: list, on: date) -> "Derivation":
        places = [row.accommodation_episode_id for row in rows]
        return cls(
            on=on,
            needs_assessments=needs_assessments_due(young_people, on=on),
            suitability=suitability_on(places, on=on),
            standards=KeepInTouchStandard.as_dict(),
            releases=expected_releases(places),
            leave_ends=leave_ends_on(young_people, on=on),
        )


def status(row, d: Derivation) -> str:
    """Their statutory status as the nightly checks and every change keep it."""
    stored = getattr(row, "statutory_status", None)
    return stored.status if stored is not None else ""


def team(row, d: Derivation) -> int:
    return row.team_id


def restricted(row, d: Derivation) -> bool:
    return row.restricted


def date_of_birth(row, d: Derivation) -> date:
    return row.date_of_birth


def uasc(row, d: Derivation) -> bool:
    return row.uasc


def adviser(row, d: Derivation) -> int | None:
    """Their Personal Adviser on the day (the allocation that started last, should two
    overlap); cover is not counted."""
    return row.pa_id


def pa_changed_on(row, d: Derivation) -> date | None:
    """The day their Personal Adviser last changed: when the latest of their Personal Advisers
    started, if one came before (`advisers.selectors.pa_changes` counts the same starts)."""
    return row.pa_changed_on


def plan_required(row, d: Derivation) -> bool:
    """Their status needs a pathway plan."""
    return row.plan_required


def plan_being_worked_on(row, d: Derivation) -> str:
    """Draft, submitted or returned, for a plan not yet authorised."""
    return row.open_plan_state or ""


def plan_awaiting_authorisation(row, d: Derivation) -> bool:
    """A plan has been sent for authorisation and not yet decided."""
    return row.plan_awaiting_authorisation


def plan_review_held_on(row, d: Derivation) -> date | None:
    """The review held for the latest authorised plan (Ofsted's "latest pathway plan
    review")."""
    return row.plan_review_held_on


def plan_review_due_on(row, d: Derivation) -> date | None:
    """When the next review of the latest authorised plan is due, early reviews included."""
    return plan_due_on(row)


def plan_review_not_written_up(row, d: Derivation) -> bool:
    """A review was held for a plan that is not yet written up and sent for authorisation."""
    return row.review_not_written_up


def needs_assessment_due_on(row, d: Derivation) -> date | None:
    due = d.needs_assessments.get(row.pk)
    return due.due_on if due is not None else None


def last_in_touch_on(row, d: Derivation) -> date | None:
    """The day they were last seen or spoken to, on or before the day."""
    return timezone.localtime(row.last_in_touch_at).date() if row.last_in_touch_at else None


def last_in_touch_by(row, d: Derivation) -> int | None:
    """Who saw or spoke to them that day: the member of staff who made the contact that counts
    as their last in touch (their Personal Adviser, or a colleague)."""
    return row.last_in_touch_by_id


def keep_in_touch_every_days(row, d: Derivation) -> int | None:
    """The local keep-in-touch standard for their status, in days (DOMAIN.md §2)."""
    return d.standards.get(status(row, d))


def contact_due_on(row, d: Derivation) -> date | None:
    """The standard's interval after they were last in touch (none if never: they are due)."""
    every, last = keep_in_touch_every_days(row, d), last_in_touch_on(row, d)
    return last + timedelta(days=every) if every is not None and last is not None else None


def place_type(row, d: Derivation) -> str:
    """The type of the place they live in on the day."""
    return row.accommodation_type or ""


def place_suitability(row, d: Derivation) -> str:
    """The outcome of the latest suitability assessment of the place they live in."""
    return d.suitability.get(row.accommodation_episode_id, "")


def activity_code(row, d: Derivation) -> str:
    """What they are doing on the day (a DfE activity code)."""
    return row.activity_code or ""


def release_expected_on(row, d: Derivation) -> date | None:
    """When they are expected out of the custody they are in on the day."""
    return d.releases.get(row.accommodation_episode_id)


def leave_ends_on_fact(row, d: Derivation) -> date | None:
    """When the leave to remain they hold on the day ends (unaccompanied asylum-seeking young
    people only; none for leave that does not end)."""
    return d.leave_ends.get(row.pk)


def dated_since(since: date) -> Q:
    """A condition on young people: those with a record the facts read by its date (`on` or
    before) dated on or after `since`. Only for them can a fact read differently on a later day
    than it did on `since` with no change to their records: an allocation, a place or an
    activity that starts or ends (each counts its end day), a suitability assessment, a plan
    review held or a needs assessment completed, contact, a status change (a birthday's, the
    nightly checks write on the day), or an immigration position. A fact of anyone else's
    standing is the same on every day from `since` until their records change, and each change
    refreshes it."""
    def episodes(model, **person):
        return Exists(model.objects.filter(Q(start_on__gte=since) | Q(end_on__gte=since),
                                           **person))

    person = {"young_person": OuterRef("pk")}
    return (
        episodes(Allocation, **person)
        | episodes(AccommodationEpisode, **person)
        | episodes(ActivityEpisode, **person)
        | Exists(SuitabilityAssessment.objects.filter(episode__young_person=OuterRef("pk"),
                                                      assessed_on__gte=since))
        | Exists(PathwayPlan.objects.filter(review_held_on__gte=since, **person))
        | Exists(NeedsAssessment.objects.filter(completed_on__gte=since, **person))
        | Exists(Contact.objects.filter(contact_at__gte=day_starts(since), **person))
        | Exists(StatusChange.objects.filter(effective_on__gte=since, **person))
        | Exists(ImmigrationRecord.objects.filter(since__gte=since, **person))
    )


FACTS: dict[str, Callable] = {
    "status": status,
    "team_id": team,
    "restricted": restricted,
    "date_of_birth": date_of_birth,
    "uasc": uasc,
    "adviser_id": adviser,
    "pa_changed_on": pa_changed_on,
    "plan_required": plan_required,
    "plan_being_worked_on": plan_being_worked_on,
    "plan_awaiting_authorisation": plan_awaiting_authorisation,
    "plan_review_held_on": plan_review_held_on,
    "plan_review_due_on": plan_review_due_on,
    "plan_review_not_written_up": plan_review_not_written_up,
    "needs_assessment_due_on": needs_assessment_due_on,
    "last_in_touch_on": last_in_touch_on,
    "last_in_touch_by_id": last_in_touch_by,
    "keep_in_touch_every_days": keep_in_touch_every_days,
    "contact_due_on": contact_due_on,
    "place_type": place_type,
    "place_suitability": place_suitability,
    "activity_code": activity_code,
    "release_expected_on": release_expected_on,
    "leave_ends_on": leave_ends_on_fact,
}
