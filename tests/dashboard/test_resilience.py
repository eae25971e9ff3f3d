"""When the queue (Redis) is down, pages and forms still work, and the nightly checks catch up on
what could not be queued."""

import logging

import pytest
from django.core import mail
from django.urls import reverse

from accommodation.models import AccommodationEpisode, PlacementAlert
from advisers.models import Contact
from careleavers.celery import app
from dashboard.alerts import alerts_sync
from dashboard.models import Alert, AlertKind
from dashboard.services import daily_checks_run
from tests.accommodation.places import episode_post
from tests.advisers.people import allocate, contact, date_post, days_ago, today, young_person
from tests.support import celery_configured

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker_down():
    with celery_configured(app, broker_url=NOWHERE, task_always_eager=False):
        yield


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    contact(person, staff["pa"], on=days_ago(90))
    alerts_sync(on=today())
    return person


def test_the_home_page_works_when_the_queue_is_down(client, staff, person, broker_down):
    client.force_login(staff["pa"])

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "Jo Bloggs" in response.content.decode()


def test_recording_a_contact_works_when_the_queue_is_down(client, staff, person, broker_down):
    client.force_login(staff["pa"])

    response = client.post(reverse("contact-add", args=[person.pk]), {
        **date_post("contact_at", today()), "contact_time": "09:30",
        "contact_type": "home_visit", "outcome": "seen", "seen_alone": "yes",
        "location": "Their flat", "made_by": staff["pa"].pk, "notes": "All well.",
    })

    assert response.status_code == 302
    assert Contact.objects.filter(young_person=person, contact_at__date=today()).exists()


def test_a_move_into_bed_and_breakfast_is_saved_and_the_manager_emailed_by_the_nightly_checks(
    client, staff, person, broker_down, caplog
):
    client.force_login(staff["pa"])
    with caplog.at_level(logging.ERROR, logger="careleavers.queue"):
        response = client.post(reverse("accommodation-add", args=[person.pk]),
                               episode_post("W", start_on=days_ago(1)))

    assert response.status_code == 302
    episode = AccommodationEpisode.objects.get(young_person=person, type_code="W")
    assert "Could not queue accommodation.tasks.send_placement_alert" in caplog.text
    assert PlacementAlert.objects.get(episode=episode).notified_at is None
    assert mail.outbox == []

    checks = daily_checks_run(on=today())

    assert checks.placement_alerts_sent == 1
    assert [m.to for m in mail.outbox] == [[staff["manager"].email]]
    assert Alert.objects.open().filter(
        young_person=person, kind=AlertKind.PLACEMENT_NEEDS_MANAGER).exists()
    assert daily_checks_run(on=today()).placement_alerts_sent == 0
    assert len(mail.outbox) == 1
