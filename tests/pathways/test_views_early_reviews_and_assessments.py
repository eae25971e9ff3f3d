"""Asking for an early review, and a needs assessment from start to the first plan it seeds."""

from datetime import timedelta

import pytest
from django.urls import reverse

from eligibility.models import StatusChange
from eligibility.rules import Status
from pathways.models import EarlyReview, NeedsAssessment, PathwayPlan
from pathways.services import needs_assessment_start, needs_assessment_update
from tests.advisers.people import allocate, date_post
from tests.pathways.plan_pages import error_next_to, error_summary, plan_history
from tests.pathways.plan_setup import days_ago, snapshot, today, young_person

pytestmark = pytest.mark.django_db


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


# --- early reviews -----------------------------------------------------------------------------


def test_an_early_review_brings_the_plan_due_date_forward(client, staff, teams):
    person, first, draft = plan_history(teams, staff, status=Status.FORMER_RELEVANT)
    client.force_login(staff["pa"])
    asked = days_ago(2)

    response = client.post(reverse("early-review-request", args=[person.pk]), {
        "reason": "young_person_asked", **date_post("requested_on", asked),
        "description": "Wants to talk about moving in with her sister.",
    })

    assert response.url == reverse("plan-list", args=[person.pk])
    early_review = EarlyReview.objects.get(young_person=person)
    assert early_review.due_on == asked + timedelta(days=28)
    body = client.get(response.url).content.decode()
    assert f"Early review asked for. It is due by {long_date(early_review.due_on)}." in body
    record = client.get(reverse("young-person", args=[person.pk])).content.decode()
    assert f"Next review due {long_date(early_review.due_on)}: within 28 days" in record
    chronology = client.get(reverse("young-person-chronology", args=[person.pk]))
    assert "Early review asked for" in chronology.content.decode().split('class="moj-timeline"')[1]


def test_an_early_review_needs_a_reason_and_a_date_not_in_the_future(client, staff, teams):
    person, _, _ = plan_history(teams, staff)
    client.force_login(staff["pa"])
    before = snapshot()

    response = client.post(reverse("early-review-request", args=[person.pk]),
                           date_post("requested_on", today() + timedelta(days=1)))

    assert "Select why the plan needs reviewing early" in response.content.decode()
    response = client.post(reverse("early-review-request", args=[person.pk]), {
        "reason": "adviser_decided", **date_post("requested_on", today() + timedelta(days=1))})
    assert error_next_to(response, "requested_on") == "The date must be today or in the past"
    assert snapshot() == before


def test_the_early_review_form_starts_at_today(client, staff, teams):
    person, _, _ = plan_history(teams, staff)
    client.force_login(staff["pa"])

    body = client.get(reverse("early-review-request", args=[person.pk])).content.decode()

    assert f'name="requested_on_2" type="text" inputmode="numeric" value="{today().year}"' in body


# --- needs assessments -------------------------------------------------------------------------


@pytest.fixture
def newcomer(staff, teams):
    person = young_person(teams["north"], Status.ELIGIBLE)
    allocate(person, staff["pa"])
    return person


def area_post(version, *, then="save", views="", **areas) -> dict:
    data = {"version": version, "then": then, "young_persons_views": views,
            **date_post("completed_on", None)}
    data.update({f"area_{key}": text for key, text in areas.items()})
    return data


def test_a_needs_assessment_is_started_saved_completed_and_seeds_the_first_plan(
    client, staff, newcomer
):
    client.force_login(staff["pa"])

    response = client.post(reverse("needs-assessment-start", args=[newcomer.pk]))
    assessment = NeedsAssessment.objects.get(young_person=newcomer)
    assert response.url == reverse("needs-assessment", args=[assessment.pk])

    client.post(response.url, area_post(1, education="Wants to go back to college",
                                        views="I want my own flat."))
    assessment.refresh_from_db()
    assert assessment.areas == {"education": "Wants to go back to college"}

    response = client.post(reverse("needs-assessment", args=[assessment.pk]), area_post(
        2, then="complete", education="Wants to go back to college",
        accommodation="Needs a flat near college", views="I want my own flat."))
    assert response.url == reverse("plan-list", args=[newcomer.pk])
    assessment.refresh_from_db()
    assert assessment.completed_on == today()
    assert assessment.completed_by == staff["pa"]

    read = client.get(reverse("needs-assessment", args=[assessment.pk])).content.decode()
    assert "Needs a flat near college" in read and 'name="version"' not in read

    client.post(reverse("plan-start", args=[newcomer.pk]))
    plan = PathwayPlan.objects.get(young_person=newcomer)
    assert plan.needs_assessment == assessment
    assert plan.own_words == "I want my own flat."
    assert plan.sections.get(key="accommodation").plan_text == "Needs a flat near college"


def test_an_empty_needs_assessment_cannot_be_completed(client, staff, newcomer):
    assessment = needs_assessment_start(actor=staff["pa"], young_person=newcomer)
    client.force_login(staff["pa"])
    before = snapshot()

    response = client.post(reverse("needs-assessment", args=[assessment.pk]),
                           area_post(1, then="complete"))

    assert "Fill in at least one area before you complete the assessment" in error_summary(
        response)
    assert snapshot() == before


def test_a_completed_needs_assessment_cannot_be_changed(client, staff, newcomer):
    client.force_login(staff["pa"])
    client.post(reverse("needs-assessment-start", args=[newcomer.pk]))
    assessment = NeedsAssessment.objects.get(young_person=newcomer)
    client.post(reverse("needs-assessment", args=[assessment.pk]),
                area_post(1, then="complete", health="Fine"))
    before = snapshot()

    response = client.post(reverse("needs-assessment", args=[assessment.pk]),
                           area_post(2, health="Changed"))

    assert response.status_code == 302
    assert snapshot() == before


def test_a_stale_needs_assessment_save_keeps_both_changes(client, staff, newcomer):
    assessment = needs_assessment_start(actor=staff["pa"], young_person=newcomer)
    client.force_login(staff["pa"])
    needs_assessment_update(actor=staff["manager"], assessment=assessment, version=1,
                            areas={"health": "Sees a counsellor"})

    response = client.post(reverse("needs-assessment", args=[assessment.pk]),
                           area_post(1, money="Needs a bank account"))

    body = response.content.decode()
    assert "Someone else changed this record while you were editing" in body
    assert "Sees a counsellor" in body[body.index('id="their-changes"'):]
    form = response.context["form"]
    client.post(reverse("needs-assessment", args=[assessment.pk]),
                {key: form.data[key] for key in form.data})
    assessment.refresh_from_db()
    assert assessment.areas == {"health": "Sees a counsellor", "money": "Needs a bank account"}


def test_a_second_needs_assessment_cannot_start_while_one_is_open(client, staff, newcomer):
    needs_assessment_start(actor=staff["pa"], young_person=newcomer, today=days_ago(5))
    client.force_login(staff["pa"])

    response = client.post(reverse("needs-assessment-start", args=[newcomer.pk]))

    assert "carry on with that one" in error_summary(response)
    assert NeedsAssessment.objects.count() == 1


def test_the_record_says_when_a_needs_assessment_is_due(client, staff, teams):
    person = young_person(teams["north"], Status.ELIGIBLE)
    allocate(person, staff["pa"])
    StatusChange.objects.create(young_person=person, status=Status.ELIGIBLE,
                                previous_status="", reason="Test",
                                effective_on=days_ago(100))
    client.force_login(staff["pa"])

    body = client.get(reverse("young-person", args=[person.pk])).content.decode()

    panel = body[body.index('id="pathway-plan"'):]
    assert "Needs assessment" in panel
    assert "Due by" in panel
