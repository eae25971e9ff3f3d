"""A Personal Adviser records that a 22-year-old who left care asked for support, on a wide
screen and a phone: the date is checked next to the field, and their status moves to receiving
support at once. axe finds nothing on either page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from careleavers.dates import long_date
from eligibility.rules import Status, birthday
from eligibility.services import care_period_add
from tests.browser.conftest import assert_accessible
from tests.careleavers.records import add_young_person, allocate, years_ago

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def jordan(staff, teams):
    dob = years_ago(22, days=40)
    person = add_young_person(team=teams["north"], actor=staff["manager"], first_name="Jordan",
                              last_name="Reid", date_of_birth=dob, person_id="CL-2201")
    care_period_add(actor=staff["manager"], young_person=person, start_on=birthday(dob, 15),
                    end_on=birthday(dob, 18) - timedelta(days=1))
    allocate(person, staff["pa"])
    return person


def _fill_date(page, day):
    group = page.get_by_role("group", name="When did they tell you?")
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


@pytest.mark.parametrize("width", [1280, 390])
def test_pa_records_a_request_for_support_and_sees_the_status_change(
    page, staff, sign_in_as, jordan, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(staff["pa"]).goto(f"/young-people/{jordan.pk}/care-history/")
    main = page.locator("main")
    assert Status.ENTITLED_ON_REQUEST.label in main.inner_text()

    page.get_by_role("button",
                     name="Record that they asked for support, or no longer want it").click()
    page.get_by_role("heading", name="Record a request for support or an opt-out").wait_for()
    page.get_by_label("They asked for support").check()
    _fill_date(page, timezone.localdate() + timedelta(days=2))
    page.get_by_role("button", name="Save").click()

    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    message = "The date they asked for support must be today or in the past"
    assert message in page.locator("#on-error, .govuk-error-message").first.inner_text()
    assert_accessible(page, f"support-request-error-{width}")
    summary.get_by_role("link", name=message).click()
    assert page.evaluate("document.activeElement.id") == "id_on"

    asked_on = timezone.localdate() - timedelta(days=1)
    _fill_date(page, asked_on)
    page.get_by_label("Notes (optional)").fill("Rang the duty line about a deposit for a flat.")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("heading", name="Care history and status").wait_for()
    text = main.inner_text()
    assert f"Their status is now {Status.RETURNER_21_25.label}" in text
    status_card = page.locator(".govuk-summary-card").first.inner_text()
    assert Status.RETURNER_21_25.label in status_card
    assert f"Asked for support on {long_date(asked_on)}" in status_card
    support = page.get_by_role("table", name="Support after 21").inner_text()
    assert long_date(asked_on) in support and "They asked for support" in support
    assert str(staff["pa"]) in support
    history = page.get_by_role("table", name="Status history").inner_text()
    assert f"Asked for support on {long_date(asked_on)}" in history
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert_accessible(page, f"support-request-saved-{width}")
