"""A PA invites a young person from their record; the young person signs in on their phone with
the code emailed to them and lands on their own pages; the PA withdraws their access and the
young person's next request is refused. At 1280 and 390 pixels wide, axe finds nothing."""

import re

import pytest

from tests.browser.conftest import assert_accessible, emailed
from tests.careleavers.records import add_young_person, allocate, years_ago

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sam(staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"], first_name="Sam",
                              last_name="Okoro", date_of_birth=years_ago(19),
                              email="sam.okoro@example.com", person_id="CL-1901")
    allocate(person, staff["pa"])
    return person



@pytest.mark.parametrize("width", [1280, 390])
def test_pa_invites_a_young_person_who_signs_in_with_the_emailed_code_until_withdrawn(
    page, chromium, live_server, staff, sign_in_as, sam, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(staff["pa"]).goto(f"/young-people/{sam.pk}/")
    page.locator("#own-access").get_by_role("link", name="Their own access").click()
    page.get_by_role("heading", name="Their own access", level=1).wait_for()
    assert "Not invited to see their own pages" in page.locator("#access-state").inner_text()
    assert page.get_by_label("Their email address").input_value() == "sam.okoro@example.com"
    assert_accessible(page, f"own-access-invite-{width}")

    page.get_by_role("button", name="Send the invitation").click()
    page.get_by_text("Invitation sent to sam.okoro@example.com").wait_for()
    assert "not signed in yet" in page.locator("#access-state").inner_text()
    invitation = emailed("invited")
    link = re.search(r"(http\S+/you/sign-in/)", invitation.body)[1]
    assert link.startswith(live_server.url)
    assert link in page.locator("#sign-in-link").inner_text()

    # The young person, on their own phone.
    phone = chromium.new_context(base_url=live_server.url,
                                 viewport={"width": 390, "height": 844}).new_page()
    phone.set_default_timeout(10_000)
    phone.goto(link)
    phone.get_by_role("heading", name="Sign in to see your plan").wait_for()
    assert_accessible(phone, f"portal-sign-in-{width}")
    phone.get_by_role("button", name="Send me a code").click()
    summary = phone.locator(".govuk-error-summary")
    summary.wait_for()
    error = phone.locator(".govuk-error-message").first.inner_text()
    assert "Enter your email address" in error
    assert_accessible(phone, f"portal-sign-in-error-{width}")
    phone.get_by_label("Your email address").fill("sam.okoro@example.com")
    phone.get_by_role("button", name="Send me a code").click()
    phone.get_by_role("heading", name="Enter the code we sent you").wait_for()
    assert "sam.okoro@example.com" in phone.locator("main").inner_text()
    assert_accessible(phone, f"portal-code-{width}")
    code = re.search(r"\b(\d{6})\b", emailed("code").body)[1]
    phone.get_by_label("Code").fill(code)
    phone.get_by_role("button", name="Sign in").click()
    phone.get_by_role("heading", name="Hello Sam").wait_for()
    assert not phone.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert_accessible(phone, f"portal-home-{width}")

    # The PA sees the sign-in, and withdraws access.
    page.reload()
    assert "Signed in first on" in page.locator("#access-state").inner_text()
    log = page.get_by_role("table", name="Sign-ins and pages they opened").inner_text()
    assert "Signed in" in log and "Home" in log
    page.get_by_label("Why are you withdrawing their access?").fill("Their phone was stolen")
    page.get_by_role("button", name="Withdraw access").click()
    page.get_by_text("Their access is withdrawn").wait_for()
    assert "Withdrawn on" in page.locator("#access-state").inner_text()
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert_accessible(page, f"own-access-withdrawn-{width}")

    # The young person's very next request is refused.
    phone.reload()
    phone.get_by_role("heading", name="Sign in to see your plan").wait_for()
    assert "Sam" not in phone.locator("main").inner_text()
    phone.context.close()
