"""The pathway plan panel on a young person's record, plans and early reviews in the chronology,
and the "Pathway plan" column on My caseload and the team page."""

from django.urls import reverse

from careleavers.access import can_edit_young_person
from careleavers.dates import long_date
from careleavers.record import (
    CaseloadCell,
    ChronologyEntry,
    RecordPart,
    caseload_column,
    record_part,
)
from eligibility.models import StatusChange

from . import rules, selectors
from .models import OPEN_STATES, EarlyReview, NeedsAssessment, PathwayPlan, PlanState
from .rules import PlanStanding

#: How each standing shows as a GOV.UK tag.
STANDING_TAGS = {
    PlanStanding.UP_TO_DATE: "govuk-tag--green",
    PlanStanding.DUE_WITHIN_28_DAYS: "govuk-tag--yellow",
    PlanStanding.OVERDUE: "govuk-tag--red",
    PlanStanding.NONE: "govuk-tag--red",
    PlanStanding.NOT_REQUIRED: "govuk-tag--grey",
}


def standing_cell(standing: PlanStanding, due_on, today) -> CaseloadCell:
    """"Up to date", "Due in 12 days", "Overdue", "No plan" or "Not needed", as a tag."""
    label = standing.label
    if standing == PlanStanding.DUE_WITHIN_28_DAYS and due_on is not None:
        days = (due_on - today).days
        label = {0: "Due today", 1: "Due tomorrow"}.get(days, f"Due in {days} days")
    return CaseloadCell(label, STANDING_TAGS[standing], count_as=standing.label)


@caseload_column("Pathway plan", order=30)
def plan_column(*, young_people, today) -> dict:
    """One query: the young people with their plan dates (pathways.selectors.with_plan_dates)."""
    cells = {}
    for row in selectors.with_plan_dates(young_people.order_by()).only("pk"):
        standing = selectors.plan_standing(row, today)
        cells[row.pk] = standing_cell(standing, selectors.plan_due_on(row), today)
    return cells


@record_part
def pathway_plan_part(*, young_person, user, today) -> RecordPart:
    """A fixed number of queries however many plans: where the plan stands; the plans with who
    wrote and decided them; their history, for the chronology; early reviews; needs assessments;
    status changes (for when a needs assessment is due, only for those who need a plan); and
    whether this user may change the record."""
    position = selectors.plan_position_for(young_person, on=today)
    standing = selectors.plan_standing(position, today)
    plans = list(
        PathwayPlan.objects.filter(young_person=young_person)
        .select_related("author", "decided_by").order_by("-number")
    )
    in_force = next((plan for plan in plans if plan.is_authorised), None)
    open_plan = next((plan for plan in plans if plan.state in OPEN_STATES), None)
    early_reviews = list(EarlyReview.objects.filter(young_person=young_person))
    assessments = list(NeedsAssessment.objects.filter(young_person=young_person))
    open_assessment = next((a for a in assessments if not a.is_complete), None)
    completed = [a.completed_on for a in assessments if a.is_complete]
    assessment_due = None
    if position.plan_required:
        assessment_due = rules.needs_assessment_due(
            date_of_birth=young_person.date_of_birth,
            status_changes=StatusChange.objects.filter(young_person=young_person)
            .values_list("status", "effective_on"),
            has_plan=in_force is not None,
            last_completed_on=max(completed) if completed else None,
        )
    return RecordPart(
        order=30,
        template="pathways/_record_panel.html",
        context={
            "plan_standing": standing,
            "plan_cell": standing_cell(standing, selectors.plan_due_on(position), today),
            "plan_explanation": selectors.explain_plan_due(position),
            "in_force": in_force,
            "open_plan": open_plan,
            "unmet_early_reviews": [r for r in early_reviews if r.met_by_plan_id is None],
            "open_assessment": open_assessment,
            "last_assessment_completed_on": max(completed) if completed else None,
            "assessment_due": assessment_due,
            "can_write": can_edit_young_person(user, young_person),
            "plans_url": reverse("plan-list", args=[young_person.pk]),
        },
        chronology=[*_plan_entries(young_person), *_early_review_entries(early_reviews)],
    )


def _plan_entries(young_person):
    """Each plan sent for authorisation, returned and authorised, from the plans' history (a
    plan returned and sent again keeps only its latest dates on the plan itself)."""
    seen = set()
    rows = (
        PathwayPlan.history.filter(
            young_person_id=young_person.pk,
            state__in=[PlanState.SUBMITTED, PlanState.RETURNED, PlanState.AUTHORISED],
        )
        .order_by("history_date")
        .values("id", "number", "state", "submitted_at", "decided_at", "return_reasons",
                "review_held_on", "next_review_requested_on", "author__full_name",
                "author__username", "decided_by__full_name", "decided_by__username")
    )
    for row in rows:
        url = reverse("plan-detail", args=[row["id"]])
        if row["state"] == PlanState.SUBMITTED:
            key = (row["id"], "submitted", row["submitted_at"])
            if key in seen or row["submitted_at"] is None:
                continue
            seen.add(key)
            yield ChronologyEntry(
                at=row["submitted_at"], kind="Pathway plan",
                title=f"Plan {row['number']} sent for authorisation",
                by=row["author__full_name"] or row["author__username"] or "", url=url,
            )
            continue
        key = (row["id"], row["state"], row["decided_at"])
        if key in seen or row["decided_at"] is None:
            continue
        seen.add(key)
        by = row["decided_by__full_name"] or row["decided_by__username"] or ""
        if row["state"] == PlanState.RETURNED:
            yield ChronologyEntry(
                at=row["decided_at"], kind="Pathway plan",
                title=f"Plan {row['number']} returned for changes",
                text=row["return_reasons"], by=by, url=url,
            )
        else:
            held = row["review_held_on"]
            text = ""
            if held is not None:
                due = rules.next_review_due(held, row["next_review_requested_on"])
                text = f"Review held on {long_date(held)}. Next review due by {long_date(due)}."
            yield ChronologyEntry(
                at=row["decided_at"], kind="Pathway plan",
                title=f"Plan {row['number']} authorised", text=text, by=by, url=url,
            )


def _early_review_entries(early_reviews):
    for early_review in early_reviews:
        text = early_review.get_reason_display()
        if early_review.description:
            text = f"{text}: {early_review.description}"
        yield ChronologyEntry(
            at=early_review.requested_on, kind="Pathway plan", title="Early review asked for",
            text=f"{text}. Due by {long_date(early_review.due_on)}.",
        )
