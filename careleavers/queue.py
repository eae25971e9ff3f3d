"""Queue Celery tasks from web requests and services without ever waiting on Redis.

`enqueue` writes the task to an outbox table (`QueuedTask`) in the caller's transaction, so the
work is kept exactly when the change that needs it is committed, and never before. Once that
commits it makes one quick attempt to hand the task to Redis, bounded by a short timeout. If
Redis is down the row waits, and `queued_tasks_publish` (Celery beat every minute, and each
worker as it starts) hands it over once Redis is back.

A row is locked while it is handed over and marked published in the same transaction, so two
publishers (a request and the beat task, say) never send it twice; a publisher that waits for
the lock skips the row instead. A process that dies between sending and committing sends the
row again later, which is why every task must be idempotent all the same.

With no broker (the quick start), there is nothing to wait for: the task runs in-process once
the transaction commits.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from config.celery import app

from .models import QueuedTask

logger = logging.getLogger(__name__)

#: Seconds a request may wait for Redis to answer before leaving the task for the beat task.
PUBLISH_TIMEOUT = 0.5
_QUICK = {"socket_connect_timeout": PUBLISH_TIMEOUT, "socket_timeout": PUBLISH_TIMEOUT,
          "max_retries": 0}

#: Rows handed to one connection at a time by the beat task.
BATCH = 200

#: Published rows are kept this long, to answer "was it ever sent?", then deleted.
KEEP_PUBLISHED = timedelta(days=7)


def enqueue(task, *args, **kwargs) -> None:
    """Run `task(*args, **kwargs)` on a worker once the current transaction commits. Arguments
    must be JSON: ids and ISO dates, never model instances."""
    if app.conf.task_always_eager:
        transaction.on_commit(lambda: _run_in_process(task, args, kwargs))
        return
    row = QueuedTask.objects.create(task=task.name, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: queued_task_publish(row.pk))


def _run_in_process(task, args, kwargs) -> None:
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except Exception:  # noqa: BLE001 - the user's change is committed; a failed task must not hide it
        logger.exception("%s failed; the nightly checks will catch up", task.name)


def queued_task_publish(pk: int) -> bool:
    """Hand one queued task to Redis now, unless it is already sent or being sent. False if it
    is still waiting (Redis did not answer)."""
    _publish(QueuedTask.objects.filter(pk=pk))
    return QueuedTask.objects.filter(pk=pk, published_at__isnull=False).exists()


def queued_tasks_publish() -> int:
    """Hand every task still waiting to Redis, oldest first; forget those sent long ago. Returns
    how many were sent."""
    QueuedTask.objects.filter(published_at__lt=timezone.now() - KEEP_PUBLISHED).delete()
    published = 0
    while sent := _publish(QueuedTask.objects.all(), limit=BATCH):
        published += sent
        if sent < BATCH:
            break
    return published


def _publish(rows, *, limit: int = 1) -> int:
    with transaction.atomic():
        waiting = list(rows.filter(published_at__isnull=True)
                       .select_for_update(skip_locked=True).order_by("pk")[:limit])
        if not waiting:
            return 0
        sent = 0
        try:
            with app.connection_for_write(connect_timeout=PUBLISH_TIMEOUT,
                                          transport_options=_QUICK) as connection:
                for row in waiting:
                    # No result is stored or waited for: the database says how the work went.
                    app.send_task(row.task, args=row.args, kwargs=row.kwargs,
                                  connection=connection, retry=False, ignore_result=True)
                    QueuedTask.objects.filter(pk=row.pk).update(
                        published_at=timezone.now(), attempts=F("attempts") + 1, error="")
                    sent += 1
        except Exception as error:  # noqa: BLE001 - any broker failure leaves the rest waiting
            unsent = waiting[sent:]
            logger.warning("Could not queue %s; it waits until Redis answers (%s)",
                           ", ".join(row.task for row in unsent), error)
            QueuedTask.objects.filter(pk__in=[row.pk for row in unsent]).update(
                attempts=F("attempts") + 1, error=f"{type(error).__name__}: {error}"[:2000])
        return sent
