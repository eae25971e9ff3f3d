"""The worker's side of the 903 return (careleavers.prepared): work out the return for a
requested collection year in steps the page can follow, and keep the zip and everything the page
shows of it, so the page never works it out inside a web request."""

from datetime import date

from django.utils import timezone

from careleavers.prepared import prepared_make

from .models import Return903File
from .returns_903 import Return903, latest_ended_year, return_903


def failing_as_kept(result: Return903) -> list[dict]:
    """Who would fail the DfE's checks and why, as the page shows them, in birthday order."""
    return [
        {
            "pk": member.young_person.pk,
            "name": member.young_person.display_name,
            "child": member.young_person.person_id,
            "nth": member.nth,
            "birthday": member.birthday_on.isoformat(),
            "failures": [{"code": failure.code, "reason": failure.reason, "fix": failure.fix}
                         for failure in failures],
        }
        for member, failures in result.failing
    ]


def return_903_prepare(file_id: int, *, today: date | None = None) -> bool:
    """Prepare one requested return (the Celery task's work) and keep it. Only a return still
    waiting is prepared, so a task delivered twice prepares it once; one being prepared, ready
    or failed is left alone. Returns whether it prepared one."""

    def work(step) -> dict:
        year = Return903File.objects.filter(pk=file_id).values_list("year", flat=True).get()
        on = today or timezone.localdate()
        result = return_903(year, today=on, on_step=step)
        step(90, "Writing the files")
        return {
            "zip": result.as_zip(),
            "until": on if year > latest_ended_year(on) else None,
            "in_oc3": len(result.oc3),
            "young_person_ids": [member.young_person.pk for member in result.members],
            "failing": failing_as_kept(result),
        }

    return prepared_make(Return903File, file_id, work)
