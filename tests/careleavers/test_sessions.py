import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_idle_session_ends_after_30_minutes(client, staff):
    with time_machine.travel("2026-11-23 09:00", tick=False) as traveller:
        client.force_login(staff["pa"])
        assert client.get(reverse("home")).status_code == 200

        traveller.shift(60 * 31)
        response = client.get(reverse("home"))

    assert response.status_code == 302
    assert "timed_out=idle" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_activity_keeps_the_session_alive(client, staff):
    with time_machine.travel("2026-11-23 09:00", tick=False) as traveller:
        client.force_login(staff["pa"])
        client.get(reverse("home"))
        for _ in range(3):
            traveller.shift(60 * 25)
            assert client.post(reverse("keep-alive")).status_code == 200

        assert client.get(reverse("home")).status_code == 200


def test_sign_in_page_explains_why_the_user_was_signed_out(client):
    response = client.get(reverse("sign-in") + "?timed_out=idle")

    assert "had not done anything for 30 minutes" in response.content.decode()


def test_a_session_ends_12_hours_after_sign_in_however_busy(client, staff):
    with time_machine.travel("2026-11-23 07:00", tick=False) as traveller:
        client.force_login(staff["pa"])
        client.get(reverse("home"))
        for _ in range(35):  # 35 × 20 minutes = 11 h 40 min of steady work
            traveller.shift(60 * 20)
            assert client.get(reverse("home")).status_code == 200

        traveller.shift(60 * 21)
        response = client.get(reverse("home"))

    assert response.status_code == 302
    assert "timed_out=absolute" in response["Location"]


def test_sessions_are_kept_in_the_database_not_in_redis(client, staff):
    client.force_login(staff["pa"])

    assert Session.objects.filter(session_key=client.session.session_key).exists()
