"""The board pack PDF made by a real Celery worker through Redis, as in production: asked for on
the page, queued once the request commits, made and kept in the database for the web to serve."""

import io
import time

import pytest
from pypdf import PdfReader

from boardpack.board_pack import board_pack_commentary_save, board_pack_request
from boardpack.models import BoardPackFile, BoardPackFileState
from boardpack.tasks import make_board_pack
from dashboard.snapshots import previous_month
from tests.advisers.people import today


def wait_until_finished(file_id: int, seconds: float = 90) -> BoardPackFile:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        file = BoardPackFile.objects.get(pk=file_id)
        if file.state in (BoardPackFileState.DONE, BoardPackFileState.FAILED):
            return file
        time.sleep(0.5)
    raise AssertionError(f"The board pack was still {file.state} after {seconds} s")


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_worker_makes_the_pack_asked_for_and_a_second_run_changes_nothing(celery_worker,
                                                                             staff):
    pack = board_pack_commentary_save(
        actor=staff["service"], month=previous_month(today()), version=1,
        commentary={"authorisation": "Duty managers now authorise when a manager is away."},
    )

    file = board_pack_request(actor=staff["service"], pack=pack)  # queued on commit
    file = wait_until_finished(file.pk)

    assert file.state == BoardPackFileState.DONE, file.error
    assert file.progress == 100 and file.step == "Ready"
    pdf = bytes(file.pdf)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Duty managers now authorise when a manager is away." in text
    assert make_board_pack.delay(file.pk).get(timeout=60) == {"file": file.pk, "made": False}
    file.refresh_from_db()
    assert bytes(file.pdf) == pdf and file.state == BoardPackFileState.DONE
