"""Where a young person lives, in the browser: a Personal Adviser records a move to supported
lodgings with a suitability assessment, then a move into custody, and the team manager sees the
alert and marks it as seen. axe finds nothing on any of these pages."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accommodation.models import AccommodationEpisode, SuitabilityAssessment
from accommodation.rules import SCHEDULE_2_FACTORS
from accommodation.services import accommodation_record
from tests.browser.conftest import assert_accessible
from tests.careleavers.records import add_young_person, allocate, years_ago
from tests.eet.activities import activity

pytestmark = pytest.mark.django_db(transaction=True)


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def jo(staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"], first_name="Jo",
                              last_name="Bloggs", date_of_birth=years_ago(19, days=40))
    allocate(person, staff["pa"])
    accommodation_record(actor=staff["pa"], young_person=person, start_on=years_ago(1),
                         type_code="D", council_provided=True, provider="Step Up Housing")
    activity(person, "F2", start_on=years_ago(1), hours_per_week=18,
             course_or_job="Level 2 Plumbing", provider_or_employer="Northfield College")
    return person


def test_pa_records_a_move_with_an_assessment_and_a_move_into_custody_alerts_the_manager(
    page, staff, sign_in_as, jo
):
    today = timezone.localdate()
    sign_in_as(staff["pa"]).goto(f"/young-people/{jo.pk}/")
    panel = page.locator("#accommodation")
    assert "Semi-independent or supported accommodation" in panel.inner_text()
    assert "Other education, full time" in page.locator("#education-and-work").inner_text()
    assert_accessible(page, "record-with-accommodation")

    # A move to supported lodgings, provided by the council.
    panel.get_by_role("link", name="Record a move").click()
    page.get_by_role("heading", name="Record a move").wait_for()
    assert_accessible(page, "accommodation-move-form")
    page.get_by_label("Supported lodgings (E)").check()
    moved_in = today - timedelta(days=3)
    moved = page.get_by_role("group", name="When did they move in?")
    moved.get_by_label("Day").fill(str(moved_in.day))
    moved.get_by_label("Month").fill(str(moved_in.month))
    moved.get_by_label("Year").fill(str(moved_in.year))
    page.get_by_label("Address (optional)").fill("Flat 2, 14 Mill Lane\nNorthfield")
    page.get_by_label("Postcode (optional)").fill("zz1 2ab")
    page.get_by_label("Provider or landlord (optional)").fill("Demo supported lodgings scheme")
    page.get_by_role("group", name="Does the council provide it?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save").click()

    # Straight on to whether it is suitable.
    page.get_by_role("heading", name="Is the accommodation suitable?").wait_for()
    due = long_date(moved_in + timedelta(days=7))
    assert f"Visit them there by {due}" in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("button", name="Save assessment").click()
    page.get_by_role("heading", name="Is the accommodation suitable?").wait_for()
    assert "Select whether the accommodation is suitable" in page.locator(
        ".govuk-error-summary").inner_text()
    assert_accessible(page, "accommodation-assessment-errors")
    for question in SCHEDULE_2_FACTORS.values():
        page.get_by_role("group", name=question).get_by_label("Yes").check()
    page.get_by_label("What do they think of it? (optional)").fill("I like my room.")
    page.get_by_label("Suitable", exact=True).check()
    page.get_by_label("Why?").fill("Safe, near college, and she gets on with the host.")
    assert_accessible(page, "accommodation-assessment-form")
    page.get_by_role("button", name="Save assessment").click()

    page.get_by_text("Assessment saved: the accommodation is suitable").wait_for()
    panel = page.locator("#accommodation")
    text = panel.inner_text()
    assert "Supported lodgings" in text and "ZZ1 2AB" in text
    assert f"Visit due by {due}" in text and "E1" in text
    assert_accessible(page, "record-after-move")
    assert SuitabilityAssessment.objects.get().outcome == "suitable"

    # Then a move into custody.
    panel.get_by_role("link", name="Record a move").click()
    page.get_by_label("In custody (X)").check()
    page.get_by_label("Provider or landlord (optional)").fill("HMP YOI Demo")
    page.get_by_role("group", name="Does the council provide it?").get_by_label("No").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Their team manager has been told.").wait_for()
    page.get_by_role("link", name="Assess it later").click()
    assert "Team manager alerted" in page.locator("#accommodation").inner_text()
    assert AccommodationEpisode.objects.get(end_on__isnull=True).type_code == "X"

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [staff["manager"].email]
    assert jo.person_id in mail.outbox[0].body

    # The team manager sees it and marks it as seen.
    sign_in_as(staff["manager"]).goto("/")
    page.get_by_role("link", name="Placement alerts").click()
    page.get_by_role("heading", name="Placements needing a manager").wait_for()
    row = page.get_by_role("row").filter(has_text="Jo Bloggs")
    assert "In custody" in row.inner_text()
    assert staff["pa"].get_full_name() in row.inner_text()
    assert_accessible(page, "placement-alerts")
    row.get_by_role("button", name="Mark as seen").click()
    page.get_by_text("Marked as seen: Jo Bloggs, in custody").wait_for()
    assert "No placements are waiting for a manager" in page.locator("main").inner_text()
    assert_accessible(page, "placement-alerts-after-seen")


def test_history_pages_are_accessible(page, staff, sign_in_as, jo):
    sign_in_as(staff["pa"]).goto(f"/young-people/{jo.pk}/")
    page.get_by_role("link", name="Accommodation history").click()
    page.get_by_role("heading", name="Where they live").wait_for()
    assert_accessible(page, "accommodation-history")

    page.goto(f"/young-people/{jo.pk}/")
    page.get_by_role("link", name="Education and work history").click()
    page.get_by_role("heading", name="Education, work and training").wait_for()
    assert_accessible(page, "eet-history")
    page.get_by_role("button", name="Record what they are doing").click()
    page.get_by_label("An apprenticeship").check()
    page.get_by_label("Hours a week").fill("12")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved: apprenticeship, part time").wait_for()
    assert "Apprenticeship, part time" in page.locator("#education-and-work").inner_text()
