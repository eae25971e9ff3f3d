import logging
import threading

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.db import connection, transaction

from careleavers.models import QueuedTask
from careleavers.queue import enqueue, queued_tasks_publish
from careleavers.tasks import ping
from config.celery import app
from tests.support import celery_configured, celery_settings_for

NOWHERE = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_task_makes_the_round_trip_through_redis_and_a_real_worker(celery_worker):
    result = ping.delay()

    assert result.get(timeout=20) == {"pong": True, "database": True}
    assert result.successful()


@pytest.mark.django_db(transaction=True)
def test_when_redis_is_down_a_queued_task_waits_in_the_database(caplog):
    with celery_configured(app, **celery_settings_for(NOWHERE)):
        with caplog.at_level(logging.WARNING, logger="careleavers.queue"):
            with transaction.atomic():
                enqueue(ping)

    task = QueuedTask.objects.get()
    assert (task.task, task.published_at, task.attempts) == ("careleavers.tasks.ping", None, 1)
    assert "Could not queue careleavers.tasks.ping" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_task_queued_in_a_transaction_that_rolls_back_is_never_kept(redis_url):
    with celery_configured(app, **celery_settings_for(redis_url)):
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue(ping)
            raise RuntimeError("the change failed")

    assert not QueuedTask.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_task_being_sent_by_someone_else_is_not_sent_again(redis_url):
    with celery_configured(app, **celery_settings_for(NOWHERE)):
        enqueue(ping)  # Redis down: it waits
    locked, release = threading.Event(), threading.Event()

    def another_publisher_mid_send():
        with transaction.atomic():
            QueuedTask.objects.select_for_update().get()
            locked.set()
            release.wait(timeout=30)
        connection.close()

    other = threading.Thread(target=another_publisher_mid_send)
    other.start()
    try:
        assert locked.wait(timeout=10)
        with celery_configured(app, **celery_settings_for(redis_url)):
            assert queued_tasks_publish() == 0
    finally:
        release.set()
        other.join()
    assert QueuedTask.objects.get().published_at is None
    with celery_configured(app, **celery_settings_for(redis_url)):
        assert queued_tasks_publish() == 1
        assert queued_tasks_publish() == 0


@pytest.mark.django_db
def test_with_no_broker_a_queued_task_runs_in_the_request_once_it_commits(
    django_capture_on_commit_callbacks,
):
    calls = []

    @app.task(name="tests.record_call")
    def task(value):
        calls.append(value)

    with celery_configured(app, **celery_settings_for("")):  # the quick start: no broker
        with django_capture_on_commit_callbacks(execute=True):
            enqueue(task, 7)
            assert calls == []

    assert calls == [7]
    assert not QueuedTask.objects.exists()


def test_beat_hands_over_what_waited_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["publish-queued-tasks"]

    assert entry == {"task": "careleavers.tasks.publish_queued_tasks", "schedule": crontab()}
