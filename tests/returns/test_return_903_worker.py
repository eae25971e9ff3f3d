"""The 903 return prepared by a real Celery worker through Redis, as in production: asked for,
queued once the request commits, prepared and kept in the database for the web to serve."""

import time
from datetime import date

import pytest

from careleavers.prepared import PreparedState
from returns.models import Return903File
from returns.returns_903 import return_903
from returns.returns_903_files import return_903_request
from returns.tasks import prepare_return_903
from tests.dashboard.people_903 import YEAR, care_leaver, seen


def wait_until_finished(file_id: int, seconds: float = 90) -> Return903File:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        file = Return903File.objects.get(pk=file_id)
        if file.state in (PreparedState.DONE, PreparedState.FAILED):
            return file
        time.sleep(0.5)
    raise AssertionError(f"The return was still {file.state} after {seconds} s")


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_worker_prepares_the_return_asked_for_and_a_second_run_changes_nothing(
    celery_worker, staff, teams
):
    gail = care_leaver(teams["north"], born=date(2004, 9, 20), person_id="CL-GAP",
                       first_name="Gail", last_name="Pike")
    seen(gail, date(2024, 9, 1))

    file = return_903_request(actor=staff["service"], year=YEAR)  # queued on commit
    file = wait_until_finished(file.pk)

    assert file.state == PreparedState.DONE, file.error
    assert file.progress == 100 and file.step == "Ready"
    assert file.young_person_ids == [gail.pk] and file.in_oc3 == 1
    assert [(row["child"], row["pk"]) for row in file.failing] == [("CL-GAP", gail.pk)]
    direct = return_903(YEAR)
    assert [row["failures"][0]["code"] for row in file.failing] == [
        failures[0].code for _, failures in direct.failing]
    kept = bytes(file.zip)
    assert prepare_return_903.delay(file.pk).get(timeout=60) == {"file": file.pk,
                                                                 "prepared": False}
    file.refresh_from_db()
    assert bytes(file.zip) == kept and file.state == PreparedState.DONE
