"""A team manager opens the dashboard, follows the overdue plans figure to the young people
behind it, and opens one of their records."""

import re

import pytest

from dashboard.snapshots import previous_month, snapshot_take
from eligibility.rules import Status
from tests.advisers.people import allocate, contact, days_ago, today, young_person
from tests.browser.conftest import assert_accessible
from tests.crowd import crowd
from tests.pathways.plan_setup import authorised_plan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def team(staff, teams):
    north, pa, manager = teams["north"], staff["pa"], staff["manager"]
    overdue = young_person(north, Status.FORMER_RELEVANT, first_name="Jo", last_name="Bloggs")
    allocate(overdue, pa)
    contact(overdue, pa, on=days_ago(20))
    authorised_plan(overdue, pa, manager, held_on=days_ago(200))
    in_time = young_person(north, Status.RELEVANT, first_name="Sam", last_name="Okafor")
    allocate(in_time, pa)
    authorised_plan(in_time, pa, manager, held_on=days_ago(30))
    young_person(north, Status.ELIGIBLE, first_name="Priya", last_name="Shah")
    young_person(teams["south"], Status.RELEVANT, first_name="Lee", last_name="Wong")
    month = previous_month(today())
    snapshot_take(month=previous_month(month))
    snapshot_take(month=month)
    return {"overdue": overdue}


def test_manager_follows_an_overdue_figure_to_a_young_persons_record(
    page, staff, team, sign_in_as
):
    sign_in_as(staff["manager"]).goto("/")
    page.get_by_role("link", name="Dashboard").click()

    page.get_by_role("heading", name="Dashboard", level=1).wait_for()
    plans = page.get_by_role("table", name="Pathway plans")
    overdue = plans.get_by_role("row").filter(has_text="Plan review overdue")
    assert overdue.get_by_role("link").inner_text().startswith("1")
    assert "33%" in overdue.inner_text()  # 1 of the 3 North team young people who need a plan
    assert "Lee Wong" not in page.content()
    assert page.locator("svg.app-chart").count() == 6
    assert_accessible(page, "dashboard")

    # Narrowed to one Personal Adviser's young people: Jo and Sam are theirs, Priya has none.
    page.get_by_label("Personal Adviser", exact=True).select_option(label=staff["pa"].full_name)
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(f"**adviser={staff['pa'].username}**")
    plans = page.get_by_role("table", name="Pathway plans")
    overdue = plans.get_by_role("row").filter(has_text="Plan review overdue")
    assert "50%" in overdue.inner_text()  # Jo, of the two of theirs who need a plan
    assert page.get_by_label("Personal Adviser", exact=True).input_value() == staff["pa"].username

    overdue.get_by_role("link").click()
    page.get_by_role("heading", name="Pathway plans: Plan review overdue").wait_for()
    assert "1 young person." in page.get_by_role("main").inner_text()
    assert page.get_by_role("link", name="Download this list as a spreadsheet (CSV)").count() == 1
    assert_accessible(page, "dashboard-overdue-plans")

    page.get_by_role("link", name="Jo Bloggs").click()
    page.get_by_role("heading", name="Jo Bloggs").first.wait_for()
    assert page.url.endswith(f"/young-people/{team['overdue'].pk}/") or "Jo Bloggs" in page.title()


def test_manager_filters_with_tags_sorts_a_list_and_turns_its_page(page, staff, teams,
                                                                   sign_in_as):
    """51 young people overdue a contact: the list is two pages, sorted on the server."""
    pa = staff["pa"]
    crowd(teams["north"], 51, pa=pa, seen_by=[pa, staff["colleague"]])

    sign_in_as(staff["manager"]).goto("/dashboard/")
    page.get_by_label("Personal Adviser", exact=True).select_option(label=pa.full_name)
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(f"**adviser={pa.username}**")
    page.get_by_role("heading", name="Selected filters").wait_for()
    tag = page.get_by_role("link", name=f"Remove this filter {pa.full_name}")
    assert tag.count() == 1
    assert_accessible(page, "dashboard-filter-chosen")

    page.locator('a[data-figure="contact.overdue"]').click()
    page.get_by_role("heading", name="Keeping in touch", level=1).wait_for()
    assert "Showing 1 to 50 of 51 young people" in page.get_by_role("main").inner_text()
    # Removed by its tag, the filter goes; the list stays the same figure.
    page.get_by_role("link", name=f"Remove this filter {pa.full_name}").click()
    page.wait_for_url(re.compile(r"figure=contact\.overdue$"))
    assert page.get_by_role("heading", name="Selected filters").count() == 0

    page.get_by_role("link", name="Next contact due").click()
    page.wait_for_url("**sort=contact_due_on**")
    sorted_heading = page.locator('th[aria-sort="ascending"]')
    assert sorted_heading.inner_text().strip() == "Next contact due"
    rows = page.get_by_role("table").locator("tbody tr")
    assert rows.first.get_by_role("link").inner_text() == "Person 50"  # the most overdue
    assert_accessible(page, "figure-list-sorted")

    page.get_by_role("link", name="Next page").click()
    page.wait_for_url("**page=2**")
    assert "(page 2 of 2)" in page.title()
    assert rows.count() == 1 and rows.first.get_by_role("link").inner_text() == "Person 00"
    assert page.locator('th[aria-sort="ascending"]').inner_text().strip() == "Next contact due"
    assert_accessible(page, "figure-list-page-2")
