"""Preparing the Corporate Parenting Board pack: a service manager writes the commentary for a
month, then asks for the PDF, which a Celery worker makes (`boardpack.board.board_pack_make`) and
keeps. Views, the command and tests all go through these."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from careleavers.concurrency import lock_if_current
from careleavers.history import save_with_history
from careleavers.queue import enqueue
from dashboard.snapshots import month_start

from .board import SECTION_HEADINGS
from .models import BoardPack, BoardPackFile
from .tasks import make_board_pack

#: Long enough for a few paragraphs under each heading; the pack is read, not studied.
COMMENTARY_MAX_CHARACTERS = 3000


def board_pack_for(month: date) -> BoardPack:
    """The month's pack, or a new unsaved one (version 1) if nobody has written for it yet."""
    first = month_start(month)
    return BoardPack.objects.filter(month=first).first() or BoardPack(month=first)


@transaction.atomic
def board_pack_commentary_save(*, actor, month: date, version: int,
                               commentary: dict[str, str]) -> BoardPack:
    """Keep the commentary for each section of the month's pack. `version` is the one the
    writer read: if someone else saved since, careleavers.concurrency.StaleEditError is raised
    and nothing changes. Text for sections the pack does not have is refused."""
    unknown = set(commentary) - set(SECTION_HEADINGS)
    if unknown:
        raise ValidationError(f"The pack has no section {', '.join(sorted(unknown))}")
    too_long = [key for key, text in commentary.items()
                if len(text.strip()) > COMMENTARY_MAX_CHARACTERS]
    if too_long:
        raise ValidationError({
            key: f"Commentary must be {COMMENTARY_MAX_CHARACTERS} characters or fewer"
            for key in too_long
        })
    pack, _ = BoardPack.objects.get_or_create(month=month_start(month))
    pack = lock_if_current(BoardPack, pk=pack.pk, expected_version=version)
    pack.commentary = {
        key: text.replace("\r\n", "\n").strip()
        for key, text in commentary.items() if text.strip()
    }
    pack.version = version + 1
    pack.updated_by = actor
    save_with_history(pack, actor)
    return pack


@transaction.atomic
def board_pack_request(*, actor, pack: BoardPack) -> BoardPackFile:
    """Ask for the pack as a PDF: a file waiting to be made, and the task that makes it queued
    once this is committed. If Redis is down, the file stays waiting until it is back (see
    careleavers.queue), and the page says so after a while."""
    if pack.pk is None:
        raise ValidationError("Save the commentary before making the PDF")
    file = BoardPackFile.objects.create(pack=pack, requested_by=actor,
                                        step="Waiting for the worker to start")
    enqueue(make_board_pack, file.pk)
    return file
