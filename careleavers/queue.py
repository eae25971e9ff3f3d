"""Queue Celery tasks safely from web requests and services.

Tasks are published only after the surrounding transaction commits (so a worker never reads data
that is not there yet), and publishing fails fast: when Redis is down the request still succeeds,
the failure is logged, and the nightly jobs catch up.
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task, *args, **kwargs) -> None:
    def publish():
        try:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        except Exception:  # noqa: BLE001 - any broker failure must not break the user's request
            logger.exception("Could not queue %s; the nightly checks will catch up", task.name)

    transaction.on_commit(publish)
