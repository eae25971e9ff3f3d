"""The morning digest: each PA their own young people's alerts, each team manager their team's,
never twice for one date."""

from unittest import mock

import pytest
from django.conf import settings
from django.core import mail

from alerts.alerts import alerts_sync
from alerts.digest import digests_send
from alerts.models import DigestSent
from alerts.tasks import send_morning_digests
from tests.advisers.people import allocate, contact, days_ago, today, young_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def alerts(teams, staff):
    """North: one young person of the PA's never seen; one of the colleague's seen last week but
    with no plan (no alert). South: one with no PA and never seen."""
    mine = young_person(teams["north"], person_id="N-1")
    allocate(mine, staff["pa"])
    theirs = young_person(teams["north"], person_id="N-2")
    allocate(theirs, staff["colleague"])
    contact(theirs, staff["colleague"], on=days_ago(7))
    young_person(teams["south"], person_id="S-1")
    alerts_sync(on=today())


def email_to(user):
    [message] = [m for m in mail.outbox if m.to == [user.email]]
    return message


def test_a_pa_is_emailed_their_own_young_peoples_alerts(alerts, staff):
    digests_send(on=today())

    body = email_to(staff["pa"]).body
    assert "N-1: Never seen or spoken to" in body
    assert "N-2" not in body and "S-1" not in body
    assert "1 thing to do for your young people" in body


def test_a_team_manager_is_emailed_their_teams_alerts_only(alerts, staff):
    digests_send(on=today())

    body = email_to(staff["manager"]).body
    assert "N-1" in body and "S-1" not in body
    other = email_to(staff["other_manager"]).body
    assert "S-1: Their status needs a Personal Adviser" in other
    assert "S-1: Never seen or spoken to" in other


def test_the_email_names_no_young_person(alerts, staff):
    digests_send(on=today())

    person = staff["pa"].allocations.get().young_person
    assert person.last_name not in email_to(staff["pa"]).body


def test_nobody_with_nothing_to_do_and_no_other_role_is_emailed(alerts, staff):
    digests_send(on=today())

    recipients = {m.to[0] for m in mail.outbox}
    assert staff["colleague"].email not in recipients  # their young person needs nothing
    for role in ("board", "admin", "service", "duty"):
        assert staff[role].email not in recipients


def test_the_digest_is_never_sent_twice_for_one_date(alerts, staff):
    first = send_morning_digests(today().isoformat())
    count = len(mail.outbox)

    second = send_morning_digests(today().isoformat())

    assert first["sent"] == count == DigestSent.objects.count() == 3
    assert second == {"on": today().isoformat(), "sent": 0, "already_sent": 3}
    assert len(mail.outbox) == count


def test_a_failed_send_is_not_recorded_and_goes_next_time(alerts, staff):
    with mock.patch("alerts.digest.send_mail", side_effect=OSError("mail server down")):
        run = digests_send(on=today())

    assert run.sent == 0 and not DigestSent.objects.exists()
    assert digests_send(on=today()).sent == 3


def test_celery_beat_sends_the_digest_each_morning_after_the_nightly_checks():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["morning-digest"]["task"] == send_morning_digests.name
    nightly, morning = schedule["daily-checks"]["schedule"], schedule["morning-digest"]["schedule"]
    assert (min(nightly.hour), min(nightly.minute)) < (min(morning.hour), min(morning.minute))
