"""Writing, sending and deciding pathway plans, needs assessments and early reviews through the
services: each move, and each refusal with its message and nothing changed."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from careleavers.concurrency import StaleEditError
from careleavers.services import significant_change_recorded
from eligibility.rules import Status
from pathways.models import EarlyReview, EarlyReviewReason, PathwayPlan, PlanState
from pathways.services import (
    early_review_request,
    needs_assessment_complete,
    needs_assessment_start,
    needs_assessment_update,
    plan_action_add,
    plan_action_update,
    plan_authorise,
    plan_return,
    plan_start,
    plan_submit,
    plan_update,
)
from tests.pathways.plan_setup import (
    authorised_plan,
    days_ago,
    snapshot,
    today,
    written_plan,
    young_person,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams):
    return young_person(teams["north"], status=Status.FORMER_RELEVANT)


def refused(call, message=None, **kwargs):
    """Run a service that must refuse; check the message, and that nothing changed."""
    before = snapshot()
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    assert snapshot() == before
    if message is not None:
        assert message in error.value.messages
    return error.value


# --- needs assessment ---------------------------------------------------------------------------


def test_a_needs_assessment_is_started_filled_in_and_completed(staff, person):
    assessment = needs_assessment_start(actor=staff["pa"], young_person=person, today=days_ago(20))
    assessment = needs_assessment_update(
        actor=staff["pa"], assessment=assessment, version=assessment.version,
        areas={"education": "Wants to do a plumbing course", "health": "  "},
        young_persons_views="I want my own place near my sister.",
    )
    assessment = needs_assessment_complete(actor=staff["pa"], assessment=assessment,
                                           version=assessment.version)

    assert assessment.areas == {"education": "Wants to do a plumbing course"}
    assert assessment.completed_on == today()
    assert assessment.completed_by == staff["pa"]
    assert assessment.version == 3
    assert assessment.history.count() == 3


def test_only_one_needs_assessment_is_in_progress_at_a_time(staff, person):
    needs_assessment_start(actor=staff["pa"], young_person=person, today=days_ago(3))

    refused(needs_assessment_start, actor=staff["pa"], young_person=person)


def test_an_empty_needs_assessment_cannot_be_completed(staff, person):
    assessment = needs_assessment_start(actor=staff["pa"], young_person=person)

    refused(needs_assessment_complete, "Fill in at least one area before you complete the "
            "assessment", actor=staff["pa"], assessment=assessment, version=1)


def test_a_completed_needs_assessment_can_no_longer_be_changed(staff, person):
    assessment = needs_assessment_start(actor=staff["pa"], young_person=person)
    assessment = needs_assessment_complete(actor=staff["pa"], assessment=assessment, version=1,
                                           areas={"money": "Has debts on a phone contract"})

    refused(needs_assessment_update, actor=staff["pa"], assessment=assessment, version=2,
            areas={"money": "Paid off"})


def test_a_stale_needs_assessment_save_is_refused(staff, person):
    assessment = needs_assessment_start(actor=staff["pa"], young_person=person)
    needs_assessment_update(actor=staff["colleague"], assessment=assessment, version=1,
                            areas={"health": "Registered with a GP"})

    with pytest.raises(StaleEditError):
        needs_assessment_update(actor=staff["pa"], assessment=assessment, version=1,
                                areas={"health": "No GP yet"})


def test_the_first_plan_starts_from_the_completed_needs_assessment(staff, person):
    assessment = needs_assessment_start(actor=staff["pa"], young_person=person)
    needs_assessment_complete(
        actor=staff["pa"], assessment=assessment, version=1,
        areas={"education": "Wants to go back to college"},
        young_persons_views="I want to be a chef.",
    )

    plan = plan_start(actor=staff["pa"], young_person=person)

    assert plan.number == 1 and plan.based_on is None
    assert plan.needs_assessment == assessment
    assert plan.own_words == "I want to be a chef."
    assert plan.sections.get(key="education").plan_text == "Wants to go back to college"
    assert plan.sections.count() == 10


# --- starting and writing ------------------------------------------------------------------------


def test_a_review_starts_from_the_plan_in_force_so_nobody_retypes_it(staff, person):
    first = written_plan(person, staff["pa"], held_on=days_ago(200),
                         accommodation="Stay at the supported lodgings",
                         health="Keep going to the counsellor")
    first = plan_update(actor=staff["pa"], plan=first, version=first.version,
                        aspirations="Get a dog one day", trusted_people="My aunt Sue",
                        own_words="I'm doing alright.")
    plan_action_add(actor=staff["pa"], plan=first, section="accommodation", who="PA",
                    what="Apply for a council flat", due_on=days_ago(150))
    done = plan_action_add(actor=staff["pa"], plan=first, section="health", who="Young person",
                           what="Book a GP appointment", due_on=days_ago(190))
    plan_action_update(actor=staff["pa"], action=done, done=True)
    plan_submit(actor=staff["pa"], plan=first)
    first = plan_authorise(actor=staff["manager"], plan=first, notify=False)

    second = plan_start(actor=staff["colleague"], young_person=person)

    assert (second.number, second.based_on, second.state) == (2, first, PlanState.DRAFT)
    assert second.author == staff["colleague"] and second.review_held_on is None
    assert (second.aspirations, second.trusted_people, second.own_words) == (
        "Get a dog one day", "My aunt Sue", "I'm doing alright.")
    sections = {section.key: section for section in second.sections.all()}
    assert sections["accommodation"].plan_text == "Stay at the supported lodgings"
    assert sections["health"].plan_text == "Keep going to the counsellor"
    # Only actions not yet done are carried over, not done yet.
    assert [(a.what, a.done) for a in sections["accommodation"].actions.all()] == [
        ("Apply for a council flat", False)]
    assert not sections["health"].actions.exists()
    # The plan in force is untouched.
    assert first.sections.get(key="health").actions.get().done


def test_a_second_plan_cannot_start_while_one_is_being_written(staff, person):
    written_plan(person, staff["pa"])

    refused(plan_start, "Plan 1 is already being written: carry on with that one",
            actor=staff["colleague"], young_person=person)


def test_a_new_review_waits_for_the_plan_already_sent(staff, person):
    written_plan(person, staff["pa"], submit=True)

    refused(plan_start, "Plan 1 is waiting for authorisation: a new review can start once it "
            "has been decided", actor=staff["pa"], young_person=person)


def test_saving_a_plan_keeps_each_version_in_its_history(staff, person):
    plan = plan_start(actor=staff["pa"], young_person=person)

    plan = plan_update(
        actor=staff["pa"], plan=plan, version=1, review_held_on=days_ago(2),
        aspirations="Pass my driving test",
        sections={"money": {"plan_text": "Apply for the setting-up-home allowance",
                            "young_persons_words": "I need a bed and a kettle"}},
    )

    assert plan.version == 2
    assert plan.history.count() == 2
    money = plan.sections.get(key="money")
    assert (money.plan_text, money.young_persons_words) == (
        "Apply for the setting-up-home allowance", "I need a bed and a kettle")
    assert money.history.count() == 2


def test_a_review_held_in_the_future_is_refused(staff, person):
    plan = plan_start(actor=staff["pa"], young_person=person)

    error = refused(plan_update, actor=staff["pa"], plan=plan, version=1,
                    review_held_on=today() + timedelta(days=1))

    assert error.message_dict == {
        "review_held_on": ["The date the review was held must be today or in the past"]}


def test_a_review_must_be_held_after_the_last_one(staff, person):
    authorised_plan(person, staff["pa"], staff["manager"], held_on=days_ago(100))
    plan = plan_start(actor=staff["pa"], young_person=person)

    error = refused(plan_update, actor=staff["pa"], plan=plan, version=1,
                    review_held_on=days_ago(100))

    assert "review_held_on" in error.message_dict


def test_an_earlier_next_review_must_fall_between_this_review_and_six_months(staff, person):
    plan = plan_start(actor=staff["pa"], young_person=person)
    held = days_ago(10)

    for earlier in (held, held + timedelta(days=200)):
        error = refused(plan_update, actor=staff["pa"], plan=plan, version=1,
                        review_held_on=held, next_review_requested_on=earlier)
        assert "next_review_requested_on" in error.message_dict

    plan = plan_update(actor=staff["pa"], plan=plan, version=1, review_held_on=held,
                       next_review_requested_on=held + timedelta(days=90))
    assert plan.next_review_due == held + timedelta(days=90)


def test_an_action_due_before_the_plan_was_started_is_refused(staff, person):
    plan = plan_start(actor=staff["pa"], young_person=person, today=days_ago(5))

    error = refused(plan_action_add, actor=staff["pa"], plan=plan, section="education",
                    who="PA", what="Ring the college", due_on=days_ago(6))

    started = days_ago(5)
    assert error.message_dict == {"due_on": [
        "The action must be due on or after the plan was started on "
        f"{started.day} {started:%B} {started.year}"]}


def test_an_action_carried_from_the_last_plan_keeps_its_date_when_marked_done(staff, person):
    first = written_plan(person, staff["pa"], held_on=days_ago(200))
    plan_action_add(actor=staff["pa"], plan=first, section="accommodation", who="PA",
                    what="Chase the deposit", due_on=days_ago(180))
    plan_submit(actor=staff["pa"], plan=first)
    plan_authorise(actor=staff["manager"], plan=first, notify=False)
    second = plan_start(actor=staff["pa"], young_person=person)
    carried = second.sections.get(key="accommodation").actions.get()

    carried = plan_action_update(actor=staff["pa"], action=carried, done=True)

    assert carried.done and carried.due_on == days_ago(180)
    refused(plan_action_update, actor=staff["pa"], action=carried, due_on=days_ago(170))


def test_a_plan_sent_for_authorisation_cannot_be_changed(staff, person):
    plan = written_plan(person, staff["pa"], submit=True)

    refused(plan_update, actor=staff["pa"], plan=plan, version=plan.version,
            aspirations="Changed my mind")
    refused(plan_action_add, actor=staff["pa"], plan=plan, section="money", who="PA",
            what="Bursary form", due_on=today())


# --- sending ------------------------------------------------------------------------------------


def test_a_plan_is_sent_for_authorisation(staff, person):
    plan = written_plan(person, staff["pa"])

    plan = plan_submit(actor=staff["pa"], plan=plan, version=plan.version)

    assert plan.state == PlanState.SUBMITTED
    assert plan.submitted_at is not None
    assert plan.history.first().state == PlanState.SUBMITTED


def test_a_plan_with_no_sections_filled_in_cannot_be_sent(staff, person):
    plan = plan_start(actor=staff["pa"], young_person=person)
    plan = plan_update(actor=staff["pa"], plan=plan, version=1, review_held_on=days_ago(1),
                       aspirations="Travel")

    refused(plan_submit, "Fill in at least one section before you send the plan for "
            "authorisation", actor=staff["pa"], plan=plan)


def test_an_imported_plan_is_sent_with_no_sections_filled_in(staff, person):
    plan = plan_start(actor=staff["pa"], young_person=person)
    plan = plan_update(actor=staff["pa"], plan=plan, version=1, review_held_on=days_ago(1))

    plan = plan_submit(actor=staff["pa"], plan=plan, imported=True)

    assert plan.state == PlanState.SUBMITTED


def test_a_plan_cannot_be_sent_without_the_date_the_review_was_held(staff, person):
    plan = plan_start(actor=staff["pa"], young_person=person)
    plan = plan_update(actor=staff["pa"], plan=plan, version=1,
                       sections={"health": {"plan_text": "Dentist"}})

    error = refused(plan_submit, actor=staff["pa"], plan=plan)

    assert "Enter the date the review was held" in error.messages[0]


def test_a_plan_whose_review_date_is_still_to_come_cannot_be_sent(staff, person):
    plan = written_plan(person, staff["pa"], held_on=days_ago(2))

    error = refused(plan_submit, actor=staff["pa"], plan=plan, today=days_ago(3))

    assert "must be today or in the past" in error.messages[0]


def test_a_plan_already_sent_cannot_be_sent_again(staff, person):
    plan = written_plan(person, staff["pa"], submit=True)

    refused(plan_submit, "Only a draft or a returned plan can be sent for authorisation; this "
            "one is waiting for authorisation", actor=staff["pa"], plan=plan)


# --- deciding -----------------------------------------------------------------------------------


@pytest.mark.parametrize("manager", ["manager", "duty"])
def test_the_team_manager_or_a_duty_manager_authorises_a_plan(
    staff, person, manager, mailoutbox, django_capture_on_commit_callbacks
):
    plan = written_plan(person, staff["pa"], held_on=days_ago(10), submit=True)

    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_authorise(actor=staff[manager], plan=plan)

    plan.refresh_from_db()
    assert plan.state == PlanState.AUTHORISED
    assert plan.decided_by == staff[manager] and plan.decided_at is not None
    assert plan.history.first().history_user == staff[manager]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [staff["pa"].email]
    assert mailoutbox[0].subject == "A pathway plan you wrote has been authorised"
    assert person.person_id in mailoutbox[0].body
    assert person.last_name not in mailoutbox[0].body


def test_a_draft_cannot_be_authorised(staff, person):
    plan = written_plan(person, staff["pa"])

    refused(plan_authorise, "This plan has not been sent for authorisation yet",
            actor=staff["manager"], plan=plan)


def test_nobody_authorises_a_plan_they_wrote(staff, person):
    plan = written_plan(person, staff["manager"], submit=True)

    refused(plan_authorise, "You cannot authorise a plan you wrote, changed or sent for "
            "authorisation: another manager must decide it", actor=staff["manager"], plan=plan)


@pytest.mark.parametrize("who", ["colleague", "other_pa", "service", "board"])
def test_only_managers_authorise_plans(staff, person, who):
    plan = written_plan(person, staff["pa"], submit=True)

    refused(plan_authorise, "Only a team manager or a duty manager can authorise a plan",
            actor=staff[who], plan=plan)


def test_another_teams_manager_cannot_authorise(staff, person):
    plan = written_plan(person, staff["pa"], submit=True)

    refused(plan_authorise, "Only a manager of the young person's team (North), or a duty "
            "manager, can authorise this plan", actor=staff["other_manager"], plan=plan)


def test_a_plan_is_authorised_once(staff, person):
    plan = authorised_plan(person, staff["pa"], staff["manager"])

    error = refused(plan_authorise, actor=staff["duty"], plan=plan)

    assert error.messages[0].startswith("This plan has already been authorised by ")


def test_a_returned_plan_goes_back_to_its_author_with_the_reasons(
    staff, person, mailoutbox, django_capture_on_commit_callbacks
):
    plan = written_plan(person, staff["pa"], submit=True)

    with django_capture_on_commit_callbacks(execute=True):
        plan = plan_return(actor=staff["manager"], plan=plan,
                           reasons="Add what she said about college")

    assert plan.state == PlanState.RETURNED
    assert plan.return_reasons == "Add what she said about college"
    assert mailoutbox[0].subject == "A pathway plan you wrote has been returned for changes"
    assert "Add what she said" not in mailoutbox[0].body

    # The PA fixes it and sends it again; a manager authorises it.
    plan = plan_update(actor=staff["pa"], plan=plan, version=plan.version,
                       sections={"education": {"young_persons_words": "I want to do art"}})
    plan = plan_submit(actor=staff["pa"], plan=plan)
    plan = plan_authorise(actor=staff["duty"], plan=plan, notify=False)
    assert plan.state == PlanState.AUTHORISED


def test_a_plan_is_not_returned_without_reasons(staff, person):
    plan = written_plan(person, staff["pa"], submit=True)

    error = refused(plan_return, actor=staff["manager"], plan=plan, reasons="  ")

    assert error.message_dict == {"reasons": ["Enter what needs changing before you return the "
                                              "plan"]}


def test_nobody_returns_a_plan_they_wrote(staff, person):
    plan = written_plan(person, staff["manager"], submit=True)

    refused(plan_return, "You cannot return a plan you wrote, changed or sent for "
            "authorisation: another manager must decide it", actor=staff["manager"], plan=plan,
            reasons="Needs more")


def test_an_author_without_an_email_address_is_not_emailed(
    staff, person, mailoutbox, django_capture_on_commit_callbacks
):
    staff["pa"].email = ""
    staff["pa"].save()
    plan = written_plan(person, staff["pa"], submit=True)

    with django_capture_on_commit_callbacks(execute=True):
        plan_authorise(actor=staff["manager"], plan=plan)

    assert mailoutbox == []


def test_a_mail_server_that_is_down_does_not_undo_the_decision(
    staff, person, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    plan = written_plan(person, staff["pa"], submit=True)

    with django_capture_on_commit_callbacks(execute=True):
        plan_authorise(actor=staff["manager"], plan=plan)

    plan.refresh_from_db()
    assert plan.state == PlanState.AUTHORISED


def test_earlier_versions_stay_as_they_were_when_a_review_is_authorised(staff, person):
    first = authorised_plan(person, staff["pa"], staff["manager"], held_on=days_ago(190),
                            health="See the GP about sleeping")
    second = written_plan(person, staff["pa"], held_on=days_ago(5),
                          health="Sleeping better; keep the routine")
    plan_submit(actor=staff["pa"], plan=second)
    plan_authorise(actor=staff["manager"], plan=second, notify=False)

    first.refresh_from_db()
    assert first.state == PlanState.AUTHORISED
    assert first.sections.get(key="health").plan_text == "See the GP about sleeping"
    latest = PathwayPlan.objects.filter(young_person=person,
                                        state=PlanState.AUTHORISED).order_by("-number").first()
    assert latest.pk == second.pk


# --- early reviews ------------------------------------------------------------------------------


def test_an_early_review_is_due_within_28_days(staff, person):
    review = early_review_request(actor=staff["pa"], young_person=person,
                                  requested_on=days_ago(2),
                                  reason=EarlyReviewReason.YOUNG_PERSON_ASKED,
                                  description="Wants to talk about moving to college halls")

    assert review.due_on == days_ago(2) + timedelta(days=28)
    assert review.met_by_plan is None
    assert review.history.count() == 1


def test_an_early_review_cannot_be_asked_for_in_the_future(staff, person):
    error = refused(early_review_request, actor=staff["pa"], young_person=person,
                    requested_on=today() + timedelta(days=1),
                    reason=EarlyReviewReason.ADVISER_DECIDED)

    assert "requested_on" in error.message_dict


def test_a_move_of_accommodation_asks_for_an_early_review(staff, person):
    significant_change_recorded(actor=staff["pa"], young_person=person, on=days_ago(1),
                                kind="accommodation_move",
                                description="Moved from supported lodgings to a flat")

    review = EarlyReview.objects.get(young_person=person)
    assert review.reason == EarlyReviewReason.ACCOMMODATION_MOVE
    assert review.due_on == days_ago(1) + timedelta(days=28)
    assert review.description == "Moved from supported lodgings to a flat"

    # The same move recorded twice asks once.
    significant_change_recorded(actor=staff["pa"], young_person=person, on=days_ago(1),
                                kind="accommodation_move", description="Again")
    assert EarlyReview.objects.count() == 1


def test_another_significant_change_asks_for_an_early_review(staff, person):
    significant_change_recorded(actor=None, young_person=person, on=today(),
                                kind="custody", description="Remanded")

    assert EarlyReview.objects.get().reason == EarlyReviewReason.SIGNIFICANT_CHANGE


def test_young_people_who_need_no_plan_get_no_early_review(staff, teams):
    qualifying = young_person(teams["north"], status=Status.QUALIFYING)

    significant_change_recorded(actor=None, young_person=qualifying, on=today(),
                                kind="accommodation_move", description="Moved")

    assert not EarlyReview.objects.exists()


def test_a_plan_reviewed_on_or_after_the_request_meets_the_early_review(staff, person):
    authorised_plan(person, staff["pa"], staff["manager"], held_on=days_ago(100))
    review = early_review_request(actor=staff["pa"], young_person=person,
                                  requested_on=days_ago(10),
                                  reason=EarlyReviewReason.ADVISER_DECIDED)
    on_the_day = written_plan(person, staff["pa"], held_on=days_ago(10), submit=True)

    on_the_day = plan_authorise(actor=staff["manager"], plan=on_the_day, notify=False)

    review.refresh_from_db()
    assert review.met_by_plan == on_the_day


def test_a_plan_reviewed_before_the_request_does_not_meet_it(staff, person):
    review = early_review_request(actor=staff["pa"], young_person=person,
                                  requested_on=days_ago(3),
                                  reason=EarlyReviewReason.YOUNG_PERSON_ASKED)
    plan = written_plan(person, staff["pa"], held_on=days_ago(4), submit=True)

    plan_authorise(actor=staff["manager"], plan=plan, notify=False)

    review.refresh_from_db()
    assert review.met_by_plan is None


def test_an_early_review_asked_for_before_a_review_already_authorised_is_met_by_it(
    staff, person
):
    plan = authorised_plan(person, staff["pa"], staff["manager"], held_on=days_ago(5))

    review = early_review_request(actor=staff["pa"], young_person=person,
                                  requested_on=days_ago(8),
                                  reason=EarlyReviewReason.ACCOMMODATION_MOVE)

    assert review.met_by_plan == plan
