from datetime import date, timedelta

import pytest
from django.urls import reverse

from advisers.models import KeepInTouch, KeepInTouchStandard, interval_in_words
from advisers.selectors import keep_in_touch_for
from alerts.alerts import alerts_sync
from alerts.models import Alert, AlertKind
from eligibility.rules import Status
from standing.models import Standing
from tests.advisers.people import allocate, contact, days_ago, today, young_person

TODAY = date(2026, 3, 3)


@pytest.mark.parametrize(
    "last_in_touch, interval, state",
    [
        (None, None, "none"),
        (TODAY - timedelta(days=10), None, "none"),
        (None, 56, "never"),
        (TODAY - timedelta(days=57), 56, "overdue"),
        (TODAY - timedelta(days=56), 56, "due_soon"),  # due today
        (TODAY - timedelta(days=49), 56, "due_soon"),  # due in 7 days
        (TODAY - timedelta(days=48), 56, "ok"),  # due in 8 days
        (TODAY, 365, "ok"),
    ],
)
def test_where_a_young_person_stands_against_the_standard(last_in_touch, interval, state):
    assert KeepInTouch(last_in_touch, interval).state(TODAY) == state


def test_next_contact_is_due_the_interval_after_the_last_time_in_touch():
    assert KeepInTouch(date(2026, 1, 6), 56).next_due == date(2026, 3, 3)
    assert KeepInTouch(None, 56).next_due is None


@pytest.mark.parametrize(
    "days, words",
    [(56, "every 8 weeks"), (7, "every week"), (365, "once a year"), (730, "every 2 years"),
     (10, "every 10 days"), (1, "every day"), (None, "no keep-in-touch standard")],
)
def test_the_standard_in_words(days, words):
    assert interval_in_words(days) == words


@pytest.mark.django_db
def test_every_status_has_a_standard_with_the_local_defaults():
    assert KeepInTouchStandard.as_dict() == {
        Status.ELIGIBLE: 56, Status.RELEVANT: 56, Status.FORMER_RELEVANT: 56,
        Status.FORMER_RELEVANT_EDUCATION: 56, Status.RETURNER_21_25: 56,
        Status.ENTITLED_ON_REQUEST: 365, Status.QUALIFYING: None, Status.NOT_ENTITLED: None,
    }
    assert KeepInTouchStandard.objects.count() == len(Status)


@pytest.mark.django_db
def test_an_administrator_changes_the_standard_and_the_due_date_follows(client, staff, teams):
    person = young_person(teams["north"], Status.FORMER_RELEVANT)
    allocate(person, staff["pa"])
    contact(person, staff["pa"], on=days_ago(10))
    standard = KeepInTouchStandard.objects.get(status=Status.FORMER_RELEVANT)
    client.force_login(staff["admin"])

    response = client.post(
        reverse("admin:advisers_keepintouchstandard_change", args=[standard.pk]),
        {"interval_days": "28"},
    )

    assert response.status_code == 302
    assert keep_in_touch_for(person).next_due == days_ago(10) + timedelta(days=28)
    assert standard.history.latest().history_user == staff["admin"]
    client.force_login(staff["pa"])
    due = days_ago(10) + timedelta(days=28)
    assert f"{due.day} {due:%B %Y}" in client.get(reverse("my-caseload")).content.decode()


@pytest.mark.django_db
def test_a_shorter_standard_puts_who_it_makes_overdue_on_what_needs_doing_at_once(
    client, staff, teams
):
    person = young_person(teams["north"], Status.FORMER_RELEVANT)
    allocate(person, staff["pa"])
    contact(person, staff["pa"], on=days_ago(40))
    standard = KeepInTouchStandard.objects.get(status=Status.FORMER_RELEVANT)
    alerts_sync(on=today())
    assert not Alert.objects.open().filter(young_person=person).exists()
    client.force_login(staff["admin"])

    client.post(reverse("admin:advisers_keepintouchstandard_change", args=[standard.pk]),
                {"interval_days": "28"})

    assert Alert.objects.open().get(young_person=person).kind == AlertKind.CONTACT_MISSED
    assert Standing.objects.get(young_person=person).contact_due_on == days_ago(12)


@pytest.mark.django_db
def test_the_standards_are_listed_in_words_for_administrators(client, staff):
    client.force_login(staff["admin"])

    body = client.get(reverse("admin:advisers_keepintouchstandard_changelist")).content.decode()

    assert "Every 8 weeks" in body
    assert "Once a year" in body


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["pa", "manager", "service", "board"])
def test_only_administrators_can_change_the_standard(client, staff, persona):
    standard = KeepInTouchStandard.objects.get(status=Status.RELEVANT)
    client.force_login(staff[persona])

    response = client.post(
        reverse("admin:advisers_keepintouchstandard_change", args=[standard.pk]),
        {"interval_days": "7"},
    )

    assert response.status_code in (302, 403)
    standard.refresh_from_db()
    assert standard.interval_days == 56
