"""Recording what young people do each day: one activity at a time, in the DfE's codes."""

import pytest
from django.core.exceptions import ValidationError

from careleavers.concurrency import StaleEditError
from eet.models import ActivityEpisode
from eet.services import activity_record, activity_update
from tests.advisers.people import young_person
from tests.eet.activities import activity, days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams):
    return young_person(teams["north"])


def refused(call, **kwargs) -> dict:
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.message_dict


def test_a_new_activity_ends_the_current_one_the_day_before(staff, person):
    college = activity(person, "F2", start_on=days_ago(300), hours_per_week=18)

    job = activity(person, "F5", start_on=days_ago(30), actor=staff["pa"], hours_per_week=37,
                   course_or_job="Kitchen assistant", provider_or_employer="The Canal Kitchen")

    college.refresh_from_db()
    assert college.end_on == days_ago(31) and job.end_on is None
    assert [a.activity_code for a in ActivityEpisode.objects.covering(days_ago(0))] == ["F5"]
    assert job.summary == (
        "Training or employment, full time: Kitchen assistant at The Canal Kitchen")
    assert job.history.get().history_user == staff["pa"]


@pytest.mark.parametrize("start, end", [(200, 120), (150, 50)])
def test_overlapping_activities_are_refused_and_nothing_is_saved(person, start, end):
    activity(person, "F2", start_on=days_ago(300), end_on=days_ago(101))
    activity(person, "G5", start_on=days_ago(100))

    errors = refused(activity_record, actor=None, young_person=person, start_on=days_ago(start),
                     end_on=days_ago(end), activity_code="F4")

    assert "overlaps another activity" in " ".join(sum(errors.values(), []))
    assert ActivityEpisode.objects.count() == 2


def test_an_end_before_the_start_is_refused(person):
    errors = refused(activity_record, actor=None, young_person=person, start_on=days_ago(10),
                     end_on=days_ago(11), activity_code="F2")

    assert errors == {"end_on": ["The date it ended must be on or after the date they started"]}


@pytest.mark.parametrize("code", ["F3", "G1", "0", "", "f2"])
def test_an_unknown_code_is_refused(person, code):
    errors = refused(activity_record, actor=None, young_person=person, start_on=days_ago(10),
                     activity_code=code)

    assert list(errors) == ["activity_code"]
    assert not ActivityEpisode.objects.exists()


def test_hours_that_contradict_full_or_part_time_are_refused(person):
    errors = refused(activity_record, actor=None, young_person=person, start_on=days_ago(10),
                     activity_code="F5", hours_per_week=10)

    assert errors == {"hours_per_week": [
        "10 hours a week is part time (16 hours or more is full time), but training or "
        "employment, full time was chosen"]}


def test_a_neet_activity_keeps_its_reason_and_drops_hours_and_employer(person):
    neet = activity(person, "G6", hours_per_week=20, provider_or_employer="Somewhere",
                    neet_reason="Baby due in the spring")

    assert (neet.hours_per_week, neet.provider_or_employer, neet.neet_reason) == (
        None, "", "Baby due in the spring")
    assert not neet.in_eet


def test_a_correction_keeps_history_and_refuses_a_stale_version(staff, person):
    college = activity(person, "F2", hours_per_week=18)

    corrected = activity_update(actor=staff["manager"], activity=college, version=1,
                                activity_code="P2", hours_per_week=12)

    assert (corrected.activity_code, corrected.version, corrected.history.count()) == ("P2", 2, 2)
    with pytest.raises(StaleEditError):
        activity_update(actor=staff["pa"], activity=college, version=1, activity_code="F2")
