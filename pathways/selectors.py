"""Reads for plan status and the authorisation queue: each a fixed number of queries, however
many young people or plans.

Where a plan stands is worked out by `rules.plan_status` from three dates annotated here as
correlated subqueries, so the record page, the caseload pages and the figures ask the same thing.
"""

from datetime import date

from django.db.models import (
    BooleanField,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.utils import timezone

from careleavers.models import Role, YoungPerson
from eligibility.models import StatusChange, StatutoryStatus
from eligibility.rules import PA_AND_PLAN_STATUSES

from . import rules
from .access import worked_on_by
from .models import OPEN_STATES, EarlyReview, PathwayPlan, PlanState
from .rules import PlanStanding


def authorised_plans():
    """A young person's authorised plans, latest first (correlated to the outer young person)."""
    return PathwayPlan.objects.filter(
        young_person=OuterRef("pk"), state=PlanState.AUTHORISED
    ).order_by("-number")


def with_plan_dates(young_people, *, as_of: date | None = None):
    """Annotate what `plan_standing` needs, in the one query that lists the young people:

    - `plan_required`: their status needs a pathway plan (INTERFACES.md §3 `required`);
    - `plan_number`, `plan_review_held_on`, `plan_next_review_requested_on`: from the latest
      authorised plan (None if there is none);
    - `early_review_due_on`, `early_review_requested_on`: the unmet early review due first;
    - `plan_awaiting_authorisation`: a plan has been submitted and not yet decided;
    - `open_plan_state`: draft, submitted or returned, for a plan being worked on, or None.

    With `as_of`, the plans as they stood at the end of that day (for figures on a past date):
    plans authorised by then, early reviews asked for and not yet met by then, and a plan
    submitted by then and not decided until later.
    """
    latest = authorised_plans()
    unmet = EarlyReview.objects.filter(
        young_person=OuterRef("pk"), met_by_plan__isnull=True
    ).order_by("due_on", "pk")
    awaiting = PathwayPlan.objects.filter(young_person=OuterRef("pk"), state=PlanState.SUBMITTED)
    if as_of is not None:
        latest = latest.filter(decided_at__date__lte=as_of)
        unmet = EarlyReview.objects.filter(
            Q(met_by_plan__isnull=True) | Q(met_by_plan__decided_at__date__gt=as_of),
            young_person=OuterRef("pk"), requested_on__lte=as_of,
        ).order_by("due_on", "pk")
        # A plan returned and sent again keeps the date it was returned: it is waiting if it
        # is waiting now or was decided only after the date.
        awaiting = PathwayPlan.objects.filter(
            Q(state=PlanState.SUBMITTED) | Q(decided_at__date__gt=as_of),
            young_person=OuterRef("pk"), submitted_at__date__lte=as_of,
        )
    return young_people.annotate(
        plan_required=Exists(
            StatutoryStatus.objects.filter(
                young_person=OuterRef("pk"), status__in=PA_AND_PLAN_STATUSES
            )
        ),
        plan_number=Subquery(latest.values("number")[:1]),
        plan_review_held_on=Subquery(latest.values("review_held_on")[:1]),
        plan_next_review_requested_on=Subquery(latest.values("next_review_requested_on")[:1]),
        early_review_due_on=Subquery(unmet.values("due_on")[:1]),
        early_review_requested_on=Subquery(unmet.values("requested_on")[:1]),
        plan_awaiting_authorisation=Exists(awaiting),
        open_plan_state=Subquery(
            PathwayPlan.objects.filter(young_person=OuterRef("pk"), state__in=OPEN_STATES)
            .values("state")[:1]
        ),
    )


def review_held_not_recorded(*, on: date):
    """An expression for the outer young person: on `on`, a review had been held for a plan
    that was not yet authorised and not waiting for authorisation either: the review happened
    but the plan was not written up and submitted (Kirklees's "a review but a delay in
    recording"). Plans authorised after `on` count: on that day they were still unrecorded."""
    return Exists(
        PathwayPlan.objects.filter(
            Q(state__in=[PlanState.DRAFT, PlanState.RETURNED])
            | Q(state=PlanState.AUTHORISED, decided_at__date__gt=on)
            | Q(state=PlanState.SUBMITTED, submitted_at__date__gt=on),
            young_person=OuterRef("pk"), review_held_on__lte=on,
        )
    )


def plan_due_on(row) -> date | None:
    """When the next review is due, for a row annotated by `with_plan_dates` (None with no
    authorised plan)."""
    if row.plan_review_held_on is None:
        return None
    return rules.review_due(
        rules.next_review_due(row.plan_review_held_on, row.plan_next_review_requested_on),
        row.early_review_due_on,
    )


def plan_standing(row, on: date) -> PlanStanding:
    """Where the plan stands on `on`, for a row annotated by `with_plan_dates`."""
    plan_due = (
        rules.next_review_due(row.plan_review_held_on, row.plan_next_review_requested_on)
        if row.plan_review_held_on is not None else None
    )
    return rules.plan_status(
        on=on, latest_authorised_due=plan_due, early_review_due=row.early_review_due_on,
        required=row.plan_required,
    )


def explain_plan_due(row) -> str:
    """The review date and why, in plain words, for a row annotated by `with_plan_dates`."""
    return rules.explain_due(
        held_on=row.plan_review_held_on,
        requested_earlier=row.plan_next_review_requested_on,
        early_review_due_on=row.early_review_due_on,
        early_review_requested_on=row.early_review_requested_on,
        required=row.plan_required,
    )


def plan_standings(young_people, *, on: date) -> dict[int, PlanStanding]:
    """{young person pk: where their plan stands on `on`}, in one query."""
    return {row.pk: plan_standing(row, on) for row in with_plan_dates(young_people.order_by())}


def plan_position_for(young_person, *, on: date):
    """One young person's row annotated by `with_plan_dates` (one query), for the record page."""
    return with_plan_dates(YoungPerson.objects.filter(pk=young_person.pk)).get()


def authorisation_queue(user, *, now=None):
    """Plans submitted and waiting for authorisation, oldest first, each annotated with `waiting`
    (how long since it was submitted) and `worked_on_by_user` (they wrote, changed or sent it, so
    cannot decide it).

    Team managers see their own teams' plans; duty managers see every team's, for when a team
    manager is away (DOMAIN.md §2). Restricted records follow the usual rule. Nobody else has
    a queue. One query.
    """
    if not user.is_authenticated or user.role not in (Role.TEAM_MANAGER, Role.DUTY_MANAGER):
        return PathwayPlan.objects.none()
    visible = YoungPerson.objects.visible_to(user)
    if user.role == Role.TEAM_MANAGER:
        visible = visible.filter(team__in=user.teams.all())
    now = now or timezone.now()
    return (
        PathwayPlan.objects.filter(
            state=PlanState.SUBMITTED, young_person__in=visible.values("pk")
        )
        .select_related("young_person__team", "author")
        .annotate(
            waiting=ExpressionWrapper(
                Value(now, output_field=DateTimeField()) - F("submitted_at"),
                output_field=DurationField(),
            ),
            worked_on_by_user=ExpressionWrapper(worked_on_by(user),
                                                output_field=BooleanField()),
        )
        .order_by("submitted_at", "pk")
    )



def needs_assessments_due(young_people, *, on: date,
                          statuses=None) -> dict[int, rules.NeedsAssessmentDue]:
    """{young person pk: when their needs assessment is due} for those who need a plan and have
    an assessment due (by `rules.needs_assessment_due`, the rule the record page shows), as of
    `on`. `statuses` (eligibility.selectors.StatusesOn) says who needed a plan on `on` when it is
    not today. Two queries: the young people with their plan and latest completed assessment;
    their status changes."""
    if statuses is not None:
        needing = with_plan_dates(
            statuses.having(young_people.order_by(), PA_AND_PLAN_STATUSES), as_of=on
        )
    else:
        needing = with_plan_dates(young_people.order_by(), as_of=on).filter(plan_required=True)
    rows = list(
        needing
        .annotate(last_assessment_completed_on=Max(
            "needs_assessments__completed_on",
            filter=Q(needs_assessments__completed_on__lte=on),
        ))
        .only("pk", "date_of_birth")
    )
    changes: dict[int, list[tuple[str, date]]] = {}
    for pk, status, effective_on in StatusChange.objects.filter(
        young_person__in=young_people.order_by().values("pk"), effective_on__lte=on
    ).values_list("young_person", "status", "effective_on"):
        changes.setdefault(pk, []).append((status, effective_on))
    due = {}
    for row in rows:
        found = rules.needs_assessment_due(
            date_of_birth=row.date_of_birth, status_changes=changes.get(row.pk, []),
            has_plan=row.plan_number is not None,
            last_completed_on=row.last_assessment_completed_on,
        )
        if found is not None:
            due[row.pk] = found
    return due
