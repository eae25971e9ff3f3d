"""When Redis is down, every page and form answers at once and the work it queues is kept; once
Redis is back, that work is done, once. The service is configured here as a deployment with a
broker is (settings.py read with CELERY_BROKER_URL set), and its Redis is a real one, stopped."""

import logging
import time

import pytest
from django.core import mail
from django.urls import reverse

from accommodation.models import AccommodationEpisode, PlacementAlert
from advisers.models import Contact
from alerts.alerts import alerts_sync
from alerts.models import Alert, AlertKind
from alerts.services import daily_checks_run
from boardpack.board_pack import board_pack_commentary_save
from boardpack.models import BoardPackFile, BoardPackFileState
from careleavers.models import QueuedTask
from careleavers.queue import queued_tasks_publish
from config.celery import app
from dashboard.snapshots import previous_month
from tests.accommodation.places import episode_post, place
from tests.advisers.people import allocate, contact, date_post, days_ago, today, young_person
from tests.conftest import RedisServer, start_celery_worker, stop_celery_worker, wait_for_worker
from tests.support import celery_configured, celery_settings_for

#: Seconds a request may take with Redis down. Generous for a busy machine: without the outbox
#: a request waited about 19 s.
ANSWERS_AT_ONCE = 1.5

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def redis():
    server = RedisServer().start()
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="module")
def worker(redis, django_db_setup):
    """A worker taking tasks from the Redis these tests stop and start."""
    process = start_celery_worker(redis.url)
    try:
        with celery_configured(app, **celery_settings_for(redis.url)):
            wait_for_worker(app, process)
        yield process
    finally:
        stop_celery_worker(process)


@pytest.fixture
def redis_down(redis):
    """The service as deployed, with its Redis stopped (and started again afterwards)."""
    with celery_configured(app, **celery_settings_for(redis.url)):
        redis.stop()
        try:
            yield redis
        finally:
            redis.start()


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    contact(person, staff["pa"], on=days_ago(90))
    alerts_sync(on=today())
    return person


@pytest.fixture
def pack(staff):
    return board_pack_commentary_save(actor=staff["service"], month=previous_month(today()),
                                      version=1, commentary={"contact": "Two advisers joined."})


def timed(send):
    started = time.monotonic()
    response = send()
    return response, time.monotonic() - started


def waiting_tasks():
    return list(QueuedTask.objects.filter(published_at=None).values_list("task", "args"))


def wait_for(condition, seconds: float = 90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError(f"Still not done after {seconds} s")


# --- pages and forms answer at once, and the work is kept ----------------------------------------

def test_the_home_page_works_when_redis_is_down(client, staff, person, redis_down):
    client.force_login(staff["pa"])

    response, seconds = timed(lambda: client.get(reverse("home")))

    assert response.status_code == 200
    assert "Jo Bloggs" in response.content.decode()
    assert seconds < ANSWERS_AT_ONCE


def test_recording_a_contact_works_when_redis_is_down(client, staff, person, redis_down):
    client.force_login(staff["pa"])
    yesterday = days_ago(1)  # a time today could still be to come

    response, seconds = timed(lambda: client.post(reverse("contact-add", args=[person.pk]), {
        **date_post("contact_at", yesterday), "contact_time": "09:30",
        "contact_type": "home_visit", "outcome": "seen", "seen_alone": "yes",
        "location": "Their flat", "made_by": staff["pa"].pk, "notes": "All well.",
    }))

    assert response.status_code == 302
    assert Contact.objects.filter(young_person=person, notes="All well.").exists()
    assert seconds < ANSWERS_AT_ONCE


def test_asking_for_the_board_pack_answers_at_once_and_the_request_waits(client, staff, pack,
                                                                         redis_down):
    client.force_login(staff["service"])
    month = f"{pack.month:%Y-%m}"

    response, seconds = timed(lambda: client.post(
        reverse("board-pack-month", args=[month]),
        {"version": str(pack.version), "action": "make", "commentary_contact": "Still two."}))

    assert response.status_code == 302, response.content.decode()[:500]
    assert seconds < ANSWERS_AT_ONCE
    file = BoardPackFile.objects.get()
    assert file.state == BoardPackFileState.QUEUED
    assert waiting_tasks() == [("dashboard.tasks.make_board_pack", [file.pk])]

    progress, seconds = timed(lambda: client.get(response.url))
    assert progress.status_code == 200 and seconds < ANSWERS_AT_ONCE

    again, seconds = timed(lambda: client.post(reverse("board-pack-make", args=[month])))
    assert again.status_code == 302 and seconds < ANSWERS_AT_ONCE
    assert len(waiting_tasks()) == 2


def test_a_move_into_bed_and_breakfast_answers_at_once_and_the_alert_waits(client, staff, person,
                                                                         redis_down, caplog):
    client.force_login(staff["pa"])
    with caplog.at_level(logging.WARNING, logger="careleavers.queue"):
        response, seconds = timed(lambda: client.post(
            reverse("accommodation-add", args=[person.pk]),
            episode_post("W", start_on=days_ago(1))))

    assert response.status_code == 302
    assert seconds < ANSWERS_AT_ONCE
    alert = PlacementAlert.objects.get(episode__young_person=person, episode__type_code="W")
    assert waiting_tasks() == [("accommodation.tasks.send_placement_alert", [alert.pk])]
    assert "Could not queue accommodation.tasks.send_placement_alert" in caplog.text


def test_correcting_a_place_to_bed_and_breakfast_answers_at_once(client, staff, person,
                                                                 redis_down):
    episode = place(person, "E", start_on=days_ago(3))
    client.force_login(staff["pa"])

    response, seconds = timed(lambda: client.post(
        reverse("accommodation-edit", args=[person.pk, episode.pk]),
        episode_post("W", start_on=days_ago(3), version=episode.version)))

    assert response.status_code == 302, response.content.decode()[:500]
    assert seconds < ANSWERS_AT_ONCE
    alert = PlacementAlert.objects.get(episode=episode)
    assert waiting_tasks() == [("accommodation.tasks.send_placement_alert", [alert.pk])]


# --- once Redis is back -------------------------------------------------------------------------

@pytest.mark.celery
def test_work_queued_while_redis_was_down_is_done_once_it_is_back(client, staff, person, pack,
                                                                  worker, redis_down):
    client.force_login(staff["service"])
    client.post(reverse("board-pack-make", args=[f"{pack.month:%Y-%m}"]))
    client.force_login(staff["pa"])
    client.post(reverse("accommodation-add", args=[person.pk]),
                episode_post("W", start_on=days_ago(1)))
    file = BoardPackFile.objects.get()
    alert = PlacementAlert.objects.get()
    assert len(waiting_tasks()) == 2

    redis_down.start()
    published = queued_tasks_publish()  # what Celery beat runs every minute

    assert published == 2
    assert queued_tasks_publish() == 0  # the next minute sends nothing again
    wait_for(lambda: BoardPackFile.objects.get(pk=file.pk).state == BoardPackFileState.DONE
             and PlacementAlert.objects.get(pk=alert.pk).notified_at is not None)
    assert BoardPackFile.objects.count() == 1
    assert list(QueuedTask.objects.values_list("task", "attempts")) == [
        ("dashboard.tasks.make_board_pack", 2),  # refused while Redis was down, then sent
        ("accommodation.tasks.send_placement_alert", 2),
    ]


def test_if_redis_stays_down_the_nightly_checks_email_the_manager(client, staff, person,
                                                                   redis_down):
    client.force_login(staff["pa"])
    client.post(reverse("accommodation-add", args=[person.pk]),
                episode_post("W", start_on=days_ago(1)))
    episode = AccommodationEpisode.objects.get(young_person=person, type_code="W")
    assert PlacementAlert.objects.get(episode=episode).notified_at is None
    assert mail.outbox == []

    checks = daily_checks_run(on=today())

    assert checks.placement_alerts_sent == 1
    assert [m.to for m in mail.outbox] == [[staff["manager"].email]]
    assert Alert.objects.open().filter(
        young_person=person, kind=AlertKind.PLACEMENT_NEEDS_MANAGER).exists()
    assert daily_checks_run(on=today()).placement_alerts_sent == 0
    assert len(mail.outbox) == 1
