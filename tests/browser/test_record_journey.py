"""A Personal Adviser between visits, on a laptop and on a phone: finds a young person from a
word in a contact note, reads the overview, and opens the chronology narrowed to visits."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisers.services import contact_record
from tests.browser.conftest import assert_accessible
from tests.careleavers.records import add_young_person, allocate, years_ago

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture
def jordan(staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"], first_name="Jordan",
                              last_name="Reyes", date_of_birth=years_ago(19, days=30))
    allocate(person, staff["pa"])
    for days, kind, outcome, notes in [
        (30, "custody_visit", "seen", "Saw Jordan at the young offender institution: release "
                                      "date and a place to live talked through."),
        (12, "phone", "spoke", "Rang to check the housing application went in."),
        (3, "home_visit", "seen", "First visit at the new flat. Settling in well."),
    ]:
        contact_record(actor=staff["pa"], young_person=person,
                       contact_at=timezone.now() - timedelta(days=days), contact_type=kind,
                       outcome=outcome, seen_alone=True if kind != "phone" else None,
                       notes=notes)
    return person


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_pa_finds_someone_by_a_word_in_a_note_and_reads_their_visits(
    page, staff, sign_in_as, jordan, width
):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    sign_in_as(staff["pa"]).goto("/young-people/")
    page.get_by_label("Name, ID or words in a note").fill("offender institution")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Jordan Reyes").click()

    page.get_by_role("heading", name="Jordan Reyes").wait_for()
    assert not scrolls_sideways(page)
    assert_accessible(page, f"record-overview-{width}")

    page.get_by_role("navigation", name="Parts of the record").get_by_role(
        "link", name="Chronology").click()
    page.get_by_role("heading", name="Chronology", exact=True).wait_for()
    page.get_by_text("Filter the chronology").click()
    page.get_by_role("group", name="What happened").get_by_label("Visit", exact=True).check()
    page.get_by_role("button", name="Show entries").click()

    timeline = page.locator(".moj-timeline")
    timeline.wait_for()
    shown = timeline.inner_text()
    assert "young offender institution" in shown and "new flat" in shown
    assert "housing application" not in shown
    assert not scrolls_sideways(page)
    assert_accessible(page, f"record-chronology-visits-{width}")
