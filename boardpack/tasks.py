from celery import shared_task

from .board import board_pack_make


# The task name is the one it had when it lived in `dashboard`: tasks already waiting in the
# outbox (careleavers.QueuedTask) name it so.
@shared_task(name="dashboard.tasks.make_board_pack")
def make_board_pack(file_id: int) -> dict:
    """Make one requested board pack PDF (boardpack.board.board_pack_make). Running it again for
    a file already made changes nothing."""
    made = board_pack_make(file_id)
    return {"file": file_id, "made": made}
