"""A young person's record in the browser: finding them, reading the record and care history,
adding someone and correcting their care history. axe finds nothing on any of these pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisers.services import contact_record
from careleavers.models import YoungPerson
from careleavers.services import young_person_update
from eligibility.services import care_facts_update, care_period_add
from tests.browser.conftest import assert_accessible
from tests.careleavers.records import add_young_person, allocate, years_ago

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def amani(staff, teams):
    person = add_young_person(
        team=teams["north"], actor=staff["manager"], first_name="Amani", last_name="Okafor",
        preferred_name="Ami", date_of_birth=years_ago(17, days=40), person_id="CL-4471",
        ethnicity="BAFR", uasc=True, languages="Tigrinya, English", phone="07700 900123",
        address="Flat 2, 14 Mill Lane\nHuddersfield\nHD1 2AB",
    )
    care_period_add(actor=staff["manager"], young_person=person, start_on=years_ago(3),
                    end_on=years_ago(3) + timedelta(days=14), short_break=True)
    care_period_add(actor=staff["manager"], young_person=person, start_on=years_ago(2),
                    end_on=timezone.localdate() - timedelta(days=20))
    care_facts_update(actor=staff["manager"], young_person=person, version=1,
                      in_education_or_training=True)
    allocate(person, staff["pa"])
    contact_record(actor=staff["pa"], young_person=person,
                   contact_at=timezone.now() - timedelta(days=6), contact_type="home_visit",
                   outcome="seen", seen_alone=True, location="Their flat",
                   notes="Talked about college and the bus pass.")
    return person


def test_pa_finds_a_young_person_and_reads_their_record(page, staff, sign_in_as, amani):
    sign_in_as(staff["pa"]).goto("/")
    page.get_by_role("link", name="Find a young person").click()
    page.get_by_label("Name, ID or words in a note").fill("okafor")
    page.get_by_role("button", name="Search").click()

    page.get_by_role("heading", name="1 young person found for ‘okafor’").wait_for()
    assert_accessible(page, "record-search-results")
    page.get_by_role("link", name="Amani Okafor").click()

    page.get_by_role("heading", name="Amani Okafor").wait_for()
    assert "Relevant" in page.locator(".moj-identity-bar").inner_text()
    assert "Left care on" in page.locator("#status").inner_text()
    assert "Status changed to Relevant" in page.locator(".moj-timeline").inner_text()
    assert_accessible(page, "record")

    page.get_by_role("navigation", name="Parts of the record").get_by_role(
        "link", name="Chronology").click()
    page.get_by_role("heading", name="Chronology", exact=True).wait_for()
    assert "Home visit" in page.locator(".moj-timeline").inner_text()

    page.get_by_role("navigation", name="Parts of the record").get_by_role(
        "link", name="Care history and status").click()
    page.get_by_role("heading", name="Care history and status").wait_for()
    assert "Short break" in page.locator("main").inner_text()
    assert_accessible(page, "care-history")


def test_pa_corrects_a_period_in_care_after_an_error(page, staff, sign_in_as, amani):
    sign_in_as(staff["pa"]).goto(f"/young-people/{amani.pk}/care-history/")
    page.get_by_role("button", name="Add a period in care").click()
    start = timezone.localdate() - timedelta(days=10)
    group = page.get_by_role("group", name="When did this period in care start?")
    group.get_by_label("Day").fill(str(start.day))
    group.get_by_label("Year").fill(str(start.year))
    page.get_by_label("No").check()
    page.get_by_role("button", name="Save period").click()

    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert_accessible(page, "care-period-errors")
    summary.get_by_role("link", name="The start date must include a month").click()
    assert page.evaluate("document.activeElement.id") == "id_start_on_1"

    page.locator("#id_start_on_1").fill(str(start.month))
    page.get_by_role("button", name="Save period").click()

    page.get_by_text("Period in care added. Their status is now Eligible.").wait_for()
    assert_accessible(page, "care-history-after-change")


def test_manager_changes_the_facts_behind_the_status(page, staff, sign_in_as, amani):
    sign_in_as(staff["manager"]).goto(f"/young-people/{amani.pk}/care-history/facts/")
    page.get_by_role("heading", name="Change the facts that decide their status").wait_for()
    assert_accessible(page, "care-facts")


def test_manager_adds_a_young_person_after_checking_for_duplicates(
    page, staff, sign_in_as, amani
):
    sign_in_as(staff["manager"]).goto("/young-people/add/")
    page.get_by_role("button", name="Save").click()
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible(page, "add-young-person-errors")

    page.get_by_label("Council ID").fill("CL-9000")
    page.get_by_label("First name").fill("Amanda")
    page.get_by_label("Last name").fill("Okafor")
    born = amani.date_of_birth
    group = page.get_by_role("group", name="Date of birth")
    group.get_by_label("Day").fill(str(born.day))
    group.get_by_label("Month").fill(str(born.month))
    group.get_by_label("Year").fill(str(born.year))
    page.get_by_role("group", name="Sex").get_by_label("Female").check()
    page.get_by_label("Ethnicity").select_option("BAFR")
    for question in ("Did they come to the UK", "Do they have a disability?",
                     "Is this a restricted record?"):
        page.get_by_role("group", name=question).get_by_label("No").check()
    page.get_by_role("button", name="Save").click()

    page.get_by_text("This young person may already have a record").wait_for()
    assert_accessible(page, "add-young-person-duplicates")
    page.get_by_label("This is a different person").check()
    page.get_by_role("button", name="Save").click()

    page.get_by_role("heading", name="Amanda Okafor").wait_for()
    assert YoungPerson.objects.filter(person_id="CL-9000").exists()


def test_manager_changes_their_details(page, staff, sign_in_as, amani):
    sign_in_as(staff["manager"]).goto(f"/young-people/{amani.pk}/")
    page.get_by_role("button", name="Change details").click()
    page.get_by_role("heading", name="Change their details").wait_for()
    assert_accessible(page, "edit-young-person")
    page.get_by_label("Phone number (optional)").fill("07700 900999")
    page.get_by_role("button", name="Save").click()

    page.get_by_text("Their details have been saved").wait_for()
    assert "07700 900999" in page.locator("main").inner_text()


def test_a_stale_change_keeps_what_was_typed_and_shows_the_other_change(
    page, staff, sign_in_as, amani
):
    sign_in_as(staff["manager"]).goto(f"/young-people/{amani.pk}/edit/")
    page.get_by_label("Languages (optional)").fill("Tigrinya, English, Arabic")
    # Meanwhile their Personal Adviser saves a new address.
    young_person_update(actor=staff["pa"], young_person=amani, version=amani.version,
                        today=timezone.localdate(), address="5 New Road\nHuddersfield")
    page.get_by_role("button", name="Save").click()

    page.get_by_text("Someone else changed this record while you were editing").first.wait_for()
    assert page.get_by_label("Languages (optional)").input_value() == "Tigrinya, English, Arabic"
    assert "5 New Road" in page.locator("#their-changes").inner_text()
    assert_accessible(page, "edit-young-person-stale")

    page.get_by_role("button", name="Save").click()
    page.get_by_text("Their details have been saved").wait_for()
    amani.refresh_from_db()
    assert amani.languages == "Tigrinya, English, Arabic"
    assert amani.address == "5 New Road\nHuddersfield"
