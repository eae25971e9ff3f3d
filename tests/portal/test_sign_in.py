"""A young person signs in with a code sent to the email their PA invited: codes run out, work
once, are limited in number, and too many wrong ones lock the access for a while. Nobody learns
from the answers whether an email is known."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.access import SESSION_KEY
from portal.models import PortalVisit, SignInCode
from portal.services import access_withdraw
from portal.signin_views import EMAIL_KEY
from tests.advisers.people import error_next_to

pytestmark = pytest.mark.django_db

HOME = reverse("portal-home")
SIGN_IN = reverse("portal-sign-in")
CODE = reverse("portal-sign-in-code")


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Ask for a code for `email`; returns the code emailed, or None if none was."""

    def ask_for(email):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(SIGN_IN, {"email": email})
        assert response.status_code == 302 and response.url == CODE
        sent = mail.outbox[before:]
        if not sent:
            return None
        assert len(sent) == 1 and sent[0].to == [email.lower()]
        return re.search(r"\b(\d{6})\b", sent[0].body).group(1)

    return ask_for


def enter(client, code):
    return client.post(CODE, {"code": code})


def wrong(code):
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_the_emailed_code_signs_them_in_on_a_new_session_key(client, ask, access):
    code = ask(access.email)
    key_before = client.session.session_key

    response = enter(client, code)

    assert response.status_code == 302 and response.url == HOME
    assert client.session[SESSION_KEY] == access.pk
    assert client.session.session_key != key_before
    assert f"Hello {access.young_person.first_name}" in client.get(HOME).content.decode()
    access.refresh_from_db()
    assert access.first_signed_in_at is not None
    assert access.last_signed_in_at == access.first_signed_in_at
    assert list(PortalVisit.objects.filter(access=access).values_list("page", flat=True)) == [
        "Home", "Signed in"]


def test_the_code_is_kept_only_as_a_hash(ask, access):
    code = ask(access.email)

    kept = SignInCode.objects.get(access=access)
    assert code not in kept.code_hash and len(kept.code_hash) == 64


def test_the_email_is_matched_whatever_its_case(client, ask, access):
    code = ask(access.email.upper())

    assert code is not None
    assert enter(client, code).url == HOME


def test_a_code_works_once(client, ask, access):
    code = ask(access.email)
    enter(client, code)
    # Someone else who saw the email tries the same code, without asking for a new one.
    other = Client()
    session = other.session
    session[EMAIL_KEY] = access.email
    session.save()

    again = enter(other, code)

    assert again.status_code == 200
    assert error_next_to(again, "id_code").startswith("The code is not right")
    assert SESSION_KEY not in other.session
    assert SignInCode.objects.get().used_at is not None


def test_a_code_runs_out_after_ten_minutes(client, ask, access):
    code = ask(access.email)

    with time_machine.travel(timezone.now() + timedelta(minutes=10, seconds=1)):
        response = enter(client, code)

    assert response.status_code == 200
    assert "The code has run out. Ask for a new one" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_new_code_replaces_the_one_before(client, ask, access):
    first = ask(access.email)
    second = ask(access.email)

    assert "The code is not right" in enter(client, first).content.decode()
    assert enter(client, second).url == HOME


def test_at_most_three_codes_are_sent_in_a_quarter_of_an_hour(ask, access):
    sent = [ask(access.email) for _ in range(4)]

    assert all(sent[:3]) and sent[3] is None
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert ask(access.email) is not None


def test_five_wrong_codes_lock_the_access_and_say_until_when(client, ask, access):
    code = ask(access.email)
    for _ in range(4):
        assert "The code is not right" in enter(client, wrong(code)).content.decode()

    locked = enter(client, wrong(code))

    assert "You have typed a wrong code too many times. You can try again from" in \
        locked.content.decode()
    # The right code does not work now, and no new code is sent while locked.
    assert "too many times" in enter(client, code).content.decode()
    assert ask(access.email) is None
    assert SESSION_KEY not in client.session


def test_after_the_cool_off_a_new_code_signs_them_in(client, ask, access):
    code = ask(access.email)
    for _ in range(5):
        enter(client, wrong(code))

    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert "The code is not right" in enter(client, code).content.decode()  # locked code
        fresh = ask(access.email)
        assert enter(client, fresh).url == HOME


def test_an_unknown_email_gets_the_same_answers_and_no_email(client, ask, access):
    known = client.post(SIGN_IN, {"email": access.email})
    known_page = client.get(CODE).content.decode().replace(access.email, "EMAIL")

    assert ask("nobody@example.com") is None
    unknown_page = client.get(CODE).content.decode().replace("nobody@example.com", "EMAIL")
    answer = enter(client, "123456")

    assert known.status_code == 302
    assert _main(known_page) == _main(unknown_page)
    assert "The code is not right" in answer.content.decode()


def test_an_unknown_email_is_locked_by_wrong_codes_as_a_known_one_is(client, ask, access):
    answers = {}
    guess = "000000"
    with time_machine.travel(timezone.now(), tick=False):  # both locked until the same minute
        for email in (access.email, "nobody@example.com"):
            if ask(email) == guess:  # one time in a million the guess is right
                guess = "111111"
            answers[email] = [_main(enter(client, guess).content.decode()).replace(email, "EMAIL")
                              for _ in range(6)]

    assert answers[access.email] == answers["nobody@example.com"]
    assert "too many times" in answers[access.email][4]


def _main(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "",
                  html.split('<main', 1)[1].split("</main>", 1)[0])


def test_a_withdrawn_access_gets_no_code_and_its_code_does_not_work(client, ask, access, staff):
    code = ask(access.email)
    access_withdraw(actor=staff["pa"], access=access, reason="Phone lost")

    assert "The code is not right" in enter(client, code).content.decode()
    assert ask(access.email) is None


def test_an_invitation_that_ran_out_cannot_be_used(client, ask, access):
    with time_machine.travel(access.invitation_expires_at + timedelta(minutes=1)):
        assert ask(access.email) is None
        assert "The code is not right" in enter(client, "123456").content.decode()


def test_a_code_asked_for_in_time_does_not_outlive_the_invitation(client, ask, access):
    with time_machine.travel(access.invitation_expires_at - timedelta(minutes=2)):
        code = ask(access.email)
    with time_machine.travel(access.invitation_expires_at + timedelta(minutes=1)):
        assert enter(client, code).status_code == 200
    assert SESSION_KEY not in client.session


def test_once_taken_up_access_outlasts_the_invitation(client, ask, access):
    enter(client, ask(access.email))
    client.post(reverse("portal-sign-out"))

    with time_machine.travel(access.invitation_expires_at + timedelta(days=30)):
        assert enter(client, ask(access.email)).url == HOME


@pytest.mark.parametrize("typed, message", [
    ("", "Enter your email address"),
    ("not-an-email", "Enter an email address in the correct format, like name@example.com"),
])
def test_a_bad_email_is_named_next_to_the_field_and_nothing_is_sent(client, access, typed,
                                                                    message):
    response = client.post(SIGN_IN, {"email": typed})

    assert response.status_code == 200
    assert error_next_to(response, "id_email") == message
    assert 'class="govuk-error-summary' in response.content.decode()
    assert not SignInCode.objects.exists() and not mail.outbox


@pytest.mark.parametrize("typed, message", [
    ("", "Enter the code from the email"),
    ("12345", "The code is 6 numbers, like 123456"),
    ("abcdef", "The code is 6 numbers, like 123456"),
    ("12\x003456", "The code is 6 numbers, like 123456"),
    ("9" * 20, "The code is 6 numbers, like 123456"),
    ("1" * 10_000, "The code is 6 numbers, like 123456"),
])
def test_a_malformed_code_is_named_next_to_the_field_and_counts_for_nothing(
    client, ask, access, typed, message
):
    ask(access.email)

    response = enter(client, typed)

    assert response.status_code == 200
    assert error_next_to(response, "id_code") == message
    assert SignInCode.objects.get().wrong_attempts == 0


def test_the_code_page_needs_an_email_first(client):
    assert client.get(CODE).url == SIGN_IN


def test_signing_out_ends_the_session_and_is_logged(young_person_client, access):
    response = young_person_client.post(reverse("portal-sign-out"))

    assert response.url == SIGN_IN
    assert young_person_client.get(HOME).url == SIGN_IN
    assert PortalVisit.objects.filter(access=access, page="Signed out").exists()


def test_signing_out_takes_a_post(young_person_client):
    assert young_person_client.get(reverse("portal-sign-out")).status_code == 405
    assert young_person_client.get(HOME).status_code == 200
