"""A young person, on a phone and a wide screen, sends their PA a message (an empty one is
refused next to the box), new phone number and a request for a plan review from their own pages;
their PA sees the message on their home page and confirms the new number, which is then on the
record. axe finds nothing on any page."""

import re

import pytest
from django.conf import settings
from django.test import Client

from eligibility.rules import Status
from portal.access import SESSION_KEY
from portal.models import Ask, AskState
from tests.advisers.people import allocate, young_person
from tests.browser.conftest import assert_accessible
from tests.pathways.plan_setup import authorised_plan, days_ago
from tests.portal.asks_support import access_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def amani(staff, teams):
    person = young_person(teams["north"], status=Status.FORMER_RELEVANT, first_name="Amani",
                          last_name="Okafor", phone="07700 900001")
    allocate(person, staff["pa"])
    authorised_plan(person, staff["pa"], staff["manager"], held_on=days_ago(60))
    return person


def sign_in_young_person(page, live_server, access):
    """The browser holds this young person's session, as after signing in with their code."""
    client = Client()
    session = client.session
    session[SESSION_KEY] = access.pk
    session.save()
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                               "value": session.session_key, "url": live_server.url}])
    return page


@pytest.mark.parametrize("width", [1280, 390])
def test_a_young_person_asks_and_their_pa_answers(page, live_server, staff, sign_in_as, amani,
                                                  width):
    page.set_viewport_size({"width": width, "height": 900})
    access = access_for(amani, invited_by=staff["pa"])
    sign_in_young_person(page, live_server, access).goto("/you/asks/")
    assert_accessible(page, f"portal-asks-{width}")

    page.get_by_role("link", name="Send a message to your PA").click()
    page.get_by_role("button", name="Send message").click()
    page.locator(".govuk-error-summary").wait_for()
    assert "Write your message" in page.locator(".govuk-error-message").first.inner_text()
    assert_accessible(page, f"portal-message-error-{width}")
    page.get_by_label("Your message").fill("Can we meet on Friday? I have a new number.")
    page.get_by_role("button", name="Send message").click()
    page.get_by_text("Your message has been sent to your PA").wait_for()

    page.get_by_role("link", name="Update your phone, email or address").click()
    page.get_by_label("Phone number").fill("07700 900222")
    assert_accessible(page, f"portal-details-{width}")
    page.get_by_role("button", name="Send to your PA").click()
    page.get_by_text("Your new details have been sent to your PA").wait_for()

    page.get_by_role("link", name="Ask for a review of your plan").click()
    page.get_by_label("Why would you like your plan looked at again?").fill("I have moved out")
    page.get_by_role("button", name="Ask for a review").click()
    page.get_by_text("You have asked for a review of your plan").wait_for()
    assert page.locator("main").inner_text().count("Waiting for your PA") == 3
    assert_accessible(page, f"portal-asks-sent-{width}")

    sign_in_as(staff["pa"]).goto("/")
    main = page.locator("main")
    assert "Can we meet on Friday? I have a new number." in main.inner_text()
    assert_accessible(page, f"portal-pa-home-{width}")

    page.goto(f"/young-people/{amani.pk}/their-requests/")
    assert_accessible(page, f"portal-pa-requests-{width}")
    page.get_by_role("link", name=re.compile(r"Confirm or say no\W+new phone number")).click()
    assert "07700 900001" in main.inner_text() and "07700 900222" in main.inner_text()
    assert_accessible(page, f"portal-pa-confirm-{width}")
    page.get_by_label("Confirm it").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Confirmed: new phone number").wait_for()

    amani.refresh_from_db()
    assert amani.phone == "07700 900222"
    assert Ask.objects.get(young_person=amani, kind="details").state == AskState.DONE
