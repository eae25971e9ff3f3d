import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from careleavers.models import Role
from eligibility.rules import Status
from tests.advisers.people import allocate, days_ago, today, young_person
from tests.browser.conftest import assert_accessible
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def midday():
    """The whole test at midday, with the clock running: a move made either side of midnight
    would end the old allocation on another day than the one asserted."""
    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(12)))
    with time_machine.travel(noon, tick=True):
        yield


@pytest.fixture
def leaving(midday, staff, teams):
    """Four young people whose Personal Adviser is leaving, and a colleague's young person."""
    north = teams["north"]
    names = [("Jo", "Bloggs"), ("Sam", "Okafor"), ("Mia", "Clarke"), ("Lee", "Wong")]
    people = [young_person(north, Status.FORMER_RELEVANT, first_name=first, last_name=last)
              for first, last in names]
    for person in people:
        allocate(person, staff["pa"], start_on=days_ago(300))
    allocate(young_person(north, Status.RELEVANT, first_name="Ana", last_name="Costa"),
             staff["colleague"])
    return people


WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.mark.parametrize("width", WIDTHS)
def test_manager_shares_a_leaving_advisers_young_people_between_two_colleagues(
    page, staff, teams, leaving, sign_in_as, width
):
    third = StaffFactory(username="third", full_name="Kwame Mensah",
                         role=Role.PERSONAL_ADVISER, teams=[teams["north"]])
    pa, colleague = staff["pa"], staff["colleague"]
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    sign_in_as(staff["manager"]).goto("/")
    if width == "phone":
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Team", exact=True).click()
    page.get_by_role("heading", name="North team").wait_for()
    advisers = page.get_by_role("table", name=re.compile("each Personal Adviser holds"))
    advisers.get_by_role("row").filter(has_text=pa.get_full_name()).get_by_role(
        "link", name=re.compile("Move their young people")).click()

    page.get_by_role("heading", name="Move young people to another Personal Adviser").wait_for()
    for person in leaving:
        assert page.get_by_label(person.display_name).is_checked()
    assert not page.get_by_label("Ana Costa").is_checked()
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert_accessible(page, f"team-move-{width}")

    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()
    assert page.get_by_role("link", name="Select who they are moving to").is_visible()
    assert_accessible(page, f"team-move-errors-{width}")

    # The first two to a colleague...
    page.get_by_label("Mia Clarke").uncheck()
    page.get_by_label("Lee Wong").uncheck()
    page.get_by_label("Who are they moving to?").select_option(str(colleague.pk))
    page.get_by_label("Reason").fill("Personal Adviser leaving the service")
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("heading", name="Check before you move 2 young people").wait_for()
    moving = page.get_by_role("table", name="Who moves").inner_text()
    assert "Jo Bloggs" in moving and "Sam Okafor" in moving and "Mia Clarke" not in moving
    assert pa.get_full_name() in moving and colleague.get_full_name() in moving
    assert long_date(today()) in moving
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert_accessible(page, f"team-move-check-{width}")
    page.get_by_role("button", name="Move 2 young people").click()

    page.get_by_text(f"{colleague.get_full_name()} is the Personal Adviser for 2 young people")\
        .wait_for()
    # ...and the rest, still chosen, to another.
    assert page.get_by_label("Mia Clarke").is_checked()
    assert page.get_by_label("Lee Wong").is_checked()
    assert not page.get_by_label("Jo Bloggs").is_checked()
    assert_accessible(page, f"team-move-after-first-{width}")
    page.get_by_label("Who are they moving to?").select_option(str(third.pk))
    page.get_by_label("Reason").fill("Personal Adviser leaving the service")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Move 2 young people").click()
    page.get_by_text("Kwame Mensah is the Personal Adviser for 2 young people").wait_for()

    page.goto(f"/young-people/{leaving[2].pk}/allocation/")
    history = page.get_by_role("table", name=re.compile("Everyone who has been"))
    rows = history.get_by_role("row")
    new = rows.filter(has_text="Kwame Mensah").inner_text()
    old = rows.filter(has_text=pa.get_full_name()).inner_text()
    assert long_date(today()) in new and "Now" in new
    assert long_date(today() - timedelta(days=1)) in old
    assert "Personal Adviser leaving the service" in old
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert_accessible(page, f"team-move-history-{width}")
