"""A PA's home page shows what needs doing; following it opens the young person's record."""

import pytest

from alerts.alerts import alerts_sync
from tests.advisers.people import allocate, contact, days_ago, today, young_person
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_pa_follows_what_needs_doing_to_the_young_persons_record(
    page, staff, teams, sign_in_as
):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    contact(person, staff["pa"], on=days_ago(90))
    alerts_sync(on=today())

    sign_in_as(staff["pa"]).goto("/")

    page.get_by_role("heading", name="What needs doing").wait_for()
    table = page.get_by_role("table", name="Not in touch within the standard (1)")
    assert "Last seen or spoken to" in table.inner_text()
    assert_accessible(page, "home-what-needs-doing")

    table.get_by_role("link", name="Jo Bloggs").click()
    page.get_by_role("heading", name="Jo Bloggs").first.wait_for()
    assert page.url.endswith(f"/young-people/{person.pk}/")
