"""A Personal Adviser records that a young person who came to the country alone was granted
refugee status that ends in 60 days, on a wide screen and a phone: a leave end before the grant is
refused next to the field, and once saved their home page says the leave ends soon and that
there is a decision to act on. axe finds nothing on the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from careleavers.dates import long_date
from tests.browser.conftest import assert_accessible
from tests.immigration.positions import uasc_person, waiting

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dawit(staff, teams):
    person = uasc_person(teams["north"], staff["pa"], first_name="Dawit", last_name="Tesfay")
    waiting(person, actor=staff["pa"], since=timezone.localdate() - timedelta(days=300))
    return person


def _fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


@pytest.mark.parametrize("width", [1280, 390])
def test_pa_records_leave_granted_and_sees_it_ends_soon_on_their_home_page(
    page, staff, sign_in_as, dawit, width
):
    today = timezone.localdate()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(staff["pa"]).goto(f"/young-people/{dawit.pk}/immigration/")
    page.get_by_role("heading", name="Immigration", exact=True).wait_for()
    assert "Claim made, waiting for a decision" in page.locator("main").inner_text()
    assert_accessible(page, f"immigration-page-{width}")

    page.get_by_role("button", name="Record a change").click()
    page.get_by_role("heading", name="Record a change to their immigration position").wait_for()
    page.get_by_label("Allowed to stay (leave granted)").check()
    _fill_date(page, "Since when?", today - timedelta(days=1))
    page.get_by_label("Refugee status").check()
    _fill_date(page, "When was their leave granted?", today - timedelta(days=1))
    _fill_date(page, "When does their leave end?", today - timedelta(days=2))
    page.get_by_label("Home Office reference (optional)").fill("h1234567")
    page.get_by_role("button", name="Save").click()

    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    message = "The date their leave ends must be after it was granted"
    assert message in page.locator(".govuk-error-message").first.inner_text()
    assert message in summary.inner_text()
    assert_accessible(page, f"immigration-error-{width}")

    ends_on = today + timedelta(days=60)
    _fill_date(page, "When does their leave end?", ends_on)
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Immigration", exact=True).wait_for()
    main = page.locator("main").inner_text()
    assert "Refugee status granted, since" in main
    assert long_date(ends_on) in main
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert_accessible(page, f"immigration-saved-{width}")

    page.goto("/")
    doing = page.locator("main").inner_text()
    assert "Leave to remain ends soon (1)" in doing
    assert f"Refugee status ends {long_date(ends_on)}" in doing
    assert "Immigration decision to act on (1)" in doing
    assert "Dawit Tesfay" in doing
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert_accessible(page, f"immigration-home-{width}")
