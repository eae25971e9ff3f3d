"""A pathway plan review from start to authorisation in the browser: the Personal Adviser starts
a review from the last plan, changes one part and sends it; their manager returns it with a
reason; the adviser sees the reason, fixes it and sends it again; a duty manager authorises it.
The due date on the record moves, and the plan downloads as a PDF that reads right (as text, and
looked at as an image). axe finds nothing on any page."""

import io
import re
import subprocess
from datetime import timedelta

import pytest
from pypdf import PdfReader

from eligibility.rules import Status, add_months
from pathways.services import plan_action_add, plan_authorise, plan_submit, plan_update
from tests.advisers.people import allocate
from tests.browser.conftest import SCREENSHOTS, assert_accessible
from tests.pathways.plan_setup import days_ago, today, written_plan, young_person

pytestmark = pytest.mark.django_db(transaction=True)


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def amani(staff, teams):
    """Plan 1, reviewed 170 days ago: the next review is due within the month."""
    person = young_person(teams["north"], Status.FORMER_RELEVANT, first_name="Amani",
                          last_name="Okafor", preferred_name="Ami")
    allocate(person, staff["pa"])
    plan = written_plan(person, staff["pa"], held_on=days_ago(170),
                        accommodation="Stay in the flat on Mill Lane.",
                        education="Apply to Kirklees College for plumbing.")
    plan = plan_update(actor=staff["pa"], plan=plan, version=plan.version,
                       own_words="I want to stay near my sister.",
                       aspirations="A dog, and a trip to the seaside.")
    plan_action_add(actor=staff["pa"], plan=plan, section="education", who="Ami",
                    what="Go to the college open day", due_on=today() + timedelta(days=14))
    plan_authorise(actor=staff["manager"], plan=plan_submit(actor=staff["pa"], plan=plan),
                   notify=False)
    return person


def test_a_review_is_written_returned_fixed_authorised_and_downloaded(
    page, staff, amani, sign_in_as, tmp_path
):
    # The Personal Adviser sees the review is due and starts it from the last plan.
    old_due = add_months(days_ago(170), 6)
    sign_in_as(staff["pa"]).goto(f"/young-people/{amani.pk}/")
    panel = page.locator("#pathway-plan")
    assert re.search(r"Due in \d+ days", panel.inner_text())
    assert f"Next review due {long_date(old_due)}" in panel.inner_text()
    assert_accessible(page, "plan-record-before")
    panel.get_by_role("button", name="Start a review").click()

    page.get_by_role("heading", name="Change plan 2").wait_for()
    assert page.get_by_text("Review started. Plan 2 is filled in from plan 1").is_visible()
    where = page.get_by_role("group", name="Where I live")
    assert where.get_by_label("What we agreed").input_value() == "Stay in the flat on Mill Lane."
    assert_accessible(page, "plan-edit")

    held = page.get_by_role("group", name="When was the review meeting held?")
    held.get_by_label("Day").fill(str(today().day))
    held.get_by_label("Month").fill(str(today().month))
    held.get_by_label("Year").fill(str(today().year))
    where.get_by_label("What we agreed").fill(
        "Move to the supported flat on Bridge Street in March.")
    page.get_by_role("button", name="Save and send for authorisation").click()

    page.get_by_text("Plan 2 sent for authorisation").wait_for()
    assert "Waiting for authorisation" in page.locator("main").inner_text()
    assert_accessible(page, "plan-sent")

    # Their team manager returns it: the reason is needed.
    sign_in_as(staff["manager"]).goto("/")
    page.get_by_role("link", name="Plans to authorise").click()
    page.get_by_role("heading", name="Plans to authorise").wait_for()
    assert_accessible(page, "plan-queue")
    page.get_by_role("link", name=re.compile("Decide plan 2 for Ami")).click()

    page.get_by_role("heading", name="Authorise or return plan 2").wait_for()
    assert "Move to the supported flat on Bridge Street in March." in page.locator(
        "main").inner_text()
    assert_accessible(page, "plan-decide")
    page.get_by_label("Return it for changes").check()
    page.get_by_role("button", name="Save decision").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "Enter what needs changing before you return the plan" in summary.inner_text()
    assert_accessible(page, "plan-decide-errors")
    page.get_by_label("What needs changing").fill("Add what Ami said about the move.")
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("returned to").wait_for()

    # The adviser sees why, fixes it and sends it again.
    sign_in_as(staff["pa"]).goto(f"/young-people/{amani.pk}/")
    page.locator("#pathway-plan").get_by_role("link", name="Plan 2").click()
    page.get_by_role("heading", name="Pathway plan 2").wait_for()
    assert "Add what Ami said about the move." in page.locator("#return-reasons").inner_text()
    assert_accessible(page, "plan-returned")
    page.get_by_role("button", name="Change the plan").click()
    page.get_by_role("heading", name="Change plan 2").wait_for()
    page.get_by_role("group", name="Where I live").get_by_label("What they said").fill(
        "I want to be nearer college, and my sister can help me move.")
    page.get_by_role("button", name="Save and send for authorisation").click()
    page.get_by_text("Plan 2 sent for authorisation").wait_for()

    # A duty manager, covering, authorises it.
    sign_in_as(staff["duty"]).goto("/plans/queue/")
    page.get_by_label("Team").select_option(label="North")
    page.get_by_role("button", name="Show plans").click()
    page.get_by_role("link", name=re.compile("Decide plan 2 for Ami")).click()
    page.get_by_label("Authorise the plan").check()
    page.get_by_role("button", name="Save decision").click()
    new_due = add_months(today(), 6)
    page.get_by_text(f"Their next review is due by {long_date(new_due)}").wait_for()
    assert_accessible(page, "plan-queue-after-decision")

    # The record shows the new due date; the plan downloads and reads right.
    sign_in_as(staff["pa"]).goto(f"/young-people/{amani.pk}/")
    panel = page.locator("#pathway-plan")
    assert f"Next review due {long_date(new_due)}" in panel.inner_text()
    assert "Up to date" in panel.inner_text()
    assert "Plan 2 authorised" in page.locator(".moj-timeline").inner_text()
    assert_accessible(page, "plan-record-after")

    panel.get_by_role("link", name="Plan 2").click()
    page.get_by_role("heading", name="Pathway plan 2").wait_for()
    assert_accessible(page, "plan-authorised")
    with page.expect_download() as download:
        page.get_by_role("link", name="Their copy, in plain words (PDF)").click()
    assert download.value.suggested_filename == "my-pathway-plan-2.pdf"
    path = tmp_path / "my-pathway-plan-2.pdf"
    download.value.save_as(path)

    text = "\n".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(
        path.read_bytes())).pages)
    assert text.index("In my own words") < text.index("I want to stay near my sister.")
    assert text.index("I want to stay near my sister.") < text.index("Where I live")
    assert "Move to the supported flat on Bridge Street in March." in text
    assert "I want to be nearer college, and my sister can help me move." in text
    assert "Go to the college open day" in text
    assert long_date(today() + timedelta(days=14)) in text
    assert long_date(new_due) in text

    # Looked at as an image: the first page, at screen resolution.
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(path), str(SCREENSHOTS / "plan-pdf-young-person")], check=True)
    assert (SCREENSHOTS / "plan-pdf-young-person.png").stat().st_size > 5_000

    with page.expect_download() as download:
        page.get_by_role("link", name="The full plan for the file (PDF)").click()
    assert download.value.suggested_filename == "pathway-plan-2.pdf"
    full = tmp_path / "pathway-plan-2.pdf"
    download.value.save_as(full)
    full_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        full.read_bytes())).pages)
    assert f"Authorised by {staff['duty'].get_full_name()}" in re.sub(r"\s+", " ", full_text)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                    str(full), str(SCREENSHOTS / "plan-pdf-full")], check=True)


def test_the_plan_list_early_review_and_needs_assessment_pages_are_accessible(
    page, staff, amani, sign_in_as
):
    sign_in_as(staff["pa"]).goto(f"/young-people/{amani.pk}/plans/")
    page.get_by_role("heading", name="Pathway plans").wait_for()
    assert_accessible(page, "plan-list")

    page.get_by_role("link", name="Ask for an early review").click()
    page.get_by_role("heading", name="Ask for an early review").wait_for()
    page.get_by_role("button", name="Ask for an early review").click()
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible(page, "early-review-errors")
    page.get_by_label("The young person asked").check()
    page.get_by_role("button", name="Ask for an early review").click()
    page.get_by_text("Early review asked for. It is due by").wait_for()

    page.get_by_role("button", name="Start a needs assessment").click()
    page.get_by_role("heading", name="Needs assessment").wait_for()
    assert_accessible(page, "needs-assessment")
    page.get_by_role("button", name="Save and complete the assessment").click()
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible(page, "needs-assessment-errors")



def test_actions_are_added_from_the_plan_without_losing_what_was_typed(
    page, staff, amani, sign_in_as
):
    sign_in_as(staff["pa"]).goto(f"/young-people/{amani.pk}/plans/")
    page.get_by_role("button", name="Start a review").click()
    page.get_by_role("heading", name="Change plan 2").wait_for()
    money = page.get_by_role("group", name="Money and what I can get")
    money.get_by_label("What we agreed").fill("Apply for the setting-up-home allowance.")
    page.get_by_role("button", name="Save and add an action").click()

    page.get_by_role("heading", name="Add an action").wait_for()
    page.get_by_label("Which part of the plan is it for?").select_option(
        label="Money and what I can get")
    page.get_by_role("button", name="Save action").click()
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible(page, "plan-action-errors")
    page.get_by_label("Who will do it").fill("Personal Adviser")
    page.get_by_label("What they will do").fill("Send the allowance form")
    due = today() + timedelta(days=10)
    page.get_by_label("Day").fill(str(due.day))
    page.get_by_label("Month").fill(str(due.month))
    page.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Save action").click()

    page.get_by_text("Action added").wait_for()
    actions = page.get_by_role("table", name=re.compile("Actions"))
    assert "Send the allowance form" in actions.inner_text()
    assert long_date(due) in actions.inner_text()
    assert page.get_by_role("group", name="Money and what I can get").get_by_label(
        "What we agreed").input_value() == "Apply for the setting-up-home allowance."
    assert_accessible(page, "plan-edit-with-actions")
