"""The authorisation queue and the decision: oldest first with the days waiting, every team's for
a duty manager, authorise or return with reasons, and the author told either way."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from careleavers.models import Role
from pathways.models import PathwayPlan, PlanState
from pathways.services import plan_authorise
from tests.advisers.people import allocate
from tests.crowd import crowd
from tests.factories import PathwayPlanFactory, StaffFactory
from tests.pathways.plan_pages import error_next_to
from tests.pathways.plan_setup import snapshot, written_plan, young_person

pytestmark = pytest.mark.django_db

QUEUE = reverse("plan-queue")


def waiting_plan(team, author, *, days):
    """A plan sent for authorisation `days` ago."""
    person = young_person(team)
    plan = written_plan(person, author, submit=True)
    plan.submitted_at = timezone.now() - timedelta(days=days, hours=1)
    plan.save(update_fields=["submitted_at"])
    return plan


def queue_names(response) -> list[str]:
    return [plan.young_person.display_name for plan in response.context["plans"]]


def test_the_queue_lists_the_teams_plans_oldest_first_with_days_waiting(client, staff, teams):
    newer = waiting_plan(teams["north"], staff["pa"], days=1)
    older = waiting_plan(teams["north"], staff["colleague"], days=9)
    waiting_plan(teams["south"], staff["other_pa"], days=20)
    client.force_login(staff["manager"])

    response = client.get(QUEUE)

    assert queue_names(response) == [older.young_person.display_name,
                                     newer.young_person.display_name]
    body = response.content.decode()
    assert 'govuk-table__cell--numeric">9<' in body
    assert 'govuk-table__cell--numeric">1<' in body
    assert reverse("plan-decide", args=[older.pk]) in body


def test_drafts_returned_and_decided_plans_are_not_in_the_queue(client, staff, teams):
    written_plan(young_person(teams["north"]), staff["pa"])
    decided = waiting_plan(teams["north"], staff["pa"], days=3)
    plan_authorise(actor=staff["manager"], plan=decided, notify=False)
    client.force_login(staff["manager"])

    assert queue_names(client.get(QUEUE)) == []
    assert "No plans are waiting for authorisation" in client.get(QUEUE).content.decode()


def test_a_duty_manager_sees_every_teams_queue_and_can_pick_a_team(client, staff, teams):
    north = waiting_plan(teams["north"], staff["pa"], days=2)
    south = waiting_plan(teams["south"], staff["other_pa"], days=5)
    client.force_login(staff["duty"])

    assert queue_names(client.get(QUEUE)) == [south.young_person.display_name,
                                              north.young_person.display_name]
    assert queue_names(client.get(QUEUE, {"team": "north"})) == [
        north.young_person.display_name]
    assert client.get(QUEUE, {"team": "nowhere"}).status_code == 404


def test_a_manager_sees_their_own_plan_in_the_queue_but_cannot_decide_it(
    client, staff, teams
):
    mine = waiting_plan(teams["north"], staff["manager"], days=2)
    client.force_login(staff["manager"])

    body = client.get(QUEUE).content.decode()

    assert "You worked on it" in body
    assert reverse("plan-decide", args=[mine.pk]) not in body


def test_restricted_records_stay_out_of_the_queue_of_managers_not_named(client, staff, teams):
    plan = waiting_plan(teams["north"], staff["pa"], days=2)
    plan.young_person.restricted = True
    plan.young_person.save()
    plan.young_person.restricted_to.set([staff["pa"]])
    client.force_login(staff["duty"])

    assert queue_names(client.get(QUEUE)) == []


@pytest.mark.parametrize("count", [10, 200])
def test_the_queue_runs_a_fixed_number_of_queries(
    client, staff, teams, django_assert_max_num_queries, count
):
    authors = [staff["pa"], staff["colleague"]] + [
        StaffFactory(role=Role.PERSONAL_ADVISER, teams=[teams["north"]]) for _ in range(3)
    ]
    for number in range(count):
        team = teams["north"] if number % 3 else teams["south"]
        PathwayPlanFactory(
            young_person=young_person(team), author=authors[number % len(authors)],
            state=PlanState.SUBMITTED, submitted_at=timezone.now() - timedelta(days=number),
        )
    client.force_login(staff["duty"])

    # 1 the session, 2 the signed-in user, 3 the teams to choose from, 4 how many plans are
    # waiting, 5 one page of them with their young people, teams and authors; 6-8 the session's
    # idle clock saved (savepoint, update, release).
    with django_assert_max_num_queries(8):
        response = client.get(QUEUE)

    assert len(response.context["plans"]) == min(count, 50)


def test_a_queue_of_51_is_two_pages_the_second_holding_the_newest(client, staff, teams):
    people = crowd(teams["north"], 51)
    PathwayPlan.objects.bulk_create([
        PathwayPlanFactory.build(young_person=person, number=1, author=staff["pa"],
                                 state=PlanState.SUBMITTED, review_held_on=None,
                                 submitted_at=timezone.now() - timedelta(days=60 - number))
        for number, person in enumerate(people)
    ])
    client.force_login(staff["manager"])

    first = client.get(QUEUE)
    second = client.get(QUEUE, {"page": "2"})

    assert queue_names(first)[0] == people[0].display_name  # waiting longest
    assert queue_names(second) == [people[50].display_name]
    assert "51 plans waiting" in first.content.decode()
    assert "Showing 51 to 51 of 51 plans" in second.content.decode()
    assert "Plans to authorise (page 2 of 2)" in second.content.decode()
    assert queue_names(client.get(QUEUE, {"page": "last"})) == queue_names(first)


def test_a_duty_managers_pages_keep_the_team_chosen(client, staff, teams):
    people = crowd(teams["north"], 51)
    PathwayPlan.objects.bulk_create([
        PathwayPlanFactory.build(young_person=person, number=1, author=staff["pa"],
                                 state=PlanState.SUBMITTED, review_held_on=None)
        for person in people
    ])
    client.force_login(staff["duty"])

    page = client.get(QUEUE, {"team": "north"}).content.decode()

    assert 'href="?team=north&amp;page=2"' in page


# --- deciding ----------------------------------------------------------------------------------


@pytest.fixture
def submitted(staff, teams):
    person = young_person(teams["north"])
    allocate(person, staff["pa"])
    return written_plan(person, staff["pa"], submit=True)


def test_the_team_manager_authorises_a_plan_and_the_author_is_told(
    client, staff, submitted, django_capture_on_commit_callbacks
):
    client.force_login(staff["manager"])
    page = client.get(reverse("plan-decide", args=[submitted.pk])).content.decode()
    assert "Stay in the flat until the tenancy comes up." in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plan-decide", args=[submitted.pk]),
                               {"decision": "authorise"})

    assert response.url == QUEUE
    submitted.refresh_from_db()
    assert submitted.state == PlanState.AUTHORISED
    assert submitted.decided_by == staff["manager"]
    due = submitted.next_review_due
    assert f"next review is due by {due.day} {due:%B %Y}" in client.get(QUEUE).content.decode()
    assert [message.to for message in mail.outbox] == [[staff["pa"].email]]
    assert "authorised" in mail.outbox[0].subject
    assert submitted.young_person.last_name not in mail.outbox[0].body


def test_a_duty_manager_authorises_another_teams_plan(client, staff, submitted):
    client.force_login(staff["duty"])

    client.post(reverse("plan-decide", args=[submitted.pk]), {"decision": "authorise"})

    submitted.refresh_from_db()
    assert submitted.state == PlanState.AUTHORISED
    assert submitted.decided_by == staff["duty"]


def test_returning_a_plan_needs_what_needs_changing(client, staff, submitted):
    client.force_login(staff["manager"])
    before = snapshot()

    response = client.post(reverse("plan-decide", args=[submitted.pk]),
                           {"decision": "return", "reasons": "   "})

    assert response.status_code == 200
    assert error_next_to(response, "reasons") == (
        "Enter what needs changing before you return the plan")
    assert snapshot() == before


def test_a_decision_must_be_chosen(client, staff, submitted):
    client.force_login(staff["manager"])

    response = client.post(reverse("plan-decide", args=[submitted.pk]), {})

    assert "Select whether to authorise the plan or return it" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == PlanState.SUBMITTED


def test_a_returned_plan_goes_back_to_the_author_with_the_reasons(
    client, staff, submitted, django_capture_on_commit_callbacks
):
    client.force_login(staff["manager"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plan-decide", args=[submitted.pk]),
                    {"decision": "return", "reasons": "Add what they said about money."})

    submitted.refresh_from_db()
    assert submitted.state == PlanState.RETURNED
    assert submitted.return_reasons == "Add what they said about money."
    assert "returned" in mail.outbox[0].subject
    client.force_login(staff["pa"])
    page = client.get(reverse("plan-detail", args=[submitted.pk])).content.decode()
    assert "Add what they said about money." in page


def test_a_plan_decided_by_someone_else_meanwhile_is_not_decided_again(
    client, staff, submitted
):
    client.force_login(staff["manager"])
    client.get(reverse("plan-decide", args=[submitted.pk]))
    plan_authorise(actor=staff["duty"], plan=submitted, notify=False)
    before = snapshot()

    response = client.post(reverse("plan-decide", args=[submitted.pk]),
                           {"decision": "return", "reasons": "Too late"})

    assert response.url == reverse("plan-detail", args=[submitted.pk])
    assert snapshot() == before
    assert "is not waiting for authorisation" in client.get(response.url).content.decode()


def test_a_draft_cannot_be_decided(client, staff, teams):
    draft = written_plan(young_person(teams["north"]), staff["pa"])
    client.force_login(staff["manager"])
    before = snapshot()

    response = client.post(reverse("plan-decide", args=[draft.pk]), {"decision": "authorise"})

    assert response.status_code == 302
    assert snapshot() == before


def test_waiting_days_count_whole_days(client, staff, teams):
    waiting_plan(teams["north"], staff["pa"], days=0)
    client.force_login(staff["manager"])

    assert 'govuk-table__cell--numeric">0<' in client.get(QUEUE).content.decode()
