"""Demo pathway plans from `seed_demo`: realistic, through the services, and the same each run."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from careleavers.models import YoungPerson
from pathways.models import EarlyReview, NeedsAssessment, PathwayPlan, PlanState
from pathways.rules import PlanStanding
from pathways.selectors import plan_standings
from tests.pathways.plan_setup import snapshot

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_the_demo_has_plans_in_every_standing_and_state():
    out = seed()
    today = timezone.localdate()

    standings = Counter(plan_standings(YoungPerson.objects.all(), on=today).values())
    required = sum(n for s, n in standings.items() if s != PlanStanding.NOT_REQUIRED)
    assert standings[PlanStanding.UP_TO_DATE] + standings[PlanStanding.DUE_WITHIN_28_DAYS] > \
        required / 2
    for standing in PlanStanding:
        assert standings[standing], standing
    states = Counter(PathwayPlan.objects.values_list("state", flat=True))
    assert states[PlanState.RETURNED] == 1
    assert 1 <= states[PlanState.SUBMITTED] <= 5
    assert states[PlanState.DRAFT] >= 1
    assert EarlyReview.objects.filter(met_by_plan__isnull=True).exists()
    assert NeedsAssessment.objects.filter(completed_on__isnull=False).exists()
    assert "Pathway plans: " in out
    # Only young people who need a plan have one, and none is dated in the future.
    assert not PathwayPlan.objects.exclude(
        young_person__statutory_status__status__in=[
            "eligible", "relevant", "former_relevant", "former_relevant_education",
            "returner_21_25"]).exists()
    assert not PathwayPlan.objects.filter(review_held_on__gt=today).exists()
    assert not PathwayPlan.objects.filter(decided_at__gt=timezone.now()).exists()


def test_demo_plans_are_written_in_the_young_persons_words_and_decided_by_managers():
    seed("--young-people", "20")

    authorised = PathwayPlan.objects.filter(state=PlanState.AUTHORISED).select_related(
        "author", "decided_by")
    assert authorised.exists()
    for plan in authorised:
        assert plan.author != plan.decided_by
        assert plan.decided_by.role in ("team_manager", "duty_manager")
        assert plan.aspirations and plan.own_words
        assert any(section.young_persons_words for section in plan.sections.all())
        assert plan.submitted_at <= plan.decided_at
    returned = PathwayPlan.objects.get(state=PlanState.RETURNED)
    assert returned.return_reasons


def test_seeding_again_changes_no_plan_and_the_same_seed_gives_the_same_plans():
    seed("--young-people", "20")
    before = snapshot()

    seed("--young-people", "20")

    assert snapshot() == before
    first = sorted(PathwayPlan.objects.values_list(
        "young_person__person_id", "number", "state", "review_held_on", "aspirations"))
    YoungPerson.objects.all().delete()
    seed("--young-people", "20")
    assert sorted(PathwayPlan.objects.values_list(
        "young_person__person_id", "number", "state", "review_held_on", "aspirations")) == first
