""""Leave to remain ends soon", "Immigration decision to act on" and "Release from custody
soon": each raised once while its condition holds, resolved when it clears, found by the narrow
nights when the date alone brings it on, and on the Personal Adviser's home page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accommodation.services import accommodation_update
from alerts.alerts import alerts_sync
from alerts.models import Alert, AlertKind
from alerts.services import daily_checks_run
from careleavers.services import young_person_update
from immigration.services import (
    immigration_decision_mark_seen,
    immigration_record,
    immigration_update,
)
from tests.accommodation.places import long_date, place
from tests.advisers.people import allocate, contact, days_ago, today, young_person
from tests.immigration.positions import days_ahead, granted, uasc_person, waiting

pytestmark = pytest.mark.django_db

LEAVE, DECISION, RELEASE = (AlertKind.LEAVE_ENDS_SOON, AlertKind.IMMIGRATION_DECISION,
                            AlertKind.RELEASE_SOON)


def alerts_of(person, kind, *, open_only=True):
    alerts = Alert.objects.filter(young_person=person, kind=kind)
    return list(alerts.open() if open_only else alerts)


@pytest.fixture
def person(teams, staff):
    person = uasc_person(teams["north"], staff["pa"])
    contact(person, staff["pa"], on=days_ago(3))
    return person


# --- leave to remain ends soon ------------------------------------------------------------------

def test_leave_ending_within_90_days_is_raised_once_and_resolved_by_a_new_grant(person, staff):
    granted(person, actor=staff["pa"], granted_on=days_ago(1000), ends_on=days_ahead(60),
            seen=True)

    [alert] = alerts_of(person, LEAVE)
    assert alert.raised_on == today()
    assert alert.detail == (f"Refugee status ends {long_date(days_ahead(60))}: help them apply "
                            "to stay before it runs out")
    assert alerts_sync(on=today()).raised == []
    assert len(alerts_of(person, LEAVE)) == 1

    granted(person, actor=staff["pa"], kind="indefinite", granted_on=days_ago(1), seen=True)

    assert alerts_of(person, LEAVE) == []
    assert [a.resolved_on for a in alerts_of(person, LEAVE, open_only=False)] == [today()]


def test_a_longer_leave_recorded_as_a_correction_resolves_it(person, staff):
    record = granted(person, granted_on=days_ago(1000), ends_on=days_ahead(20), seen=True)
    assert alerts_of(person, LEAVE)

    immigration_update(actor=staff["pa"], record=record, version=1,
                       leave_expires_on=days_ahead(800))

    assert alerts_of(person, LEAVE) == []


def test_leave_further_off_than_the_setting_is_not_raised(person, staff, settings):
    settings.LEAVE_ENDS_SOON_DAYS = 30
    granted(person, granted_on=days_ago(1000), ends_on=days_ahead(60), seen=True)

    assert alerts_of(person, LEAVE) == []


def test_leave_that_has_ended_with_nothing_newer_stays_on_the_list(person, staff):
    granted(person, granted_on=days_ago(1000), ends_on=days_ago(2), seen=True)

    [alert] = alerts_of(person, LEAVE)
    assert alert.detail.startswith(f"Refugee status ended {long_date(days_ago(2))}")


def test_leave_is_only_for_young_people_still_recorded_as_uasc(person, staff):
    granted(person, granted_on=days_ago(1000), ends_on=days_ahead(10), seen=True)
    assert alerts_of(person, LEAVE)

    young_person_update(actor=staff["manager"], young_person=person, version=person.version,
                        today=today(), uasc=False)

    assert alerts_of(person, LEAVE) == []


def test_the_night_leave_comes_within_90_days_raises_it_and_a_second_run_changes_nothing(
    person, staff
):
    granted(person, granted_on=days_ago(1000), ends_on=days_ahead(93), seen=True)
    daily_checks_run(on=today() + timedelta(days=1))  # the first run checks everyone
    assert alerts_of(person, LEAVE) == []

    nights = [daily_checks_run(on=today() + timedelta(days=n)) for n in (2, 3)]
    again = daily_checks_run(on=today() + timedelta(days=3))

    assert all(not night.everyone for night in nights)
    [alert] = alerts_of(person, LEAVE)
    assert alert.raised_on == today() + timedelta(days=3)
    assert (again.alerts_raised, again.alerts_resolved) == ([], [])


# --- immigration decision -----------------------------------------------------------------------

def test_a_decision_is_raised_once_and_resolved_when_the_pa_marks_it_seen(person, staff):
    record = immigration_record_refused(person, staff)

    [alert] = alerts_of(person, DECISION)
    assert alert.detail == (f"Claim refused on {long_date(days_ago(2))}: talk it through with "
                            "them, change their plan if it needs it, then mark it as seen on "
                            "their Immigration page")
    assert alerts_sync(on=today()).raised == []

    immigration_decision_mark_seen(actor=staff["pa"], record=record)

    assert alerts_of(person, DECISION) == []
    assert [a.resolved_on for a in alerts_of(person, DECISION, open_only=False)] == [today()]


def immigration_record_refused(person, staff):
    return immigration_record(actor=staff["pa"], young_person=person, since=days_ago(2),
                              stage="refused")


def test_a_position_that_is_no_decision_raises_nothing(person, staff):
    waiting(person, actor=staff["pa"], since=days_ago(5))

    assert alerts_of(person, DECISION) == []


def test_a_grant_is_a_decision_too(person, staff):
    granted(person, actor=staff["pa"], granted_on=days_ago(1), ends_on=days_ahead(1800))

    [alert] = alerts_of(person, DECISION)
    assert alert.detail.startswith("Refugee status granted on")
    assert alerts_of(person, LEAVE) == []


# --- release from custody soon ------------------------------------------------------------------

@pytest.fixture
def in_custody(teams, staff):
    person = young_person(teams["north"], first_name="Cal", last_name="Inside")
    allocate(person, staff["pa"])
    contact(person, staff["pa"], on=days_ago(3), contact_type="custody_visit")
    return person


def test_release_within_56_days_is_raised_once_and_resolved_when_they_move_on(in_custody, staff):
    place(in_custody, "D", start_on=days_ago(400))
    place(in_custody, "X", start_on=days_ago(100), custody_establishment="HMP YOI Demo",
          expected_release_on=days_ahead(40))

    [alert] = alerts_of(in_custody, RELEASE)
    assert alert.detail == (f"Expected out of HMP YOI Demo on {long_date(days_ahead(40))}: "
                            "arrange somewhere for them to live")
    assert alerts_sync(on=today()).raised == []

    place(in_custody, "E", start_on=today())

    assert alerts_of(in_custody, RELEASE) == []
    assert [a.resolved_on for a in alerts_of(in_custody, RELEASE, open_only=False)] == [today()]


def test_a_release_date_moved_away_resolves_it(in_custody, staff):
    episode = place(in_custody, "X", start_on=days_ago(100), expected_release_on=days_ahead(10))
    assert alerts_of(in_custody, RELEASE)

    accommodation_update(actor=staff["pa"], episode=episode, version=episode.version,
                         expected_release_on=days_ahead(300))

    assert alerts_of(in_custody, RELEASE) == []


def test_no_release_date_or_a_far_one_raises_nothing(in_custody, staff, settings):
    episode = place(in_custody, "X", start_on=days_ago(100))
    assert alerts_of(in_custody, RELEASE) == []

    settings.RELEASE_FROM_CUSTODY_SOON_DAYS = 14
    accommodation_update(actor=staff["pa"], episode=episode, version=episode.version,
                         expected_release_on=days_ahead(20))

    assert alerts_of(in_custody, RELEASE) == []


def test_the_night_release_comes_within_56_days_raises_it_and_a_second_run_changes_nothing(
    in_custody, staff
):
    place(in_custody, "X", start_on=days_ago(100), expected_release_on=days_ahead(59))
    daily_checks_run(on=today() + timedelta(days=1))
    assert alerts_of(in_custody, RELEASE) == []

    nights = [daily_checks_run(on=today() + timedelta(days=n)) for n in (2, 3)]
    again = daily_checks_run(on=today() + timedelta(days=3))

    assert all(not night.everyone for night in nights)
    [alert] = alerts_of(in_custody, RELEASE)
    assert alert.raised_on == today() + timedelta(days=3)
    assert (again.alerts_raised, again.alerts_resolved) == ([], [])


# --- on the home page ---------------------------------------------------------------------------

def test_the_pa_sees_each_on_their_home_page_and_another_team_does_not(
    client, staff, person, in_custody
):
    granted(person, actor=staff["pa"], granted_on=days_ago(1), ends_on=days_ahead(60))
    place(in_custody, "X", start_on=days_ago(100), expected_release_on=days_ahead(30))

    client.force_login(staff["pa"])
    page = client.get(reverse("home")).content.decode()
    client.force_login(staff["other_pa"])
    elsewhere = client.get(reverse("home")).content.decode()

    for label in ("Immigration decision to act on (1)", "Leave to remain ends soon (1)",
                  "Release from custody soon (1)"):
        assert label in page
        assert label not in elsewhere
    assert "Dawit Tesfay" in page and "Cal Inside" in page
