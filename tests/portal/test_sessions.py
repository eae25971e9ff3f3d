"""A young person's session is short, ends the moment their access is withdrawn, and is never a
member of staff's."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from portal.access import SESSION_KEY
from portal.models import PortalVisit
from portal.services import access_withdraw
from tests.portal.conftest import signed_in_client

pytestmark = pytest.mark.django_db

HOME = reverse("portal-home")
SIGN_IN = reverse("portal-sign-in")


def test_a_signed_in_young_person_sees_their_page_and_it_is_logged(young_person_client, access):
    response = young_person_client.get(HOME)

    assert response.status_code == 200
    assert "Sam" in response.content.decode()
    assert PortalVisit.objects.get(access=access).page == "Home"


def test_their_pages_are_never_kept_by_the_browser(young_person_client):
    response = young_person_client.get(HOME)

    assert "no-store" in response["Cache-Control"]


def test_nobody_signed_in_is_sent_to_the_sign_in(client):
    assert client.get(HOME).url == SIGN_IN


def test_a_withdrawn_access_is_refused_at_the_very_next_request(young_person_client, access,
                                                                 staff):
    assert young_person_client.get(HOME).status_code == 200

    access_withdraw(actor=staff["pa"], access=access, reason="Their phone was stolen")

    response = young_person_client.get(HOME)
    assert response.status_code == 302 and response.url == SIGN_IN
    assert SESSION_KEY not in young_person_client.session


def test_the_session_ends_after_fifteen_minutes_idle(young_person_client):
    young_person_client.get(HOME)

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        response = young_person_client.get(HOME)
        page = young_person_client.get(SIGN_IN)

    assert response.url == SIGN_IN
    assert "You were signed out because you had not done anything for a while" in \
        page.content.decode()


def test_the_session_ends_two_hours_after_signing_in_however_busy(client, access):
    young_person_client = signed_in_client(access)
    start = timezone.now()
    young_person_client.get(HOME)
    for minutes in range(10, 120, 10):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert young_person_client.get(HOME).status_code == 200

    with time_machine.travel(start + timedelta(minutes=121)):
        assert young_person_client.get(HOME).url == SIGN_IN


def test_a_signed_in_member_of_staff_is_not_a_young_person(client, staff, access):
    client.force_login(staff["pa"])
    session = client.session
    session[SESSION_KEY] = access.pk  # even holding a young person's access
    session.save()

    for url in (HOME, SIGN_IN, reverse("portal-sign-in-code")):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "These pages are for young people" in response.content.decode()
        assert "Sam" not in response.content.decode()
    assert client.post(SIGN_IN, {"email": access.email}).status_code == 403
    assert client.post(reverse("portal-sign-out")).status_code == 403
    assert client.get(reverse("home")).status_code == 200  # still signed in as staff


def test_a_signed_in_young_person_going_to_the_sign_in_goes_home(young_person_client):
    assert young_person_client.get(SIGN_IN).url == HOME
