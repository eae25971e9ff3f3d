"""A manager authorising a review sees what changed since the last authorised plan: which parts
changed and what they said before, the actions added and done, and an action carried over past
its date flagged as overdue. On a desktop screen and on a phone-sized one, and axe finds
nothing on either."""

import re
from datetime import timedelta

import pytest

from eligibility.rules import Status
from pathways.models import PlanAction
from pathways.services import (
    plan_action_add,
    plan_action_update,
    plan_authorise,
    plan_submit,
    plan_update,
)
from tests.advisers.people import allocate
from tests.browser.conftest import assert_accessible
from tests.pathways.plan_setup import days_ago, today, written_plan, young_person

pytestmark = pytest.mark.django_db(transaction=True)

OLD_HOME = "Stay in the flat on Mill Lane until the tenancy comes up."
NEW_HOME = "Move to the supported flat on Bridge Street in March."


@pytest.fixture
def review(staff, teams):
    """Ami's plan 1, reviewed 170 days ago with three actions; plan 2, the review their Personal
    Adviser has sent: a new home, one action done, one new, one carried over and past its date."""
    person = young_person(teams["north"], Status.FORMER_RELEVANT, first_name="Amani",
                          last_name="Okafor", preferred_name="Ami")
    allocate(person, staff["pa"])
    first = written_plan(person, staff["pa"], held_on=days_ago(170), accommodation=OLD_HOME,
                         education="Apply to Kirklees College for plumbing.")
    for section, what, due_on in [
        ("education", "Go to the college open day", days_ago(12)),
        ("money", "Open a bank account", days_ago(30)),
        ("health", "Register with a dentist", today() + timedelta(days=21)),
    ]:
        plan_action_add(actor=staff["pa"], plan=first, section=section, who="Ami", what=what,
                        due_on=due_on)
    plan_authorise(actor=staff["manager"], plan=plan_submit(actor=staff["pa"], plan=first),
                   notify=False)

    plan = written_plan(person, staff["pa"], held_on=days_ago(2), accommodation=NEW_HOME)
    plan = plan_update(actor=staff["pa"], plan=plan, version=plan.version,
                       own_words="I want to be nearer college.")
    plan_action_update(
        actor=staff["pa"],
        action=PlanAction.objects.get(section__plan=plan, what="Open a bank account"), done=True,
    )
    plan_action_add(actor=staff["pa"], plan=plan, section="money", who="Personal Adviser",
                    what="Apply for the setting-up-home allowance",
                    due_on=today() + timedelta(days=10))
    return plan_submit(actor=staff["pa"], plan=plan)


def fits_the_screen(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_a_manager_sees_what_changed_before_authorising(page, staff, review, sign_in_as):
    sign_in_as(staff["manager"]).goto("/plans/queue/")
    page.get_by_role("link", name=re.compile("Decide plan 2 for Ami")).click()
    page.get_by_role("heading", name="Authorise or return plan 2").wait_for()

    changes = page.get_by_role("region", name="What has changed since plan 1")
    assert "2 of the 11 parts of the plan have changed" in changes.inner_text()
    where = changes.locator("#change-accommodation")
    assert "Changed" in where.inner_text()
    assert where.locator("ins").first.is_visible()
    assert "Bridge Street" in " ".join(where.locator("ins").all_inner_texts())
    assert "Mill Lane" in " ".join(where.locator("del").all_inner_texts())
    assert "No change" in changes.locator("#change-education").inner_text()

    before = where.get_by_text("See what it said before")
    assert not where.get_by_text(OLD_HOME, exact=True).is_visible()
    before.click()
    assert where.get_by_text(OLD_HOME, exact=True).is_visible()

    carried = page.get_by_role("table", name="Carried over, not done yet")
    late = carried.get_by_role("row", name=re.compile("Go to the college open day"))
    assert "Overdue" in late.inner_text() and "12 days late" in late.inner_text()
    assert "Overdue" not in carried.get_by_role(
        "row", name=re.compile("Register with a dentist")).inner_text()
    assert "Open a bank account" in page.get_by_role("table", name="Done since plan 1").inner_text()
    assert "Apply for the setting-up-home allowance" in page.get_by_role(
        "table", name="New actions").inner_text()
    assert "1 action carried over from plan 1 is overdue" in changes.inner_text()
    assert fits_the_screen(page)
    assert_accessible(page, "plan-decide-changes-desktop")

    page.set_viewport_size({"width": 390, "height": 844})
    assert changes.locator("#change-accommodation").get_by_text("Changed").is_visible()
    assert late.get_by_text("Overdue").is_visible()
    assert fits_the_screen(page)
    assert_accessible(page, "plan-decide-changes-phone")

    # Having seen the changes, the manager authorises the plan from the same page.
    page.get_by_label("Authorise the plan").check()
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text(re.compile(r"Plan 2 for Ami.* authorised")).wait_for()
