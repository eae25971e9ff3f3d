"""What a manager sees when authorising a plan: each part of the plan changed or not since the
young person's last authorised plan, what it said before, the actions added, done and taken off,
and the actions carried over whose date has passed flagged as overdue. A first plan says there is
nothing to compare it with. The comparison is always with the latest authorised plan."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from pathways.models import PlanAction, PlanState, Section
from pathways.selectors import changes_since_last_authorised, word_changes
from pathways.services import (
    plan_action_add,
    plan_action_remove,
    plan_action_update,
    plan_authorise,
    plan_return,
    plan_submit,
    plan_update,
)
from tests.advisers.people import allocate
from tests.pathways.plan_setup import days_ago, snapshot, today, written_plan, young_person

pytestmark = pytest.mark.django_db

FLAT = "Stay in the flat on Mill Lane until the tenancy comes up."
COLLEGE = "Apply to the college for the plumbing course."


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"])
    allocate(person, staff["pa"])
    return person


def authorised_with_actions(person, staff, *, held_on, actions=(), **sections):
    """A plan written by the PA with `actions` ((section, who, what, due on, done)), sent and
    authorised by the team manager."""
    plan = written_plan(person, staff["pa"], held_on=held_on, **sections)
    for section, who, what, due_on, done in actions:
        plan_action_add(actor=staff["pa"], plan=plan, section=section, who=who, what=what,
                        due_on=due_on, done=done)
    return plan_authorise(actor=staff["manager"], plan=plan_submit(actor=staff["pa"], plan=plan),
                          notify=False)


def action_on(plan, what) -> PlanAction:
    return PlanAction.objects.get(section__plan=plan, what=what)


def decide_page(client, user, plan) -> str:
    client.force_login(user)
    response = client.get(reverse("plan-decide", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def part_row(page, key) -> str:
    """The row of the comparison for one part of the plan."""
    match = re.search(rf'<div class="govuk-summary-list__row" id="change-{key}">(.*?)</dd>',
                      page, re.DOTALL)
    assert match, f"no row for {key}"
    return match[1]


def table(page, table_id) -> str:
    match = re.search(rf'<table class="[^"]*" id="{table_id}">(.*?)</table>', page,
                      re.DOTALL)
    return match[1] if match else ""


def rows(table_html) -> list[str]:
    """Each body row's text, tags and all, with the markup and extra spaces taken out."""
    body = table_html.split("<tbody", 1)[-1]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split())
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.DOTALL)]


# --- the words that changed ----------------------------------------------------------------------


def test_words_put_in_and_taken_out_are_marked_in_reading_order():
    assert word_changes("Stay in the flat on Mill Lane.", "Stay in the flat on Bridge Street.") == [
        ("same", "Stay in the flat on "), ("removed", "Mill Lane."), ("same", " "),
        ("added", "Bridge Street."),
    ]
    assert word_changes("Find a course", "Find a plumbing course") == [
        ("same", "Find a "), ("added", "plumbing"), ("same", " course"),
    ]
    assert word_changes("See the GP about sleep", "See the GP") == [
        ("same", "See the GP "), ("removed", "about sleep"),
    ]


def test_text_written_for_the_first_time_or_cleared_is_all_added_or_all_removed():
    assert word_changes("", "Save for a deposit.") == [("added", "Save for a deposit.")]
    assert word_changes("Save for a deposit.", "") == [("removed", "Save for a deposit.")]
    assert word_changes("", "") == []


def test_line_breaks_and_spaces_at_line_ends_are_not_changes():
    assert word_changes("One thing.\r\nAnother.  ", "One thing.\nAnother.") == [
        ("same", "One thing.\nAnother.")]


# --- the parts of the plan -----------------------------------------------------------------------


def test_each_part_says_whether_it_changed_since_the_last_authorised_plan(person, staff):
    authorised_with_actions(person, staff, held_on=days_ago(90), accommodation=FLAT,
                            education=COLLEGE)
    review = written_plan(person, staff["pa"], held_on=days_ago(3), submit=True,
                          accommodation="Move to the supported flat on Bridge Street in March.")

    changes = changes_since_last_authorised(review)

    assert [part.key for part in changes.parts] == ["about", *Section.values]
    assert {part.key for part in changes.parts if part.changed} == {"accommodation"}
    (where,) = changes.changed_parts
    (agreed,) = where.changed_texts
    assert (agreed.label, agreed.before, agreed.after) == (
        "What we agreed", FLAT, "Move to the supported flat on Bridge Street in March.")


def test_the_page_tags_changed_and_unchanged_parts_and_shows_what_it_said_before(
    client, person, staff
):
    authorised_with_actions(person, staff, held_on=days_ago(90), accommodation=FLAT,
                            education=COLLEGE)
    review = written_plan(person, staff["pa"], held_on=days_ago(3),
                          accommodation="Stay in the flat on Bridge Street until March.")
    review = plan_update(actor=staff["pa"], plan=review, version=review.version,
                         own_words="I want to live nearer my sister.")
    plan_submit(actor=staff["pa"], plan=review)

    page = decide_page(client, staff["manager"], review)

    assert "What has changed since plan 1" in page
    assert "2 of the 11 parts of the plan have changed" in page
    where = part_row(page, "accommodation")
    assert "Where I live" in where and "Changed" in where and "No change" not in where
    assert ('<del><span class="govuk-visually-hidden">removed: </span>Mill Lane</del>' in where)
    assert '<ins><span class="govuk-visually-hidden">added: </span>Bridge Street</ins>' in where
    assert "See what it said before" in where and FLAT in where
    about = part_row(page, "about")
    assert "Changed" in about and "In their own words" in about
    assert "Nothing was written here in plan 1." in about
    education = part_row(page, "education")
    assert "No change" in education and "Changed" not in education
    assert "See what it said before" not in education


def test_a_first_plan_says_there_is_nothing_to_compare_it_with(client, person, staff):
    first = written_plan(person, staff["pa"], submit=True)

    assert changes_since_last_authorised(first).is_first_plan
    page = decide_page(client, staff["manager"], first)
    assert "This is their first plan: there is nothing to compare it with." in page
    assert "No change" not in page and "Changed" not in page


# --- actions -------------------------------------------------------------------------------------


@pytest.fixture
def review_with_actions(person, staff):
    """Plan 1 (reviewed 90 days ago) with five actions; plan 2, a review sent for authorisation,
    in which one carried action is now done, one is taken off and one is new."""
    authorised_with_actions(person, staff, held_on=days_ago(90), accommodation=FLAT, actions=[
        ("accommodation", "Personal Adviser", "Ask the landlord about the boiler",
         days_ago(40), False),
        ("education", "Ami", "Go to the college open day", today() + timedelta(days=20), False),
        ("money", "Ami", "Open a bank account", days_ago(60), False),
        ("health", "Ami", "Register with a dentist", days_ago(70), False),
        ("skills", "Ami", "Learn to cook three meals", days_ago(80), True),
    ])
    review = written_plan(person, staff["pa"], held_on=days_ago(3))
    plan_action_update(actor=staff["pa"], action=action_on(review, "Open a bank account"),
                       done=True)
    plan_action_remove(actor=staff["pa"], action=action_on(review, "Register with a dentist"))
    plan_action_add(actor=staff["pa"], plan=review, section="money", who="Personal Adviser",
                    what="Apply for the setting-up-home allowance",
                    due_on=today() + timedelta(days=10))
    return plan_submit(actor=staff["pa"], plan=review)


def test_actions_new_done_taken_off_and_carried_over_are_told_apart(review_with_actions):
    changes = changes_since_last_authorised(review_with_actions)

    assert [a.what for a in changes.new_actions] == ["Apply for the setting-up-home allowance"]
    assert [a.what for a in changes.done_actions] == ["Open a bank account"]
    assert [a.what for a in changes.removed_actions] == ["Register with a dentist"]
    # In the plan's order: education comes before where they live.
    assert [a.what for a in changes.carried_actions] == [
        "Go to the college open day", "Ask the landlord about the boiler"]
    # Done in plan 1, so never carried: not new, not done since, not taken off.
    assert "Learn to cook three meals" not in {
        a.what for a in changes.new_actions + changes.done_actions + changes.removed_actions}


def test_a_carried_over_action_past_its_date_is_overdue_and_a_done_or_future_one_is_not(
    client, staff, review_with_actions
):
    changes = changes_since_last_authorised(review_with_actions)
    late = {action.what: action.days_late for action in changes.carried_actions}
    assert late == {"Ask the landlord about the boiler": 40, "Go to the college open day": None}
    assert [action.days_late for action in changes.done_actions] == [None]

    page = decide_page(client, staff["manager"], review_with_actions)

    carried = rows(table(page, "actions-carried"))
    assert carried == [
        f"Education and training Ami Go to the college open day "
        f"{(today() + timedelta(days=20)).day} {today() + timedelta(days=20):%B %Y}",
        f"Where I live Personal Adviser Ask the landlord about the boiler "
        f"{days_ago(40).day} {days_ago(40):%B %Y} Overdue 40 days late",
    ]
    assert 'govuk-tag govuk-tag--red">Overdue' in table(page, "actions-carried")
    assert "Overdue" not in table(page, "actions-done")
    assert rows(table(page, "actions-done"))[0].startswith(
        "Money and what I can get Ami Open a bank account")
    assert "Register with a dentist" in table(page, "actions-removed")
    assert "Apply for the setting-up-home allowance" in table(page, "actions-new")
    assert "1 action carried over from plan 1 is overdue and not done." in page


def test_an_action_due_today_is_not_yet_overdue(person, staff):
    authorised_with_actions(person, staff, held_on=days_ago(90), actions=[
        ("education", "Ami", "Send the college form", days_ago(1), False)])
    review = written_plan(person, staff["pa"], held_on=days_ago(3), submit=True)

    assert changes_since_last_authorised(review, on=days_ago(1)).overdue_actions == []
    (late,) = changes_since_last_authorised(review, on=today()).overdue_actions
    assert late.days_late == 1


def test_an_action_given_a_new_date_says_when_it_was_due(client, person, staff):
    authorised_with_actions(person, staff, held_on=days_ago(90), actions=[
        ("education", "Ami", "Send the college form", days_ago(30), False)])
    review = written_plan(person, staff["pa"], held_on=days_ago(3))
    plan_action_update(actor=staff["pa"], action=action_on(review, "Send the college form"),
                       due_on=today() + timedelta(days=7))
    plan_submit(actor=staff["pa"], plan=review)

    (moved,) = changes_since_last_authorised(review).carried_actions
    assert (moved.was_due_on, moved.days_late) == (days_ago(30), None)
    page = decide_page(client, staff["manager"], review)
    assert f"moved from {days_ago(30).day} {days_ago(30):%B %Y}" in table(page, "actions-carried")


# --- which plan it is compared with --------------------------------------------------------------


def test_the_comparison_is_with_the_latest_authorised_plan(client, person, staff):
    authorised_with_actions(person, staff, held_on=days_ago(200), accommodation="Plan one text.")
    authorised_with_actions(person, staff, held_on=days_ago(90), accommodation=FLAT)
    review = written_plan(person, staff["pa"], held_on=days_ago(3), submit=True,
                          accommodation=FLAT)

    changes = changes_since_last_authorised(review)

    assert changes.previous.number == 2
    assert changes.changed_parts == []
    page = decide_page(client, staff["manager"], review)
    assert "What has changed since plan 2" in page
    assert "None of the 11 parts of the plan has changed." in page
    assert "Plan one text." not in page


def test_a_plan_returned_and_sent_again_is_still_compared_with_the_authorised_plan(
    client, person, staff
):
    authorised_with_actions(person, staff, held_on=days_ago(90), accommodation=FLAT)
    review = written_plan(person, staff["pa"], held_on=days_ago(3), submit=True,
                          accommodation="Move to Bridge Street.")
    review = plan_return(actor=staff["manager"], plan=review, reasons="Say when.",
                         notify=False)
    review = plan_update(actor=staff["pa"], plan=review, version=review.version,
                         sections={"accommodation": {"plan_text": "Move to Bridge Street in May."}})
    review = plan_submit(actor=staff["pa"], plan=review)

    (where,) = changes_since_last_authorised(review).changed_parts
    (agreed,) = where.changed_texts
    assert (agreed.before, agreed.after) == (FLAT, "Move to Bridge Street in May.")
    assert changes_since_last_authorised(review).previous.state == PlanState.AUTHORISED


# --- who may see it ------------------------------------------------------------------------------


def test_the_author_cannot_open_the_authorise_page_even_as_a_manager(client, person, staff):
    authorised_with_actions(person, staff, held_on=days_ago(90), accommodation=FLAT)
    review = written_plan(person, staff["manager"], held_on=days_ago(3), submit=True,
                          accommodation="Move to Bridge Street.")
    client.force_login(staff["manager"])
    before = snapshot()

    response = client.get(reverse("plan-decide", args=[review.pk]))

    assert response.status_code == 403
    assert "What has changed since plan 1" not in response.content.decode()
    assert client.post(reverse("plan-decide", args=[review.pk]),
                       {"decision": "authorise"}).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["pa", "colleague"])
def test_personal_advisers_cannot_open_the_authorise_page(client, staff, persona,
                                                           review_with_actions):
    client.force_login(staff[persona])
    before = snapshot()

    assert client.get(reverse("plan-decide", args=[review_with_actions.pk])).status_code == 403
    assert client.post(reverse("plan-decide", args=[review_with_actions.pk]),
                       {"decision": "authorise"}).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["other_pa", "other_manager", "board"])
def test_people_outside_the_team_do_not_learn_the_plan_exists(client, staff, persona,
                                                               review_with_actions):
    client.force_login(staff[persona])

    assert client.get(reverse("plan-decide", args=[review_with_actions.pk])).status_code == 404


# --- queries -------------------------------------------------------------------------------------


@pytest.mark.parametrize("actions", [2, 40])
def test_the_authorise_page_runs_a_fixed_number_of_queries(
    client, person, staff, django_assert_max_num_queries, actions
):
    authorised_with_actions(person, staff, held_on=days_ago(90), accommodation=FLAT, actions=[
        (Section.values[number % len(Section.values)], "Ami", f"Action {number}",
         days_ago(number % 80), number % 3 == 0)
        for number in range(actions)
    ])
    review = written_plan(person, staff["pa"], held_on=days_ago(3), accommodation="New text.")
    for number in range(actions):
        plan_action_add(actor=staff["pa"], plan=review, section="money", who="Ami",
                        what=f"New action {number}", due_on=today())
    review = plan_submit(actor=staff["pa"], plan=review)
    client.force_login(staff["manager"])

    # 1 the session, 2 the signed-in user, 3 the plan with its young person, team, author and
    # the plan it reviews, 4 whether the manager is in the young person's team, 5 whether they
    # worked on the plan, 6 the view logged; 7-8 the plan's sections and actions in full;
    # 9 the plan in force, 10 both plans' sections, 11 their actions; 12 what their health
    # record says on the health section; 13-15 what the record says on the money section (the
    # young person's status, their requests for money and support with what was paid, the
    # entitlements); 16-18 the session's idle clock saved (savepoint, update, release).
    with django_assert_max_num_queries(18):
        response = client.get(reverse("plan-decide", args=[review.pk]))

    changes = response.context["changes"]
    assert len(changes.new_actions) == actions
    assert "Overdue" in response.content.decode()
