import logging

import pytest
from django.db import transaction

from careleavers.celery import app
from careleavers.queue import enqueue
from careleavers.tasks import ping
from tests.support import celery_configured


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_task_makes_the_round_trip_through_redis_and_a_real_worker(celery_worker):
    result = ping.delay()

    assert result.get(timeout=20) == {"pong": True, "database": True}
    assert result.successful()


@pytest.mark.django_db(transaction=True)
def test_when_redis_is_down_queueing_does_not_break_the_request(caplog):
    nowhere = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    with celery_configured(app, broker_url=nowhere, task_always_eager=False):
        with caplog.at_level(logging.ERROR, logger="careleavers.queue"):
            with transaction.atomic():
                enqueue(ping)

    assert "Could not queue careleavers.tasks.ping" in caplog.text
