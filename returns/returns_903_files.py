"""Asking for the 903 return to be prepared, and finding the one prepared: the page and tests go
through these. A Celery worker prepares it (returns.returns_903_prepare)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from careleavers.queue import enqueue

from .models import Return903File
from .returns_903 import FIRST_YEAR
from .tasks import prepare_return_903


@transaction.atomic
def return_903_request(*, actor, year: int) -> Return903File:
    """Ask for the return for collection year `year`: a return waiting to be prepared, and the
    task that prepares it queued once this is committed. If Redis is down it waits until it is
    back (see careleavers.queue), and the page says so after a while."""
    if year < FIRST_YEAR:
        raise ValidationError(f"The return starts with the year ending March {FIRST_YEAR}")
    file = Return903File.objects.create(year=year, requested_by=actor,
                                         step="Waiting for the worker to start")
    enqueue(prepare_return_903, file.pk)
    return file


def return_903_latest(year: int) -> Return903File | None:
    """The return for `year` asked for most recently (without its zip), whatever its state."""
    return (Return903File.objects.without_zip().select_related("requested_by")
            .filter(year=year).first())


def return_903_latest_ready(year: int) -> Return903File | None:
    """The return for `year` prepared most recently (without its zip)."""
    return (Return903File.objects.without_zip().select_related("requested_by")
            .done().filter(year=year).order_by("-finished_at", "-pk").first())
