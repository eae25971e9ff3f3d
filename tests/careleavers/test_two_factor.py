import pytest
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
    device = TOTPDevice.objects.get(user=staff["pa"], confirmed=False)

    response = client.post(reverse("two-factor-setup"), {"code": code_for(device), "next": "/"})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
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
