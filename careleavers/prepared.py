"""A file a Celery worker prepares for a web page that would take too long to work it out in the
request (the board pack's PDF, the DfE's 903 return): what each kind has in common.

A page asks for one (a row waiting, and its task queued through careleavers.queue); the worker
claims it, reports how far it has got in steps, and keeps what it made in the row, or why it
failed; the page and its JSON follow it through `prepared_status`. The file lives in the database
because the web server and the worker may be different machines.

Each kind is a model inheriting `PreparedFile`, with the fields of what it keeps, and a task that
calls `prepared_make` with the work. A task delivered twice makes the file once: only a file
still waiting is claimed, by one UPDATE.
"""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

logger = logging.getLogger(__name__)


class PreparedState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class PreparedFile(models.Model):
    """Where the making of one file has got to, who asked for it and when."""

    #: A file still waiting or being made after this long has stopped: the queue or the worker
    #: is down.
    STUCK_AFTER = timedelta(minutes=10)

    state = models.CharField(max_length=16, choices=PreparedState.choices,
                             default=PreparedState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done")
    step = models.CharField(max_length=200, blank=True, help_text="What is being done now")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        abstract = True

    @property
    def done(self) -> bool:
        return self.state == PreparedState.DONE

    @property
    def failed(self) -> bool:
        return self.state == PreparedState.FAILED

    @property
    def waiting(self) -> bool:
        return self.state == PreparedState.QUEUED

    def stuck(self, now=None) -> bool:
        """Still waiting or being made long after it was asked for."""
        now = now or timezone.now()
        return (self.state in (PreparedState.QUEUED, PreparedState.RUNNING)
                and now - self.requested_at > self.STUCK_AFTER)


def prepared_claim(model, file_id: int) -> bool:
    """Move the file from waiting to being made, in one UPDATE: True for the one worker that
    does, False for a file already being made, made or failed (a task delivered twice)."""
    return bool(model.objects.filter(pk=file_id, state=PreparedState.QUEUED).update(
        state=PreparedState.RUNNING, progress=1, step="Starting", error=""))


def prepared_progress(model, file_id: int, **fields) -> None:
    """A single UPDATE, committed at once (no transaction around the work), so the progress page
    sees each step while the file is being made."""
    model.objects.filter(pk=file_id).update(**fields)


#: Told how far the work has got: (per cent done, what is being done now).
OnStep = Callable[[int, str], None]


def prepared_make(model, file_id: int, work: Callable[[OnStep], dict], *,
                  update: Callable[..., None] | None = None) -> bool:
    """Make one requested file (a task's work): claim it, run `work(step)`, which returns the
    fields to keep (the file itself and what the page shows of it), and mark it ready with them,
    or failed with the error, whatever it was. `update(file_id, **fields)` writes each step
    (by default `prepared_progress`). Returns whether this call made the file."""
    if update is None:
        def update(pk, **fields):
            prepared_progress(model, pk, **fields)

    if not prepared_claim(model, file_id):
        return False

    def step(percent: int, words: str) -> None:
        update(file_id, progress=percent, step=words)

    try:
        kept = work(step)
    except Exception as error:  # noqa: BLE001 - the page must say it failed, whatever the cause
        logger.exception("Could not make %s %s", model._meta.verbose_name, file_id)
        update(file_id, state=PreparedState.FAILED, step="It could not be made",
               error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now())
        return False
    update(file_id, state=PreparedState.DONE, progress=100, step="Ready",
           finished_at=timezone.now(), **kept)
    return True


def prepared_status(file: PreparedFile, now, *, ready: str, failed: str,
                    download_url: str | None) -> dict:
    """Where the making of a file has got to, in words, for the progress page and its JSON:
    `ready` and `failed` say so for this kind of file; `download_url` is given once it is
    ready."""
    stuck = file.stuck(now)
    if file.done:
        text = ready
    elif file.failed:
        text = failed
    elif stuck:
        text = "This has not finished. Try again."
    elif file.waiting:
        text = "Waiting to start."
    else:
        text = f"{file.step} ({file.progress}% done)."
    return {
        "state": file.state,
        "progress": file.progress,
        "status_text": text,
        "finished": file.done or file.failed or stuck,
        "stuck": stuck,
        "download_url": download_url if file.done else None,
    }
