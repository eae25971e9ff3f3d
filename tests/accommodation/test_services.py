"""Recording where young people live: moves, bad input, early reviews, alerts and assessments."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

import careleavers.services
from accommodation.models import AccommodationEpisode, PlacementAlert, SuitabilityAssessment
from accommodation.notifications import placement_alert_notify
from accommodation.services import (
    accommodation_record,
    accommodation_update,
    placement_alert_acknowledge,
    suitability_assess,
    suitability_record_judgement,
)
from careleavers.concurrency import StaleEditError
from careleavers.models import Role
from tests.accommodation.places import all_suitable, assess, days_ago, place, today
from tests.advisers.people import young_person
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams):
    return young_person(teams["north"], first_name="Jo", last_name="Bloggs")


@pytest.fixture
def changes(monkeypatch):
    """The significant changes recorded, as the pathways handler would receive them."""
    received = []
    monkeypatch.setattr(careleavers.services, "_significant_change_handlers",
                        [lambda **kwargs: received.append(kwargs)])
    return received


def refused(call, **kwargs) -> dict:
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.message_dict


# --- moves ----------------------------------------------------------------------------------------

def test_a_move_ends_the_current_place_the_day_before(staff, person):
    first = place(person, "D", start_on=days_ago(200), actor=staff["pa"])

    second = place(person, "E", start_on=days_ago(20), actor=staff["pa"])

    first.refresh_from_db()
    assert first.end_on == days_ago(21)
    assert second.end_on is None
    assert [e.type_code for e in AccommodationEpisode.objects.covering(today())] == ["E"]
    assert first.history.first().history_user == staff["pa"]


def test_a_move_asks_for_an_early_pathway_plan_review(staff, person, changes):
    place(person, "D", start_on=days_ago(200), actor=staff["pa"])
    assert changes == []  # the first place recorded is not a move from anywhere

    place(person, "E", start_on=days_ago(20), actor=staff["pa"])

    assert changes == [{
        "actor": staff["pa"], "young_person": person, "on": days_ago(20),
        "kind": "accommodation_move", "description": "Moved to supported lodgings",
    }]


def test_an_earlier_place_can_be_added_with_its_dates(person):
    current = place(person, "U", start_on=days_ago(100))

    earlier = place(person, "D", start_on=days_ago(400), end_on=days_ago(101))

    current.refresh_from_db()
    assert (earlier.end_on, current.end_on) == (days_ago(101), None)


@pytest.mark.parametrize("start, end", [(300, 150), (150, 50), (99, 95)])
def test_overlapping_places_are_refused_and_nothing_is_saved(person, start, end):
    place(person, "D", start_on=days_ago(400), end_on=days_ago(101))
    place(person, "U", start_on=days_ago(100))
    before = list(AccommodationEpisode.objects.values_list("pk", "start_on", "end_on"))

    errors = refused(accommodation_record, actor=None, young_person=person,
                     start_on=days_ago(start), end_on=days_ago(end) if end else None,
                     type_code="K")

    message = " ".join(sum(errors.values(), []))
    assert "overlaps where they lived from" in message
    assert list(AccommodationEpisode.objects.values_list("pk", "start_on", "end_on")) == before


def test_a_new_place_starting_before_the_current_one_with_no_end_is_refused(person):
    place(person, "U", start_on=days_ago(100))

    errors = refused(accommodation_record, actor=None, young_person=person,
                     start_on=days_ago(150), type_code="K")

    assert "with no date they moved out" in errors["start_on"][0]


def test_an_end_before_the_start_is_refused(person):
    errors = refused(accommodation_record, actor=None, young_person=person,
                     start_on=days_ago(10), end_on=days_ago(11), type_code="D")

    assert errors == {
        "end_on": ["The date they moved out must be on or after the date they moved in"]
    }
    assert not AccommodationEpisode.objects.exists()


@pytest.mark.parametrize("code", ["A", "F", "Z1", ""])
def test_an_unknown_type_is_refused(person, code):
    errors = refused(accommodation_record, actor=None, young_person=person,
                     start_on=days_ago(10), type_code=code)

    assert list(errors) == ["type_code"]
    assert not AccommodationEpisode.objects.exists()


def test_a_move_in_the_future_or_before_birth_is_refused(person):
    assert "today or in the past" in refused(
        accommodation_record, actor=None, young_person=person,
        start_on=today() + timedelta(days=1), type_code="D")["start_on"][0]
    assert "after their date of birth" in refused(
        accommodation_record, actor=None, young_person=person,
        start_on=person.date_of_birth - timedelta(days=1), type_code="D")["start_on"][0]


def test_staying_put_needs_the_former_foster_carer(person):
    errors = refused(accommodation_record, actor=None, young_person=person,
                     start_on=days_ago(10), type_code="Z")
    assert "former foster carer" in errors["staying_put_carer"][0]

    episode = place(person, "Z", start_on=days_ago(10), staying_put_carer="Janet Pearson",
                    staying_put_agreed_on=days_ago(40))
    assert episode.is_staying_put and episode.staying_put_carer == "Janet Pearson"


def test_staying_put_details_are_refused_for_other_places(person):
    errors = refused(accommodation_record, actor=None, young_person=person,
                     start_on=days_ago(10), type_code="U", staying_put_carer="Janet Pearson")

    assert "Only give a former foster carer for Staying Put" in errors["staying_put_carer"][0]


def test_postcodes_are_tidied_and_nonsense_refused(person):
    assert place(person, "U", postcode=" zz12ab ").postcode == "ZZ1 2AB"
    errors = refused(accommodation_record, actor=None, young_person=person,
                     start_on=days_ago(10), type_code="U", postcode="not a postcode")
    assert errors == {"postcode": ["Enter a real postcode, like HD1 2AB"]}


def test_a_correction_keeps_history_and_refuses_a_stale_version(staff, person):
    episode = place(person, "D", provider="Step Up", actor=staff["pa"])

    corrected = accommodation_update(actor=staff["manager"], episode=episode, version=1,
                                     provider="Step Up Housing")

    assert (corrected.provider, corrected.version) == ("Step Up Housing", 2)
    assert corrected.history.count() == 2
    with pytest.raises(StaleEditError):
        accommodation_update(actor=staff["pa"], episode=episode, version=1, provider="Other")


def test_a_correction_that_would_overlap_is_refused(person):
    first = place(person, "D", start_on=days_ago(200))
    place(person, "E", start_on=days_ago(20))
    first.refresh_from_db()

    errors = refused(accommodation_update, actor=None, episode=first, version=first.version,
                     end_on=days_ago(10))

    assert "overlaps" in errors["end_on"][0]


# --- alerts for the team manager ------------------------------------------------------------------

@pytest.mark.parametrize("code", ["W", "V", "S", "X"])
def test_a_move_a_manager_must_know_about_raises_an_alert_and_emails_the_team_managers(
    staff, teams, person, code, django_capture_on_commit_callbacks
):
    second_manager = StaffFactory(username="manager2", role=Role.TEAM_MANAGER,
                                  teams=[teams["north"]])
    place(person, "D", start_on=days_ago(200))

    with django_capture_on_commit_callbacks(execute=True):
        episode = place(person, code, start_on=days_ago(1), actor=staff["pa"])

    alert = PlacementAlert.objects.get()
    assert alert.episode == episode and not alert.seen and alert.notified_at is not None
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert sorted(email.to) == sorted([staff["manager"].email, second_manager.email])
    assert person.person_id in email.body
    assert person.last_name not in email.body + email.subject  # email names no one


def test_an_ordinary_move_or_a_past_placement_raises_no_alert(
    person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        place(person, "W", start_on=days_ago(300), end_on=days_ago(250))
        place(person, "U", start_on=days_ago(20))

    assert not PlacementAlert.objects.exists()
    assert mail.outbox == []


def test_the_alert_is_raised_in_the_same_transaction_and_emailed_only_after_it_commits(
    person, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        place(person, "X", start_on=days_ago(1))

    assert PlacementAlert.objects.count() == 1
    assert mail.outbox == [] and len(callbacks) == 1


def test_a_restricted_record_alerts_only_managers_named_on_it(
    staff, teams, django_capture_on_commit_callbacks
):
    named = StaffFactory(username="named", role=Role.TEAM_MANAGER, teams=[teams["north"]])
    person = young_person(teams["north"], restricted=True, restricted_to=[named])

    with django_capture_on_commit_callbacks(execute=True):
        place(person, "X", start_on=days_ago(1))

    assert mail.outbox[0].to == [named.email]


def test_a_placement_recorded_long_after_it_started_is_not_emailed(staff, person):
    place(person, "X", start_on=days_ago(60))

    assert placement_alert_notify(alert_id=PlacementAlert.objects.get().pk) is False
    assert mail.outbox == []


def test_sending_the_alert_twice_sends_one_email(staff, person):
    place(person, "W", start_on=days_ago(1))
    alert = PlacementAlert.objects.get()

    assert placement_alert_notify(alert_id=alert.pk) is True
    assert placement_alert_notify(alert_id=alert.pk) is False
    assert len(mail.outbox) == 1


def test_a_manager_marks_an_alert_as_seen_once(staff, person):
    place(person, "W", start_on=days_ago(1))
    alert = PlacementAlert.objects.get()

    placement_alert_acknowledge(actor=staff["manager"], alert=alert)
    placement_alert_acknowledge(actor=staff["duty"], alert=alert)

    alert.refresh_from_db()
    assert alert.acknowledged_by == staff["manager"] and alert.seen


def test_needing_manager_lists_recent_placements_and_older_ones_nobody_has_seen(
    staff, teams, person
):
    recent_seen, old_seen, old_ended = (young_person(teams["north"]) for _ in range(3))
    place(person, "W", start_on=days_ago(40))  # still there, not seen
    place(recent_seen, "X", start_on=days_ago(3))
    place(old_seen, "X", start_on=days_ago(40))
    place(old_ended, "V", start_on=days_ago(40))
    place(old_ended, "D", start_on=days_ago(35))  # moved on
    for seen in (recent_seen, old_seen):
        placement_alert_acknowledge(
            actor=staff["manager"], alert=PlacementAlert.objects.get(episode__young_person=seen))

    listed = AccommodationEpisode.objects.needing_manager(since=days_ago(28))

    assert {e.young_person for e in listed} == {person, recent_seen}


# --- suitability ---------------------------------------------------------------------------------

def test_an_assessment_records_each_factor_their_views_and_the_outcome(staff, person):
    episode = place(person, "E")

    assessment = suitability_assess(
        actor=staff["pa"], episode=episode, assessed_on=today(), outcome="unsuitable",
        reason="Too far from college", young_persons_views="Two buses every morning",
        **{**all_suitable(), "location": False, "location_note": "Ninety minutes away"},
    )

    assert assessment.assessed_by == staff["pa"] and not assessment.suitable
    factors = {f["name"]: (f["suitable"], f["note"]) for f in assessment.factors()}
    assert factors["location"] == (False, "Ninety minutes away")
    assert factors["repair"] == (True, "")


def test_an_outcome_without_an_assessment_is_refused_and_nothing_saved(person):
    episode = place(person, "E")

    errors = refused(suitability_assess, actor=None, episode=episode, assessed_on=today(),
                     outcome="suitable", reason="Looks fine", repair=True)

    assert set(errors) == {"facilities", "safety", "location", "support", "tenancy",
                           "affordability"}
    assert errors["safety"] == ["Say whether safety is suitable before giving an outcome"]
    assert not SuitabilityAssessment.objects.exists()


def test_an_assessment_needs_an_outcome_and_a_reason(person):
    episode = place(person, "E")

    errors = refused(suitability_assess, actor=None, episode=episode, assessed_on=today(),
                     outcome="", reason=" ", **all_suitable())

    assert errors == {"outcome": ["Select whether the accommodation is suitable"],
                      "reason": ["Enter why it is suitable or not"]}


@pytest.mark.parametrize("code", ["S", "X"])
def test_no_fixed_abode_and_custody_cannot_be_assessed_as_suitable(person, code):
    episode = place(person, code, start_on=days_ago(2))

    errors = refused(suitability_assess, actor=None, episode=episode, assessed_on=today(),
                     outcome="suitable", reason="Fine", **all_suitable())

    assert "cannot be recorded as suitable" in errors["outcome"][0]
    assert assess(episode, outcome="unsuitable", **{"safety": False}).outcome == "unsuitable"


def test_an_assessment_in_the_future_is_refused(person):
    episode = place(person, "E")

    errors = refused(suitability_assess, actor=None, episode=episode,
                     assessed_on=today() + timedelta(days=1), outcome="suitable", reason="OK",
                     **all_suitable())

    assert errors == {"assessed_on": ["The date of the assessment must be today or in the past"]}


def test_a_judgement_from_another_system_records_only_the_outcome(person):
    episode = place(person, "D")

    judgement = suitability_record_judgement(actor=None, episode=episode, suitable=False,
                                             assessed_on=episode.start_on)

    assert judgement.imported and judgement.outcome == "unsuitable"
    assert all(f["suitable"] is None for f in judgement.factors())
