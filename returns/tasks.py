from celery import shared_task

from .returns_903_prepare import return_903_prepare


@shared_task
def prepare_return_903(file_id: int) -> dict:
    """Prepare one requested 903 return (returns.returns_903_prepare). Running it again for a
    return already prepared changes nothing."""
    prepared = return_903_prepare(file_id)
    return {"file": file_id, "prepared": prepared}
