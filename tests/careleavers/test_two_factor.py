import base64
import re

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def mfa_required(settings):
    settings.REQUIRE_MFA = True


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def key_shown(page) -> bytes:
    """The key the setup page offers to type in instead of scanning (the QR code carries it too)."""
    found = re.search(r"Enter this key in the app instead: <strong[^>]*>([A-Z2-7 ]+)</strong>",
                      page.content.decode())
    text = found.group(1).replace(" ", "")
    return base64.b32decode(text + "=" * (-len(text) % 8))


def code_for_key(key: bytes) -> str:
    return f"{totp(key):06d}"


def signed_in(client, user):
    assert client.post(reverse("sign-in"), {"username": user.username, "password": PASSWORD})
    return client


@pytest.mark.parametrize("path", ["/", "/admin/", "/no-such-page/"])
def test_without_a_second_factor_no_page_opens(client, staff, mfa_required, path):
    signed_in(client, staff["admin"])

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-setup"))


def test_new_user_sets_up_an_authenticator_app_and_then_gets_in(client, staff, mfa_required):
    signed_in(client, staff["pa"])
    setup_page = client.get(reverse("two-factor-setup"))
    assert "Scan this QR code" in setup_page.content.decode()
    key = key_shown(setup_page)

    response = client.post(reverse("two-factor-setup"), {"code": code_for_key(key), "next": "/"})

    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=staff["pa"])
    assert device.confirmed
    assert device.bin_key == key
    assert client.get(reverse("home")).status_code == 200


def test_opening_the_setup_page_adds_no_device(client, staff, mfa_required):
    signed_in(client, staff["pa"])

    first = client.get(reverse("two-factor-setup"))
    again = client.get(reverse("two-factor-setup"))

    assert first.status_code == again.status_code == 200
    assert not TOTPDevice.objects.exists()
    assert key_shown(again) == key_shown(first)  # the app the user scanned stays the right one


def test_a_wrong_setup_code_is_refused_and_the_scanned_code_still_works(client, staff,
                                                                       mfa_required):
    with time_machine.travel("2026-11-23 09:00", tick=False) as traveller:
        signed_in(client, staff["pa"])
        key = key_shown(client.get(reverse("two-factor-setup")))

        refused = client.post(reverse("two-factor-setup"), {"code": "000000"})

        assert "That code is not right" in refused.content.decode()
        assert key_shown(refused) == key
        assert not TOTPDevice.objects.filter(confirmed=True).exists()
        assert client.get(reverse("home")).status_code == 302
        traveller.shift(30)  # past the pause after a wrong code, into the app's next code
        response = client.post(reverse("two-factor-setup"),
                               {"code": code_for_key(key), "next": "/"})
        assert response.status_code == 302
        assert TOTPDevice.objects.get(user=staff["pa"]).confirmed
        assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("next_page", ["plans", "a\x00b", "https://elsewhere.example/"])
def test_after_the_code_a_next_page_that_is_not_a_page_here_goes_home(
    client, staff, mfa_required, next_page
):
    device = TOTPDevice.objects.create(user=staff["pa"], name="app", confirmed=True)
    signed_in(client, staff["pa"])

    response = client.post(reverse("two-factor-verify"),
                           {"code": code_for(device), "next": next_page})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_wrong_code_is_refused_with_a_message(client, staff, mfa_required):
    TOTPDevice.objects.create(user=staff["pa"], name="app", confirmed=True)
    signed_in(client, staff["pa"])

    response = client.post(reverse("two-factor-verify"), {"code": "000000"})

    assert "That code is not right" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_user_with_an_app_must_enter_its_code_each_sign_in(client, staff, mfa_required):
    device = TOTPDevice.objects.create(user=staff["pa"], name="app", confirmed=True)
    signed_in(client, staff["pa"])
    assert client.get(reverse("home"))["Location"].startswith(reverse("two-factor-verify"))

    client.post(reverse("two-factor-verify"), {"code": code_for(device)})

    assert client.get(reverse("home")).status_code == 200


def test_when_mfa_is_not_required_password_alone_is_enough(client, staff, settings):
    settings.REQUIRE_MFA = False
    signed_in(client, staff["pa"])

    assert client.get(reverse("home")).status_code == 200
