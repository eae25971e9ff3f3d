"""The whole of a young person's own access, as they and their PA meet it: the PA invites them
from the record; on their phone (390 pixels) they sign in with the code emailed to them, read
their plan, send their PA a message with a new phone number, and ask for a review; the PA sees
the message on their home page and confirms the new number, which is then on the record; the PA
withdraws their access and the young person's very next request is refused. The PA works at
1280 and at 390 pixels; axe finds nothing on any page either of them opens."""

import re

import pytest

from eligibility.rules import Status
from pathways.models import EarlyReview
from portal.models import Ask, AskKind, AskState
from tests.advisers.people import allocate, young_person
from tests.browser.conftest import assert_accessible, emailed
from tests.pathways.plan_setup import authorised_plan, days_ago

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def nia(staff, teams):
    person = young_person(teams["north"], status=Status.FORMER_RELEVANT, first_name="Nia",
                          last_name="Adeyemi", email="nia.adeyemi@example.com",
                          phone="07700 900301")
    allocate(person, staff["pa"])
    authorised_plan(person, staff["pa"], staff["manager"], held_on=days_ago(60),
                    accommodation="Stay in the flat until the tenancy comes up.")
    return person



def _fits(page) -> None:
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("width", [1280, 390])
def test_invited_signed_in_asking_answered_and_withdrawn(page, chromium, live_server, staff,
                                                         sign_in_as, nia, width):
    page.set_viewport_size({"width": width, "height": 900})

    # The PA invites Nia from her record.
    sign_in_as(staff["pa"]).goto(f"/young-people/{nia.pk}/own-access/")
    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("Invitation sent to nia.adeyemi@example.com").wait_for()
    link = re.search(r"(http\S+/you/sign-in/)", emailed("invited").body)[1]

    # On her phone, she signs in with the code emailed to her.
    phone = chromium.new_context(base_url=live_server.url,
                                 viewport={"width": 390, "height": 844}).new_page()
    phone.set_default_timeout(10_000)
    phone.goto(link)
    phone.get_by_label("Your email address").fill("nia.adeyemi@example.com")
    phone.get_by_role("button", name="Send me a code").click()
    phone.get_by_role("heading", name="Enter the code we sent you").wait_for()
    code = re.search(r"\b(\d{6})\b", emailed("code").body)[1]
    phone.get_by_label("Code").fill(code)
    phone.get_by_role("button", name="Sign in").click()
    phone.get_by_role("heading", name="Hello Nia").wait_for()
    assert "Never share the sign-in code" in phone.locator("footer").inner_text()
    assert_accessible(phone, f"own-pages-home-{width}")

    # She reads her plan.
    phone.get_by_role("link", name="Your plan").first.click()
    phone.get_by_role("heading", name="Your plan", level=1).wait_for()
    assert "Stay in the flat until the tenancy comes up." in phone.locator("main").inner_text()
    _fits(phone)
    assert_accessible(phone, f"own-pages-plan-{width}")

    # She sends her PA a message, and her new phone number.
    phone.get_by_role("link", name="Your requests").first.click()
    phone.get_by_role("link", name="Send a message to your PA").click()
    phone.get_by_label("Your message").fill("I have a new phone, the old one broke.")
    phone.get_by_role("button", name="Send message").click()
    phone.get_by_text("Your message has been sent to your PA").wait_for()
    phone.get_by_role("link", name="Update your phone, email or address").click()
    phone.get_by_label("Phone number").fill("07700 900456")
    phone.get_by_role("button", name="Send to your PA").click()
    phone.get_by_text("Your new details have been sent to your PA").wait_for()

    # She asks for her plan to be looked at again; a reason left out is asked for.
    phone.get_by_role("link", name="Ask for a review of your plan").click()
    phone.get_by_role("button", name="Ask for a review").click()
    phone.locator(".govuk-error-summary").wait_for()
    assert_accessible(phone, f"own-pages-review-error-{width}")
    phone.get_by_label("Why would you like your plan looked at again?").fill(
        "I am moving to college in another town")
    phone.get_by_role("button", name="Ask for a review").click()
    phone.get_by_text("You have asked for a review of your plan").wait_for()
    assert phone.locator("main").inner_text().count("Waiting for your PA") == 3
    _fits(phone)
    assert_accessible(phone, f"own-pages-asks-{width}")

    # The PA sees her message on their home page at once.
    page.goto("/")
    assert "I have a new phone, the old one broke." in page.locator("main").inner_text()
    _fits(page)
    assert_accessible(page, f"own-pages-pa-home-{width}")

    # The PA confirms the new number; it is then on her record.
    page.goto(f"/young-people/{nia.pk}/their-requests/")
    page.get_by_role("link", name=re.compile(r"Confirm or say no\W+new phone number")).click()
    assert "07700 900456" in page.locator("main").inner_text()
    page.get_by_label("Confirm it").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Confirmed: new phone number").wait_for()
    nia.refresh_from_db()
    assert nia.phone == "07700 900456"
    assert not EarlyReview.objects.filter(young_person=nia).exists()
    assert Ask.objects.get(young_person=nia, kind=AskKind.REVIEW).state == AskState.WAITING

    # The PA withdraws her access; her very next request is refused.
    page.goto(f"/young-people/{nia.pk}/own-access/")
    page.get_by_label("Why are you withdrawing their access?").fill("She asked us to")
    page.get_by_role("button", name="Withdraw access").click()
    page.get_by_text("Their access is withdrawn").wait_for()
    phone.goto("/you/plan/")
    phone.get_by_role("heading", name="Sign in to see your plan").wait_for()
    assert "Stay in the flat" not in phone.locator("main").inner_text()
    phone.context.close()
