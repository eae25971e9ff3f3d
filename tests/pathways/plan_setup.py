"""Young people and plans for the pathways tests: plans written and decided through the services,
as the pages do, and a snapshot of every pathways table to show a refusal changed nothing."""

from datetime import date, timedelta

from django.utils import timezone

from pathways.models import EarlyReview, NeedsAssessment, PathwayPlan, PlanAction, PlanSection
from pathways.services import plan_authorise, plan_start, plan_submit, plan_update
from tests.advisers.people import young_person

__all__ = ["young_person", "today", "days_ago", "written_plan", "authorised_plan", "snapshot"]


def today() -> date:
    return timezone.localdate()


def days_ago(days: int) -> date:
    return today() - timedelta(days=days)


def written_plan(person, author, *, held_on=None, submit=False, **sections):
    """A new version of `person`'s plan by `author`, with the review held on `held_on` (a week
    ago unless given) and the given sections filled in (accommodation by default)."""
    plan = plan_start(actor=author, young_person=person, today=held_on or days_ago(7))
    sections = sections or {"accommodation": "Stay in the flat until the tenancy comes up."}
    plan = plan_update(
        actor=author, plan=plan, version=plan.version, review_held_on=held_on or days_ago(7),
        sections={key: {"plan_text": text} for key, text in sections.items()},
    )
    if submit:
        plan = plan_submit(actor=author, plan=plan)
    return plan


def authorised_plan(person, author, manager, *, held_on=None, **sections):
    plan = written_plan(person, author, held_on=held_on, submit=True, **sections)
    return plan_authorise(actor=manager, plan=plan, notify=False)


def snapshot() -> dict:
    """Every row of every pathways table, and how many history rows each has."""
    models = [NeedsAssessment, PathwayPlan, PlanSection, PlanAction, EarlyReview]
    rows = {model.__name__: sorted(model.objects.values_list(), key=lambda row: row[0])
            for model in models}
    rows |= {f"{model.__name__} history": model.history.count() for model in models}
    return rows
