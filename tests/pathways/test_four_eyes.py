"""Four eyes on every plan: nobody who wrote, changed or sent a plan authorises it, wherever they
try from (the decision page, the service, the queue, the plan page); a manager who only decided
it before may decide it again when it comes back."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pathways.models import PlanState
from pathways.selectors import authorisation_queue
from pathways.services import (
    plan_action_add,
    plan_action_remove,
    plan_authorise,
    plan_return,
    plan_start,
    plan_submit,
    plan_update,
)
from tests.pathways.plan_setup import days_ago, snapshot, written_plan, young_person

pytestmark = pytest.mark.django_db

REFUSAL = ("You cannot authorise a plan you wrote, changed or sent for authorisation: another "
           "manager must decide it")


@pytest.fixture
def person(teams):
    return young_person(teams["north"])


def filled_in_by(manager, person, started_by):
    """A plan a PA started and a manager filled in and sent for authorisation."""
    plan = plan_start(actor=started_by, young_person=person, today=days_ago(7))
    plan = plan_update(
        actor=manager, plan=plan, version=plan.version, review_held_on=days_ago(7),
        sections={"accommodation": {"plan_text": "Stay in the flat until the tenancy ends."}},
    )
    return plan_submit(actor=manager, plan=plan)


def test_a_manager_who_filled_in_and_sent_a_plan_cannot_authorise_it(client, staff, person):
    plan = filled_in_by(staff["manager"], person, started_by=staff["pa"])
    url = reverse("plan-decide", args=[plan.pk])
    client.force_login(staff["manager"])
    before = snapshot()

    response = client.post(url, {"decision": "authorise"})

    assert response.status_code == 403
    assert "You wrote, changed or sent this plan, so another manager" in response.content.decode()
    assert snapshot() == before
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED


def test_another_manager_authorises_the_plan_instead(client, staff, person):
    plan = filled_in_by(staff["manager"], person, started_by=staff["pa"])
    client.force_login(staff["duty"])

    response = client.post(reverse("plan-decide", args=[plan.pk]), {"decision": "authorise"})

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.AUTHORISED and plan.decided_by == staff["duty"]


def test_the_service_refuses_whoever_changed_or_sent_the_plan(staff, person):
    plan = filled_in_by(staff["manager"], person, started_by=staff["pa"])

    with pytest.raises(ValidationError) as error:
        plan_authorise(actor=staff["manager"], plan=plan, notify=False)

    assert REFUSAL in error.value.messages
    with pytest.raises(ValidationError):
        plan_return(actor=staff["manager"], plan=plan, reasons="Add the tenancy date",
                    notify=False)


def test_sending_a_plan_written_by_someone_else_counts_as_working_on_it(staff, person):
    plan = written_plan(person, staff["pa"])

    plan = plan_submit(actor=staff["manager"], plan=plan)

    with pytest.raises(ValidationError, match="you wrote, changed or sent"):
        plan_authorise(actor=staff["manager"], plan=plan, notify=False)


def test_adding_an_action_that_was_later_taken_off_still_counts(staff, person):
    plan = written_plan(person, staff["pa"])
    action = plan_action_add(actor=staff["manager"], plan=plan, section="accommodation",
                             who="PA", what="Ring the housing officer", due_on=days_ago(-7))
    plan_action_remove(actor=staff["pa"], action=action)
    plan = plan_submit(actor=staff["pa"], plan=plan)

    with pytest.raises(ValidationError, match="you wrote, changed or sent"):
        plan_authorise(actor=staff["manager"], plan=plan, notify=False)
    assert plan_authorise(actor=staff["duty"], plan=plan, notify=False).is_authorised


def test_the_manager_who_returned_a_plan_decides_it_when_it_comes_back(staff, person):
    plan = written_plan(person, staff["pa"], submit=True)
    plan = plan_return(actor=staff["manager"], plan=plan, reasons="Add the tenancy date",
                       notify=False)
    plan = plan_update(actor=staff["pa"], plan=plan, version=plan.version,
                       sections={"accommodation": {"plan_text": "Tenancy ends in June."}})
    plan = plan_submit(actor=staff["pa"], plan=plan)

    assert plan_authorise(actor=staff["manager"], plan=plan, notify=False).is_authorised


def test_a_manager_who_returned_a_plan_then_changed_it_cannot_authorise_it(staff, person):
    plan = written_plan(person, staff["pa"], submit=True)
    plan = plan_return(actor=staff["manager"], plan=plan, reasons="Add the tenancy date",
                       notify=False)
    plan = plan_update(actor=staff["manager"], plan=plan, version=plan.version,
                       review_held_on=days_ago(6))
    plan = plan_submit(actor=staff["pa"], plan=plan)

    with pytest.raises(ValidationError, match="you wrote, changed or sent"):
        plan_authorise(actor=staff["manager"], plan=plan, notify=False)


def test_the_queue_and_the_plan_page_offer_no_decision_to_whoever_worked_on_it(
    client, staff, person
):
    plan = filled_in_by(staff["manager"], person, started_by=staff["pa"])
    decide = reverse("plan-decide", args=[plan.pk])

    (row,) = authorisation_queue(staff["manager"])
    assert row.worked_on_by_user
    assert not authorisation_queue(staff["duty"]).get().worked_on_by_user
    client.force_login(staff["manager"])
    queue = client.get(reverse("plan-queue")).content.decode()
    assert "You worked on it" in queue and decide not in queue
    page = client.get(reverse("plan-detail", args=[plan.pk])).content.decode()
    assert "You wrote, changed or sent this plan, so another manager" in page
    assert decide not in page
    client.force_login(staff["duty"])
    assert decide in client.get(reverse("plan-queue")).content.decode()
