"""Writing a plan in the pages: the versions, starting a review from the plan in force, changing
it, actions, sending it for authorisation, and refusals that keep what was typed and save
nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse

from eligibility.rules import Status
from pathways.models import PathwayPlan, PlanAction, PlanState
from pathways.services import (
    plan_action_add,
    plan_authorise,
    plan_return,
    plan_submit,
    plan_update,
)
from tests.advisers.people import allocate
from tests.pathways.plan_pages import (
    action_post,
    error_next_to,
    error_summary,
    plan_history,
    plan_post,
)
from tests.pathways.plan_setup import days_ago, snapshot, today, written_plan, young_person

pytestmark = pytest.mark.django_db


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def history(staff, teams):
    return plan_history(teams, staff)


@pytest.fixture
def person(history):
    return history[0]


@pytest.fixture
def first(history):
    return history[1]


@pytest.fixture
def draft(history):
    return history[2]


def section_text(plan, key):
    return plan.sections.get(key=key).plan_text


# --- the list of versions ----------------------------------------------------------------------


def test_the_list_shows_every_version_newest_first_and_which_is_in_force(
    client, staff, person, first, draft
):
    client.force_login(staff["colleague"])

    body = client.get(reverse("plan-list", args=[person.pk])).content.decode()

    assert body.index(">Plan 2<") < body.index(">Plan 1<")
    assert "In force" in body
    assert "Draft" in body
    due = first.next_review_due
    assert f"Next review due {long_date(due)}: 6 months after the review held on" in body
    assert "Up to date" in body
    assert "Start a review" not in body  # a colleague cannot, and plan 2 is being written


def test_earlier_versions_stay_readable(client, staff, person, first, draft):
    client.force_login(staff["pa"])

    body = client.get(reverse("plan-detail", args=[first.pk])).content.decode()

    assert "Stay in the flat until the tenancy comes up." in body
    assert "Authorised" in body
    assert reverse("plan-pdf-young-person", args=[first.pk]) in body
    assert reverse("plan-edit", args=[first.pk]) not in body


# --- starting a review -------------------------------------------------------------------------


def test_a_review_starts_from_the_plan_in_force_so_nothing_is_retyped(client, staff, teams):
    person = young_person(teams["north"], Status.FORMER_RELEVANT)
    allocate(person, staff["pa"])
    first = written_plan(person, staff["pa"], held_on=days_ago(170),
                         accommodation="Stay in the flat.", health="Register with a GP.")
    plan_update(actor=staff["pa"], plan=first, version=first.version,
                aspirations="Own a dog one day", own_words="I like my flat.")
    plan_action_add(actor=staff["pa"], plan=first, section="health", who="Me",
                    what="Book a GP appointment", due_on=days_ago(100))
    plan_action_add(actor=staff["pa"], plan=first, section="health", who="PA",
                    what="Done already", due_on=days_ago(120), done=True)
    plan_authorise(actor=staff["manager"], plan=plan_submit(actor=staff["pa"], plan=first),
                   notify=False)
    client.force_login(staff["pa"])

    response = client.post(reverse("plan-start", args=[person.pk]))

    review = PathwayPlan.objects.get(young_person=person, number=2)
    assert response.url == reverse("plan-edit", args=[review.pk])
    assert review.state == PlanState.DRAFT and review.based_on_id == first.pk
    body = client.get(response.url).content.decode()
    assert "Review started. Plan 2 is filled in from plan 1" in body
    assert "Stay in the flat." in body and "Register with a GP." in body
    assert "Own a dog one day" in body and "I like my flat." in body
    assert "Book a GP appointment" in body
    assert "Done already" not in body


def test_a_second_review_cannot_start_while_one_is_being_written(client, staff, person, draft):
    client.force_login(staff["pa"])
    before = snapshot()

    response = client.post(reverse("plan-start", args=[person.pk]))

    assert response.status_code == 200
    assert "Plan 2 is already being written: carry on with that one" in error_summary(response)
    assert snapshot() == before


def test_the_record_offers_a_first_plan_to_someone_without_one(client, staff, teams):
    person = young_person(teams["north"], Status.RELEVANT)
    allocate(person, staff["pa"])
    client.force_login(staff["pa"])

    body = client.get(reverse("young-person", args=[person.pk])).content.decode()

    assert "Start their first plan" in body
    assert "No plan" in body
    response = client.post(reverse("plan-start", args=[person.pk]))
    assert PathwayPlan.objects.get(young_person=person).number == 1
    assert response.status_code == 302


# --- changing a draft --------------------------------------------------------------------------


def test_saving_changes_one_section_and_leaves_the_rest(client, staff, draft):
    client.force_login(staff["pa"])

    response = client.post(reverse("plan-edit", args=[draft.pk]), plan_post(
        draft, **{"education__plan_text": "Start the plumbing course in January.",
                  "education__young_persons_words": "I want to do plumbing."},
        aspirations="Be a plumber", received_copy=True,
    ))

    assert response.url == reverse("plan-detail", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.version == 3
    assert draft.aspirations == "Be a plumber"
    assert draft.received_copy is True
    assert section_text(draft, "education") == "Start the plumbing course in January."
    assert section_text(draft, "accommodation") == "Move to the supported flat in the spring."
    body = client.get(response.url).content.decode()
    assert "Plan 2 saved" in body
    assert "I want to do plumbing." in body


def test_text_areas_keep_line_breaks_typed_in_a_browser(client, staff, draft):
    client.force_login(staff["pa"])

    client.post(reverse("plan-edit", args=[draft.pk]),
                plan_post(draft, own_words="First line\r\nSecond line"))

    draft.refresh_from_db()
    assert draft.own_words == "First line\nSecond line"


def test_a_review_in_the_future_is_refused_next_to_the_date_and_nothing_is_saved(
    client, staff, draft
):
    client.force_login(staff["pa"])
    before = snapshot()

    response = client.post(reverse("plan-edit", args=[draft.pk]), plan_post(
        draft, review_held_on=today() + timedelta(days=1), aspirations="Typed but not saved",
    ))

    assert response.status_code == 200
    assert error_next_to(response, "review_held_on") == (
        "The date the review was held must be today or in the past"
    )
    assert "Typed but not saved" in response.content.decode()
    assert snapshot() == before


def test_an_earlier_next_review_after_six_months_is_refused_next_to_its_date(
    client, staff, draft
):
    client.force_login(staff["pa"])

    response = client.post(reverse("plan-edit", args=[draft.pk]), plan_post(
        draft, next_review_requested_on=today() + timedelta(days=400),
    ))

    assert "only set a date if it is earlier" in error_next_to(
        response, "next_review_requested_on")


def test_an_earlier_next_review_date_is_kept(client, staff, draft):
    client.force_login(staff["pa"])
    earlier = draft.review_held_on + timedelta(days=60)

    client.post(reverse("plan-edit", args=[draft.pk]),
                plan_post(draft, next_review_requested_on=earlier))

    draft.refresh_from_db()
    assert draft.next_review_due == earlier


def test_a_half_typed_date_is_explained_and_nothing_is_saved(client, staff, draft):
    client.force_login(staff["pa"])
    data = plan_post(draft, aspirations="Not saved")
    data["review_held_on_1"] = ""
    before = snapshot()

    response = client.post(reverse("plan-edit", args=[draft.pk]), data)

    assert "must include a month" in error_next_to(response, "review_held_on")
    assert snapshot() == before


def test_a_submitted_plan_cannot_be_changed(client, staff, teams):
    person = young_person(teams["north"])
    allocate(person, staff["pa"])
    plan = written_plan(person, staff["pa"], submit=True)
    client.force_login(staff["pa"])
    before = snapshot()

    response = client.post(reverse("plan-edit", args=[plan.pk]), plan_post(plan))

    assert response.url == reverse("plan-detail", args=[plan.pk])
    assert snapshot() == before
    assert "is waiting for authorisation and cannot be changed" in client.get(
        response.url).content.decode()


# --- two people editing at once ----------------------------------------------------------------


def test_a_stale_save_is_refused_keeps_the_typed_text_and_shows_what_changed(
    client, staff, draft
):
    client.force_login(staff["pa"])
    opened = plan_post(draft)  # the page as the Personal Adviser opened it
    # Meanwhile their manager saves a change to another section.
    plan_update(actor=staff["manager"], plan=draft, version=draft.version,
                sections={"health": {"plan_text": "See the GP about sleep."}})
    typed = {**opened, "education__plan_text": "College in September.",
             "aspirations": "Travel"}

    response = client.post(reverse("plan-edit", args=[draft.pk]), typed)

    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else changed this record while you were editing" in body
    assert "College in September." in body and "Travel" in body
    changes = body[body.index('id="their-changes"'):]
    assert "Health and how I feel: what we agreed" in changes
    assert "See the GP about sleep." in changes
    draft.refresh_from_db()
    assert draft.version == 3
    assert section_text(draft, "education") == ""
    assert f'name="version" value="{draft.version}"' in body

    # Saving again on purpose keeps both people's changes.
    form = response.context["form"]
    again = {key: form.data[key] for key in form.data}
    client.post(reverse("plan-edit", args=[draft.pk]), again)

    draft.refresh_from_db()
    assert section_text(draft, "education") == "College in September."
    assert section_text(draft, "health") == "See the GP about sleep."
    assert draft.aspirations == "Travel"


def test_when_both_change_one_section_the_users_text_is_kept_and_theirs_shown(
    client, staff, draft
):
    client.force_login(staff["pa"])
    opened = plan_post(draft)
    plan_update(actor=staff["manager"], plan=draft, version=draft.version,
                sections={"accommodation": {"plan_text": "Manager's version"}})

    response = client.post(reverse("plan-edit", args=[draft.pk]),
                           {**opened, "accommodation__plan_text": "PA's version"})

    form = response.context["form"]
    assert form.data["accommodation__plan_text"] == "PA's version"
    assert "Manager&#x27;s version" in response.content.decode()


# --- sending for authorisation -----------------------------------------------------------------


def test_save_and_send_submits_the_plan(client, staff, draft):
    client.force_login(staff["pa"])

    response = client.post(reverse("plan-edit", args=[draft.pk]), plan_post(
        draft, then="submit", **{"money__plan_text": "Apply for the setting-up-home allowance."}
    ))

    draft.refresh_from_db()
    assert draft.state == PlanState.SUBMITTED
    assert section_text(draft, "money") == "Apply for the setting-up-home allowance."
    assert "Plan 2 sent for authorisation" in client.get(response.url).content.decode()
    plans = client.get(reverse("plan-list", args=[draft.young_person_id])).content.decode()
    assert "Plan 2 is waiting for a manager to authorise it" in plans
    assert "is being written" not in plans


def test_a_plan_that_cannot_be_sent_is_not_saved_either(client, staff, teams):
    person = young_person(teams["north"])
    allocate(person, staff["pa"])
    client.force_login(staff["pa"])
    client.post(reverse("plan-start", args=[person.pk]))
    plan = PathwayPlan.objects.get(young_person=person)
    before = snapshot()

    response = client.post(reverse("plan-edit", args=[plan.pk]), plan_post(
        plan, then="submit", review_held_on=days_ago(1), aspirations="Typed",
    ))

    assert response.status_code == 200
    assert "Fill in at least one section before you send the plan for authorisation" in (
        error_summary(response))
    assert "Typed" in response.content.decode()
    assert snapshot() == before


def test_send_from_the_plan_page(client, staff, draft):
    client.force_login(staff["pa"])

    response = client.post(reverse("plan-submit", args=[draft.pk]), {"version": draft.version})

    assert response.url == reverse("plan-detail", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.state == PlanState.SUBMITTED
    assert draft.submitted_at is not None


def test_sending_a_plan_someone_changed_since_is_refused(client, staff, draft):
    client.force_login(staff["pa"])
    read_version = draft.version
    plan_update(actor=staff["manager"], plan=draft, version=draft.version,
                aspirations="Changed meanwhile")

    response = client.post(reverse("plan-submit", args=[draft.pk]), {"version": read_version})

    assert response.status_code == 200
    assert "Someone else changed this record" in error_summary(response)
    draft.refresh_from_db()
    assert draft.state == PlanState.DRAFT
    assert "Changed meanwhile" in response.content.decode()


def test_sending_without_the_review_date_is_refused(client, staff, teams):
    person = young_person(teams["north"])
    allocate(person, staff["pa"])
    client.force_login(staff["pa"])
    client.post(reverse("plan-start", args=[person.pk]))
    plan = PathwayPlan.objects.get(young_person=person)
    plan = plan_update(actor=staff["pa"], plan=plan, version=plan.version,
                       sections={"health": {"plan_text": "GP"}})

    response = client.post(reverse("plan-submit", args=[plan.pk]), {"version": plan.version})

    assert "Enter the date the review was held" in error_summary(response)
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


# --- a returned plan ---------------------------------------------------------------------------


def test_the_author_sees_why_a_plan_was_returned_fixes_it_and_sends_it_again(
    client, staff, teams
):
    person = young_person(teams["north"])
    allocate(person, staff["pa"])
    plan = written_plan(person, staff["pa"], submit=True)
    plan_return(actor=staff["manager"], plan=plan, reasons="Add their views on college.",
                notify=False)
    client.force_login(staff["pa"])

    page = client.get(reverse("plan-detail", args=[plan.pk])).content.decode()
    assert "Returned for changes" in page and "Add their views on college." in page
    edit = client.get(reverse("plan-edit", args=[plan.pk])).content.decode()
    assert "Add their views on college." in edit

    client.post(reverse("plan-edit", args=[plan.pk]), plan_post(
        plan, then="submit", **{"education__young_persons_words": "College is fine."}))

    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED


# --- actions -----------------------------------------------------------------------------------


def test_save_and_add_an_action_keeps_the_text_and_goes_to_the_action(client, staff, draft):
    client.force_login(staff["pa"])

    response = client.post(reverse("plan-edit", args=[draft.pk]), plan_post(
        draft, then="add-action", aspirations="Saved first"))

    assert response.url == reverse("plan-action-add", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.aspirations == "Saved first"


def test_an_action_is_added_with_who_what_and_when(client, staff, draft):
    client.force_login(staff["pa"])
    due = today() + timedelta(days=30)

    response = client.post(reverse("plan-action-add", args=[draft.pk]),
                           action_post(section="education", due_on=due))

    assert response.url == reverse("plan-edit", args=[draft.pk]) + "#actions"
    action = PlanAction.objects.get(section__plan=draft, what="Find a plumbing course")
    assert (action.who, action.due_on, action.done) == ("Personal Adviser", due, False)
    body = client.get(reverse("plan-edit", args=[draft.pk])).content.decode()
    assert "Find a plumbing course" in body and long_date(due) in body


def test_an_action_due_before_the_plan_started_is_refused_next_to_its_date(
    client, staff, draft
):
    client.force_login(staff["pa"])
    before = snapshot()

    response = client.post(reverse("plan-action-add", args=[draft.pk]),
                           action_post(due_on=draft.started_on - timedelta(days=1)))

    assert error_next_to(response, "due_on") == (
        "The action must be due on or after the plan was started on "
        f"{long_date(draft.started_on)}"
    )
    assert snapshot() == before


def test_an_action_needs_who_and_what(client, staff, draft):
    client.force_login(staff["pa"])

    response = client.post(reverse("plan-action-add", args=[draft.pk]),
                           action_post(who="", what="", due_on=today()))

    assert error_next_to(response, "who") == "Enter who will do it"
    assert error_next_to(response, "what") == "Enter what they will do"


def test_an_action_is_marked_done_and_can_be_taken_off(client, staff, draft):
    action = plan_action_add(actor=staff["pa"], plan=draft, section="money", who="Me",
                             what="Open a bank account", due_on=today())
    client.force_login(staff["pa"])

    client.post(reverse("plan-action-edit", args=[action.pk]),
                {**action_post(who="Me", what="Open a bank account", due_on=today()),
                 "done": "on"})
    action.refresh_from_db()
    assert action.done

    client.post(reverse("plan-action-edit", args=[action.pk]), {"remove": "1"})
    assert not PlanAction.objects.filter(pk=action.pk).exists()


def test_actions_on_an_authorised_plan_cannot_be_changed(client, staff, first):
    action = PlanAction.objects.create(section=first.sections.get(key="health"), who="Me",
                                       what="GP", due_on=today())
    client.force_login(staff["pa"])
    before = snapshot()

    response = client.post(reverse("plan-action-edit", args=[action.pk]),
                           {**action_post(due_on=today()), "done": "on"})

    assert response.url == reverse("plan-detail", args=[first.pk])
    assert snapshot() == before


# --- the record page ---------------------------------------------------------------------------


def test_the_record_shows_where_the_plan_stands_and_its_history(client, staff, teams):
    person = young_person(teams["north"], Status.FORMER_RELEVANT)
    allocate(person, staff["pa"])
    plan = written_plan(person, staff["pa"], held_on=days_ago(170), submit=True)
    plan_return(actor=staff["manager"], plan=plan, reasons="Say who they trust.", notify=False)
    plan = plan_submit(actor=staff["pa"], plan=plan)
    plan_authorise(actor=staff["duty"], plan=plan, notify=False)
    client.force_login(staff["pa"])

    body = client.get(reverse("young-person", args=[person.pk])).content.decode()

    panel = body[body.index('id="pathway-plan"'):]
    plan.refresh_from_db()
    assert "Due in" in panel  # 6 months after 170 days ago is within 28 days
    assert f"Next review due {long_date(plan.next_review_due)}" in panel
    assert f"Authorised by {staff['duty'].get_full_name()}" in panel
    assert "Start a review" in panel
    chronology = client.get(reverse("young-person-chronology", args=[person.pk]))
    timeline = chronology.content.decode()
    timeline = timeline[timeline.index('class="moj-timeline"'):]
    assert "Plan 1 authorised" in timeline
    assert "Plan 1 returned for changes" in timeline and "Say who they trust." in timeline
    assert timeline.count("Plan 1 sent for authorisation") == 2
