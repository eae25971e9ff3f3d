"""A team manager sorts everyone in a team of 51 by Personal Adviser and turns to the second
page: the page opens at the list each time, and stays accessible."""

import pytest

from tests.browser.conftest import assert_accessible
from tests.crowd import crowd
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_sorts_everyone_in_the_team_and_opens_the_second_page(page, staff, teams,
                                                                        sign_in_as):
    crowd(teams["north"], 30, pa=staff["pa"])
    zara = StaffFactory(full_name="Zara Adams", teams=[teams["north"]])
    crowd(teams["north"], 21, pa=zara, first_name="Later")

    sign_in_as(staff["manager"]).goto("/team/")
    everyone = page.get_by_role("table", name="Everyone in the team")
    assert everyone.locator("tbody tr").count() == 50
    assert "Showing 1 to 50 of 51 young people" in page.get_by_role("main").inner_text()

    everyone.get_by_role("link", name="Personal Adviser").click()
    page.wait_for_url("**sort=personal_adviser**#everyone")
    everyone.get_by_role("link", name="Personal Adviser").click()  # and the other way
    page.wait_for_url("**dir=desc**")
    assert everyone.locator('th[aria-sort="descending"]').inner_text().strip() == (
        "Personal Adviser")
    assert everyone.locator("tbody tr").first.inner_text().count("Zara Adams") == 1
    assert_accessible(page, "team-everyone-sorted")

    page.get_by_role("navigation", name="Pages of young people").get_by_role(
        "link", name="Next page").click()
    page.wait_for_url("**page=2**")
    assert "(page 2 of 2)" in page.title()
    assert everyone.locator("tbody tr").count() == 1
    assert staff["pa"].full_name in everyone.locator("tbody tr").first.inner_text()
    assert_accessible(page, "team-everyone-page-2")
