"""Recording an unaccompanied asylum-seeking young person's immigration position: the checks,
the history kept, and what the standing says."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from careleavers.concurrency import StaleEditError
from immigration.models import ImmigrationRecord
from immigration.services import (
    immigration_decision_mark_seen,
    immigration_record,
    immigration_update,
)
from standing.models import Standing
from standing.standings import standings_rebuild
from tests.advisers.people import days_ago, today, young_person
from tests.immigration.positions import days_ahead, granted, uasc_person, waiting

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams, staff):
    return uasc_person(teams["north"], staff["pa"])


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_leave_granted_is_their_position_and_its_end_is_on_their_standing(person, staff):
    waiting(person, actor=staff["pa"], since=days_ago(300))
    record = granted(person, actor=staff["pa"], granted_on=days_ago(5), ends_on=days_ahead(800))

    assert record.summary == "Refugee status granted"
    assert record.recorded_by == staff["pa"] and record.decision_waiting
    assert Standing.objects.get(young_person=person).leave_ends_on == days_ahead(800)
    assert standings_rebuild(on=today()).written == 0


def test_a_position_without_leave_has_no_leave_ending_on_their_standing(person, staff):
    granted(person, actor=staff["pa"], granted_on=days_ago(400), ends_on=days_ahead(30))
    waiting(person, actor=staff["pa"], since=days_ago(2), notes="Applied to extend their leave")

    assert Standing.objects.get(young_person=person).leave_ends_on is None


def test_leave_must_end_after_it_was_granted(person, staff):
    with pytest.raises(ValidationError) as excinfo:
        granted(person, granted_on=days_ago(10), ends_on=days_ago(10))

    assert errors_of(excinfo) == {
        "leave_expires_on": ["The date their leave ends must be after it was granted"]}
    assert not ImmigrationRecord.objects.exists()


def test_an_appeal_is_decided_on_or_after_it_was_lodged(person, staff):
    with pytest.raises(ValidationError) as excinfo:
        immigration_record(actor=staff["pa"], young_person=person, since=days_ago(3),
                           stage="appeal_rights_exhausted", appeal_lodged_on=days_ago(20),
                           appeal_decided_on=days_ago(21))

    assert errors_of(excinfo) == {"appeal_decided_on": [
        "The date the appeal was decided must be on or after it was lodged"]}
    assert not ImmigrationRecord.objects.exists()


def test_leave_that_does_not_end_has_no_end_date_and_leave_that_ends_needs_one(person, staff):
    with pytest.raises(ValidationError) as excinfo:
        granted(person, kind="indefinite", ends_on=days_ahead(100))
    assert "does not end" in errors_of(excinfo)["leave_expires_on"][0]

    with pytest.raises(ValidationError) as excinfo:
        granted(person, kind="humanitarian", ends_on=None)
    assert errors_of(excinfo)["leave_expires_on"] == [
        "Enter the date their leave ends: it is on their eVisa or Home Office letter"]

    assert granted(person, kind="citizenship").leave_expires_on is None


def test_leave_is_given_only_with_a_grant_and_dates_are_not_in_the_future(person, staff):
    with pytest.raises(ValidationError) as excinfo:
        immigration_record(actor=staff["pa"], young_person=person, since=days_ahead(1),
                           stage="waiting", leave_kind="refugee")

    assert errors_of(excinfo) == {
        "since": ["The date this became their position must be today or in the past"],
        "leave_kind": ["Only give the kind of leave if they were allowed to stay (leave "
                       "granted)"],
    }


def test_only_unaccompanied_asylum_seeking_young_people_have_a_position(teams, staff):
    person = young_person(teams["north"], uasc=False)

    with pytest.raises(ValidationError) as excinfo:
        waiting(person, actor=staff["pa"])

    assert "not recorded as an unaccompanied asylum-seeking young person" in str(excinfo.value)
    assert not ImmigrationRecord.objects.exists()


def test_one_position_a_day(person, staff):
    waiting(person, since=days_ago(9))

    with pytest.raises(ValidationError) as excinfo:
        granted(person, granted_on=days_ago(9))

    assert "already recorded" in errors_of(excinfo)["since"][0]


def test_a_correction_keeps_the_earlier_version_in_its_history(person, staff):
    record = granted(person, actor=staff["pa"], ends_on=days_ahead(200))

    corrected = immigration_update(actor=staff["manager"], record=record, version=1,
                                   leave_expires_on=days_ahead(400),
                                   home_office_reference=" h7654321 ")

    assert corrected.version == 2 and corrected.home_office_reference == "H7654321"
    history = list(record.history.order_by("history_date"))
    assert [h.leave_expires_on for h in history] == [days_ahead(200), days_ahead(400)]
    assert [h.history_user for h in history] == [staff["pa"], staff["manager"]]
    assert Standing.objects.get(young_person=person).leave_ends_on == days_ahead(400)


def test_a_stale_correction_is_refused(person, staff):
    record = granted(person, ends_on=days_ahead(200))
    immigration_update(actor=staff["pa"], record=record, version=1, solicitor="A")

    with pytest.raises(StaleEditError):
        immigration_update(actor=staff["manager"], record=record, version=1, solicitor="B")

    record.refresh_from_db()
    assert record.solicitor == "A"


def test_a_correction_is_checked_like_a_new_record(person, staff):
    record = immigration_record(actor=staff["pa"], young_person=person, since=days_ago(10),
                                stage="appealing", appeal_lodged_on=days_ago(10))

    with pytest.raises(ValidationError) as excinfo:
        immigration_update(actor=staff["pa"], record=record, version=1,
                           appeal_decided_on=days_ago(11))

    assert "appeal_decided_on" in errors_of(excinfo)
    record.refresh_from_db()
    assert record.appeal_decided_on is None and record.version == 1


def test_marking_a_decision_seen_twice_changes_nothing(person, staff):
    record = granted(person, actor=staff["pa"])

    first = immigration_decision_mark_seen(actor=staff["pa"], record=record)
    again = immigration_decision_mark_seen(actor=staff["colleague"], record=record)

    assert first.decision_seen_by == again.decision_seen_by == staff["pa"]
    assert first.decision_seen_at == again.decision_seen_at
    assert record.history.count() == 2


def test_a_position_that_is_no_decision_is_not_marked_seen(person, staff):
    record = waiting(person)

    with pytest.raises(ValidationError):
        immigration_decision_mark_seen(actor=staff["pa"], record=record)


def test_a_record_corrected_to_another_decision_waits_to_be_seen_again(person, staff):
    record = immigration_record(actor=staff["pa"], young_person=person, since=days_ago(10),
                                stage="refused", decision_seen=True)
    assert not record.decision_waiting

    corrected = immigration_update(actor=staff["pa"], record=record, version=1,
                                   stage="leave_granted", leave_kind="humanitarian",
                                   leave_granted_on=days_ago(10),
                                   leave_expires_on=days_ago(10) + timedelta(days=1800))

    assert corrected.decision_waiting
