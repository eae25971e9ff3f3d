import re
from datetime import timedelta

import pytest

from eligibility.rules import Status
from tests.advisers.people import allocate, contact, cover, days_ago, today, young_person
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def caseload(staff, teams):
    """A Personal Adviser's caseload: one overdue, one due soon, one fine, one covered."""
    north, pa = teams["north"], staff["pa"]
    overdue = young_person(north, Status.FORMER_RELEVANT, first_name="Jo", last_name="Bloggs")
    allocate(overdue, pa)
    contact(overdue, pa, on=days_ago(70))
    soon = young_person(north, Status.RELEVANT, first_name="Sam", last_name="Okafor")
    allocate(soon, pa)
    contact(soon, pa, on=days_ago(53), contact_type="phone", outcome="spoke")
    fine = young_person(north, Status.ELIGIBLE, first_name="Priya", last_name="Shah")
    allocate(fine, pa)
    contact(fine, pa, on=days_ago(5))
    covered = young_person(north, Status.RETURNER_21_25, first_name="Lee", last_name="Wong")
    allocate(covered, staff["colleague"])
    cover(covered, pa, end_on=days_ago(-10))
    return {"overdue": overdue, "soon": soon, "fine": fine, "covered": covered}


def test_personal_adviser_records_a_visit_and_sees_the_next_contact_date_move(
    page, staff, caseload, sign_in_as
):
    sign_in_as(staff["pa"]).goto("/")
    page.get_by_role("link", name="My caseload").click()

    page.get_by_role("heading", name="My caseload").wait_for()
    row = page.get_by_role("row").filter(has_text="Jo Bloggs")
    assert "Overdue" in row.inner_text()
    assert "Due in 3 days" in page.get_by_role("row").filter(has_text="Sam Okafor").inner_text()
    assert "Covering" in page.get_by_role("row").filter(has_text="Lee Wong").inner_text()
    assert_accessible(page, "my-caseload")

    row.get_by_role("link", name="Record a contact").click()
    page.get_by_role("heading", name="Record a contact").wait_for()
    assert_accessible(page, "contact-form")

    page.get_by_label("Home visit").check()
    page.get_by_label("Seen", exact=True).check()
    page.get_by_role("group", name="If you met in person, did you see them on their own?") \
        .get_by_label("Yes").check()
    page.get_by_label("Notes (optional)").fill("Settled in the new flat. Wants help with a CV.")
    page.get_by_role("button", name="Save contact").click()

    due = long_date(today() + timedelta(days=56))
    page.get_by_text(f"Contact recorded. Next contact due {due}").wait_for()
    assert page.url.endswith(f"/young-people/{caseload['overdue'].pk}/")
    assert_accessible(page, "record-after-contact")

    page.get_by_role("link", name="My caseload").click()
    row = page.get_by_role("row").filter(has_text="Jo Bloggs")
    assert due in row.inner_text()
    assert "Overdue" not in row.inner_text()


def test_a_contact_in_the_future_is_explained_next_to_the_date(page, staff, caseload,
                                                               sign_in_as):
    sign_in_as(staff["pa"]).goto(f"/young-people/{caseload['fine'].pk}/contacts/add/")
    tomorrow = today() + timedelta(days=1)
    page.get_by_label("Day").fill(str(tomorrow.day))
    page.get_by_label("Month").fill(str(tomorrow.month))
    page.get_by_label("Year").fill(str(tomorrow.year))
    page.get_by_label("Phone call").check()
    page.get_by_label("Spoke", exact=True).check()
    page.get_by_role("button", name="Save contact").click()

    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    summary.get_by_role("link", name="The date of the contact must be today or in the past").click()
    assert page.evaluate("document.activeElement.id") == "id_contact_at"
    assert_accessible(page, "contact-form-errors")


def test_manager_reallocates_a_young_person(page, staff, teams, caseload, sign_in_as):
    staff["pa"].caseload_capacity = 3
    staff["pa"].save()
    staff["colleague"].caseload_capacity = 20
    staff["colleague"].save()
    unallocated = young_person(teams["north"], Status.RELEVANT, first_name="Ana",
                               last_name="Costa")
    sign_in_as(staff["manager"]).goto("/")
    page.get_by_role("link", name="Team", exact=True).click()

    page.get_by_role("heading", name="North team").wait_for()
    advisers = page.get_by_role("table", name=re.compile("each Personal Adviser holds"))
    assert "3 of 3" in advisers.inner_text()
    assert "Ana Costa" in page.get_by_role(
        "table", name=re.compile("requires a Personal Adviser")).inner_text()
    assert_accessible(page, "team-caseload")

    page.goto(f"/young-people/{caseload['overdue'].pk}/allocation/")
    page.get_by_role("heading", name="Personal Adviser", exact=True).wait_for()
    assert_accessible(page, "allocation")

    page.get_by_label("New Personal Adviser").select_option(
        label=f"{staff['colleague'].get_full_name()} (1 of 20)"
    )
    page.get_by_label("Reason (optional)").first.fill("Moved to the east of the borough")
    page.get_by_role("button", name="Change Personal Adviser").click()

    page.get_by_text(f"{staff['colleague'].get_full_name()} is Jo Bloggs’s Personal Adviser")\
        .wait_for()
    history = page.get_by_role("table", name=re.compile("Everyone who has been"))
    assert long_date(today() - timedelta(days=1)) in history.inner_text()
    assert "Moved to the east of the borough" in history.inner_text()
    assert_accessible(page, "allocation-after-change")

    page.goto(f"/young-people/{unallocated.pk}/allocation/")
    page.get_by_role("button", name="Allocate").click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.get_by_text("Select a Personal Adviser").first.is_visible()
    assert_accessible(page, "allocation-errors")


def test_duty_manager_chooses_a_team(page, staff, teams, caseload, sign_in_as):
    sign_in_as(staff["duty"]).goto("/team/")

    page.get_by_label("Show another team").select_option(label="South")
    page.get_by_role("button", name="Show team").click()

    page.get_by_role("heading", name="South team").wait_for()
    assert_accessible(page, "team-caseload-duty")
