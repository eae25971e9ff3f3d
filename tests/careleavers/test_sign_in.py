import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from careleavers.models import Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

HOME_WORDS = {
    Role.PERSONAL_ADVISER: "record a visit, call or message",
    Role.TEAM_MANAGER: "allocate and change Personal Advisers",
    Role.DUTY_MANAGER: "pathway plans for any team when its manager is away",
    Role.SERVICE_MANAGER: "prepare the board pack",
    Role.BOARD_MEMBER: "download the board pack",
    Role.ADMINISTRATOR: "add and change staff accounts and teams",
}


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(reverse("sign-in"), {"username": username, "password": password}, **extra)


@pytest.mark.parametrize(
    "persona", ["pa", "manager", "duty", "service", "board", "admin"]
)
def test_each_role_signs_in_to_a_home_page_saying_what_they_can_do(client, staff, persona):
    user = staff[persona]

    response = sign_in(client, user.username, follow=True)

    assert response.redirect_chain[-1][0] == reverse("home")
    page = response.content.decode()
    assert f"Hello, {user.get_full_name()}" in page
    assert HOME_WORDS[user.role] in page


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign-in"))


def test_wrong_password_is_refused_with_an_error_summary(client, staff):
    response = sign_in(client, "pa", "not-the-password")

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter a correct username and password" in page
    assert "_auth_user_id" not in client.session


def test_empty_fields_get_an_error_next_to_each(client, staff):
    response = client.post(reverse("sign-in"), {"username": "", "password": ""})

    page = response.content.decode()
    assert 'href="#id_username">Enter your username' in page
    assert 'href="#id_password">Enter your password' in page
    assert page.count("govuk-error-message") == 2


def test_a_username_longer_than_any_account_has_is_refused_next_to_it(client, staff):
    # Django checks the length only in the browser; the lockout's record of the attempt would
    # not hold it.
    response = sign_in(client, "p" * 10_000)

    assert response.status_code == 200
    assert 'href="#id_username">Username must be 150 characters or fewer' in (
        response.content.decode())
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_until_the_cool_off_ends(client, staff):
    with time_machine.travel("2026-11-23 09:00", tick=False) as traveller:
        for _ in range(5):
            sign_in(client, "pa", "wrong-password")

        locked = sign_in(client, "pa")  # even the right password is refused now
        assert locked.status_code == 429
        assert "Your account is locked" in locked.content.decode()
        assert "_auth_user_id" not in client.session

        traveller.shift(60 * 14)
        assert sign_in(client, "pa").status_code == 429  # another try starts the cool-off again

        traveller.shift(60 * 16)  # 16 quiet minutes after the last try: the cool-off is over
        response = sign_in(client, "pa")
        assert response.status_code == 302
        assert response["Location"] == reverse("home")


def test_locking_one_account_leaves_colleagues_able_to_sign_in(client, staff):
    for _ in range(5):
        sign_in(client, "pa", "wrong-password")

    colleague_laptop = Client(REMOTE_ADDR="10.0.0.2")
    response = sign_in(colleague_laptop, "colleague")

    assert response.status_code == 302
    assert sign_in(Client(REMOTE_ADDR="10.0.0.3"), "pa").status_code == 429


OFFICE = {"REMOTE_ADDR": "203.0.113.10", "HTTP_USER_AGENT": "Mozilla/5.0 (Windows NT 10.0) Edg/131"}


def test_one_locked_account_leaves_a_colleague_at_the_same_address_and_browser_signing_in(staff):
    # A whole office reaches the service through one address, on the same managed browser.
    for _ in range(5):
        sign_in(Client(**OFFICE), "pa", "wrong-password")

    assert sign_in(Client(**OFFICE), "pa").status_code == 429
    response = sign_in(Client(**OFFICE), "colleague")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_an_account_is_locked_after_five_wrong_passwords_from_different_addresses(staff):
    for n in range(5):
        sign_in(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), "pa", "wrong-password")

    locked = sign_in(Client(REMOTE_ADDR="192.0.2.77", HTTP_USER_AGENT="Firefox"), "pa")

    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()


def wrong_passwords_from_the_office(count):
    """`count` wrong passwords from the office, spread over made-up usernames four at a time, so
    no account reaches its own limit of five."""
    for n in range(count):
        sign_in(Client(**OFFICE), f"guess-{n // 4}", "wrong-password")


def test_an_address_is_paused_only_at_fifty_wrong_passwords_for_any_accounts(staff, settings):
    assert settings.SIGN_IN_ADDRESS_LIMIT == 50
    with time_machine.travel("2026-11-23 09:00", tick=False) as traveller:
        wrong_passwords_from_the_office(49)
        # 49: someone in the office still signs in.
        response = sign_in(Client(**OFFICE), "colleague")
        assert response.status_code == 302

        fiftieth = sign_in(Client(**OFFICE), "guess-50", "wrong-password")
        assert fiftieth.status_code == 429

        # Now even the right password of an account with no wrong tries is refused from there,
        # with the same page and status an account lock gives.
        refused = sign_in(Client(**OFFICE), "pa")
        assert refused.status_code == 429
        assert "registration/locked_out.html" in [t.name for t in refused.templates]
        assert "Sign-in from your network is paused" in refused.content.decode()
        assert "_auth_user_id" not in refused.client.session
        # Somewhere else, the same account signs in.
        assert sign_in(Client(REMOTE_ADDR="192.0.2.77"), "pa").status_code == 302

        traveller.shift(60 * 16)  # 16 quiet minutes: the pause is over
        assert sign_in(Client(**OFFICE), "other_pa").status_code == 302


def test_a_paused_address_is_refused_before_the_password_is_checked(staff, monkeypatch):
    from django.contrib.auth.backends import ModelBackend

    wrong_passwords_from_the_office(50)
    checked = []
    real_authenticate = ModelBackend.authenticate

    def authenticate(self, *args, **kwargs):
        checked.append(kwargs.get("username"))
        return real_authenticate(self, *args, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", authenticate)

    assert sign_in(Client(**OFFICE), "pa").status_code == 429
    assert checked == []


def test_the_locked_page_says_how_long_to_wait_in_minutes(client, staff):
    for _ in range(5):
        sign_in(client, "pa", "wrong-password")

    page = sign_in(client, "pa").content.decode()

    assert "15 minutes" in page
    assert "PT15M" not in page


def test_sign_out_ends_the_session(client, staff):
    sign_in(client, "pa")

    client.post(reverse("sign-out"))

    assert client.get(reverse("home")).status_code == 302


def test_password_reset_email_lets_staff_choose_a_new_password(client, staff, mailoutbox):
    client.post(reverse("password_reset"), {"email": staff["pa"].email})

    assert len(mailoutbox) == 1
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "a-long-new-passphrase-2026"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert "Password changed" in done.content.decode()
    assert sign_in(client, "pa", new).status_code == 302


def test_password_reset_does_not_say_whether_an_address_has_an_account(client, staff, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@council.example"},
                           follow=True)

    assert "Check your email" in response.content.decode()
    assert mailoutbox == []
