"""Two people at once, on two real database connections: a stale save is refused rather than
overwriting a colleague, and two managers deciding one plan cannot both succeed."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from careleavers.concurrency import StaleEditError
from eligibility.rules import Status
from pathways.models import PathwayPlan, PlanState
from pathways.services import plan_authorise, plan_return, plan_start, plan_update
from tests.pathways.plan_setup import days_ago, written_plan, young_person
from tests.support import in_another_connection, wait_until_another_connection_waits_for_a_lock

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def person(teams):
    return young_person(teams["north"], status=Status.RELEVANT)


def test_the_second_of_two_editors_who_read_the_same_version_is_refused(staff, person):
    plan = written_plan(person, staff["pa"])
    read_at = plan.version  # both editors opened the plan at this version

    with transaction.atomic():
        # The first editor's save holds the row until it commits...
        plan_update(actor=staff["pa"], plan=plan, version=read_at,
                    sections={"health": {"plan_text": "Registered with a GP"}})
        # ...while the second editor, on another connection, saves from the same version.
        thread, outcome = in_another_connection(lambda: plan_update(
            actor=staff["manager"], plan=plan, version=read_at,
            sections={"health": {"plan_text": "Not registered yet"}},
        ))
        wait_until_another_connection_waits_for_a_lock()
        assert thread.is_alive(), "the second save waits for the first to commit"
    thread.join(timeout=10)

    assert isinstance(outcome.get("error"), StaleEditError)
    assert outcome["error"].current.version == read_at + 1
    plan.refresh_from_db()
    assert plan.version == read_at + 1
    assert plan.sections.get(key="health").plan_text == "Registered with a GP"


def test_two_editors_saving_at_the_same_moment_one_wins_and_one_is_refused(staff, person):
    plan = written_plan(person, staff["pa"])
    read_at = plan.version
    together = threading.Barrier(2)

    def save(who, text):
        return lambda: plan_update(actor=staff[who], plan=plan, version=read_at,
                                   aspirations=text)

    first = in_another_connection(save("pa", "Go to university"), start_together=together)
    second = in_another_connection(save("colleague", "Get an apprenticeship"),
                                   start_together=together)
    for thread, _ in (first, second):
        thread.join(timeout=10)

    outcomes = [outcome for _, outcome in (first, second)]
    saved = [outcome["result"] for outcome in outcomes if "result" in outcome]
    stale = [outcome["error"] for outcome in outcomes if "error" in outcome]
    assert len(saved) == 1 and len(stale) == 1
    assert isinstance(stale[0], StaleEditError)
    plan.refresh_from_db()
    assert plan.aspirations == saved[0].aspirations
    assert plan.version == read_at + 1


def test_two_managers_authorising_at_once_exactly_one_succeeds(staff, person):
    plan = written_plan(person, staff["pa"], submit=True)
    together = threading.Barrier(2)

    def authorise(who):
        return lambda: plan_authorise(actor=staff[who], plan=plan, notify=False)

    attempts = [in_another_connection(authorise(who), start_together=together)
                for who in ("manager", "duty")]
    for thread, _ in attempts:
        thread.join(timeout=10)

    outcomes = [outcome for _, outcome in attempts]
    authorised = [outcome["result"] for outcome in outcomes if "result" in outcome]
    refusals = [outcome["error"] for outcome in outcomes if "error" in outcome]
    assert len(authorised) == 1 and len(refusals) == 1
    assert isinstance(refusals[0], ValidationError)
    assert refusals[0].messages[0].startswith("This plan has already been authorised by ")
    plan.refresh_from_db()
    assert plan.state == PlanState.AUTHORISED
    assert plan.decided_by == authorised[0].decided_by
    assert plan.history.filter(state=PlanState.AUTHORISED).count() == 1


def test_a_manager_returning_while_another_authorises_is_told_it_was_decided(staff, person):
    plan = written_plan(person, staff["pa"], submit=True)

    with transaction.atomic():
        plan_authorise(actor=staff["manager"], plan=plan, notify=False)
        thread, outcome = in_another_connection(lambda: plan_return(
            actor=staff["duty"], plan=plan, reasons="Needs more on money", notify=False))
        wait_until_another_connection_waits_for_a_lock()
        assert thread.is_alive()
    thread.join(timeout=10)

    assert isinstance(outcome.get("error"), ValidationError)
    plan.refresh_from_db()
    assert (plan.state, plan.return_reasons) == (PlanState.AUTHORISED, "")


def test_two_people_starting_a_review_at_once_make_one_draft(staff, person):
    together = threading.Barrier(2)
    attempts = [
        in_another_connection(
            lambda who=who: plan_start(actor=staff[who], young_person=person,
                                       today=days_ago(0)),
            start_together=together,
        )
        for who in ("pa", "colleague")
    ]
    for thread, _ in attempts:
        thread.join(timeout=10)

    outcomes = [outcome for _, outcome in attempts]
    assert sum("result" in outcome for outcome in outcomes) == 1
    assert [type(o["error"]) for o in outcomes if "error" in o] == [ValidationError]
    assert PathwayPlan.objects.filter(young_person=person).count() == 1
