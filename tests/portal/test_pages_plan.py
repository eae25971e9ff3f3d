"""A young person reads their plan: the latest one a manager authorised, in their version (their
own words, what was agreed, who will do what), never a plan being written or waiting, and never
what a manager wrote for the PA."""

from datetime import timedelta

import pytest
from django.urls import reverse

from careleavers.dates import long_date
from pathways.services import (
    plan_action_add,
    plan_authorise,
    plan_return,
    plan_start,
    plan_submit,
    plan_update,
)
from tests.advisers.people import allocate, days_ago, today, young_person
from tests.portal.see_support import authorised, plan_written, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


def plan_page(client):
    response = client.get(reverse("portal-plan"))
    assert response.status_code == 200
    return response.content.decode()


def test_they_read_their_authorised_plan_in_their_version(client, staff, person):
    plan = plan_written(person, staff["pa"], words="I want my own flat near my sister",
                        accommodation="Stay in the flat until the tenancy comes up")
    plan = plan_update(actor=staff["pa"], plan=plan, version=plan.version, sections={
        "accommodation": {"young_persons_words": "I like it here but it is noisy"},
    })
    plan_action_add(actor=staff["pa"], plan=plan, section="accommodation", who="Priya (PA)",
                    what="Ask the landlord about the noise", due_on=today() + timedelta(days=20))
    plan = plan_submit(actor=staff["pa"], plan=plan)
    plan_authorise(actor=staff["manager"], plan=plan, notify=False)
    sign_in(client, person, staff["pa"])

    page = plan_page(client)

    assert "I want my own flat near my sister" in page
    assert "Own a dog and go travelling" in page
    assert "Where I live" in page
    assert "What you said" in page and "I like it here but it is noisy" in page
    assert "What we agreed" in page and "Stay in the flat until the tenancy comes up" in page
    assert "Ask the landlord about the noise" in page and "Who: Priya (PA)" in page
    assert f"By: {long_date(today() + timedelta(days=20))}" in page
    # Sections with nothing in them are left out, as in their printed copy.
    assert "Health and how I feel" not in page


def test_the_next_review_is_given_in_plain_words(client, staff, person):
    plan = authorised(person, staff["pa"], staff["manager"], held_on=days_ago(30),
                      accommodation="Stay put")
    sign_in(client, person, staff["pa"])

    assert (f"We will look at your plan again together by "
            f"<strong>{long_date(plan.next_review_due)}</strong>") in plan_page(client)


def test_a_newer_plan_being_written_or_waiting_is_not_shown(client, staff, person):
    authorised(person, staff["pa"], staff["manager"], held_on=days_ago(60),
               accommodation="The plan a manager agreed")
    newer = plan_start(actor=staff["pa"], young_person=person, today=days_ago(2))
    plan_update(actor=staff["pa"], plan=newer, version=newer.version, review_held_on=days_ago(2),
                sections={"accommodation": {"plan_text": "A plan still being written"}})
    sign_in(client, person, staff["pa"])

    page = plan_page(client)
    assert "The plan a manager agreed" in page
    assert "A plan still being written" not in page

    newer.refresh_from_db()
    plan_submit(actor=staff["pa"], plan=newer)

    page = plan_page(client)
    assert "The plan a manager agreed" in page
    assert "A plan still being written" not in page


@pytest.mark.parametrize("waiting", [False, True])
def test_with_only_a_draft_or_waiting_plan_they_are_told_kindly(client, staff, person, waiting,
                                                                 settings):
    settings.PORTAL_TEAM_CONTACT = "the leaving care team on 01632 960 555"
    plan = plan_written(person, staff["pa"], accommodation="Not agreed yet")
    if waiting:
        plan_submit(actor=staff["pa"], plan=plan)
    sign_in(client, person, staff["pa"])

    page = plan_page(client)

    assert "You do not have a plan to read here yet" in page
    assert "contact the leaving care team on 01632 960 555" in page
    assert "Not agreed yet" not in page


def test_what_a_manager_wrote_when_returning_a_plan_never_appears(client, staff, person):
    authorised(person, staff["pa"], staff["manager"], held_on=days_ago(60),
               accommodation="The plan a manager agreed")
    newer = plan_written(person, staff["pa"], held_on=days_ago(2), accommodation="Changes")
    newer = plan_submit(actor=staff["pa"], plan=newer)
    plan_return(actor=staff["manager"], plan=newer, reasons="Staff only: check the risk notes",
                notify=False)
    sign_in(client, person, staff["pa"])

    for name in ("portal-home", "portal-plan", "portal-what-we-hold"):
        page = client.get(reverse(name)).content.decode()
        assert "Staff only: check the risk notes" not in page, name
    assert "The plan a manager agreed" in plan_page(client)


def test_another_young_persons_plan_is_never_theirs(client, staff, teams, person):
    someone_else = young_person(teams["north"])
    allocate(someone_else, staff["pa"])
    authorised(someone_else, staff["pa"], staff["manager"], accommodation="A plan for someone else")
    sign_in(client, person, staff["pa"])

    page = plan_page(client)

    assert "A plan for someone else" not in page
    assert "You do not have a plan to read here yet" in page
