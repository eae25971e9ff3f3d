"""The nightly jobs through a real Redis and a real Celery worker process, twice for one date: the
first raises what the passing of time brings, the second raises no duplicate alert and sends no
second email."""

from datetime import timedelta

import pytest

from advisers.services import adviser_allocate, contact_record
from alerts.models import Alert, AlertKind, DigestSent
from alerts.tasks import run_daily_checks, send_morning_digests
from careleavers.services import young_person_create
from eligibility.services import care_period_add
from tests.advisers.people import at, days_ago, today


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_the_nightly_jobs_run_twice_through_a_worker_raise_and_send_once(celery_worker, teams,
                                                                          staff):
    for person_id in ("FR-1", "FR-2"):
        person = young_person_create(
            actor=None, today=today(), person_id=person_id, first_name="Fran", last_name="Rel",
            date_of_birth=today().replace(year=today().year - 19) - timedelta(days=10),
            sex="F", ethnicity="WBRI", team=teams["north"],
        )
        care_period_add(actor=None, young_person=person, start_on=days_ago(365 * 4),
                        end_on=days_ago(400), today=today())
    # FR-2 has a PA and was seen 50 days ago; FR-1 has no PA and was never seen, and that is on
    # the to-do list as soon as their records are saved.
    adviser_allocate(actor=staff["manager"], young_person=person, adviser=staff["pa"],
                     start_on=days_ago(60))
    contact_record(actor=staff["pa"], young_person=person, contact_at=at(days_ago(50)),
                   contact_type="home_visit", outcome="seen")
    assert Alert.objects.open().count() == 2
    # Ten days on, FR-2's next visit (every 8 weeks) is overdue.
    on = (today() + timedelta(days=10)).isoformat()

    first = run_daily_checks.delay(on).get(timeout=60)
    alerts = list(Alert.objects.open().order_by("pk").values())
    first_digest = send_morning_digests.delay(on).get(timeout=60)
    second = run_daily_checks.delay(on).get(timeout=60)
    second_digest = send_morning_digests.delay(on).get(timeout=60)

    assert first["alerts_raised"] == 1  # FR-2 not seen for 60 days
    assert second["alerts_raised"] == second["alerts_resolved"] == 0
    assert list(Alert.objects.open().order_by("pk").values()) == alerts
    assert sorted(a["kind"] for a in alerts) == sorted(
        [AlertKind.CONTACT_MISSED, AlertKind.CONTACT_MISSED, AlertKind.UNALLOCATED])
    # The PA (FR-2) and the north team manager (both) are emailed once each.
    assert first_digest["sent"] == 2
    assert second_digest == {"on": on, "sent": 0, "already_sent": 2}
    assert sorted(DigestSent.objects.values_list("recipient__username", "items")) == sorted(
        [(staff["pa"].username, 1), (staff["manager"].username, 3)])
