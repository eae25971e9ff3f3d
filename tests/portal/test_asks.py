"""What a young person asks on their own pages: a message to their PA, new contact details, a
plan review, support after 21. Each is saved whole or not at all, bad input is told next to its
field, and nothing on their record changes until their PA answers."""

from datetime import timedelta

import pytest
from django.urls import reverse

from careleavers.models import YoungPerson
from eligibility.rules import Status, birthday
from eligibility.services import care_period_add
from portal.models import Ask, AskKind, AskState
from portal.services import (
    TEXT_MAX_LENGTH,
    ask_decline,
    details_change_propose,
    message_send,
)
from tests.advisers.people import allocate, young_person
from tests.careleavers.records import add_young_person, years_ago
from tests.pathways.plan_pages import error_next_to, error_summary
from tests.portal.asks_support import access_for, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(teams, staff):
    """Former relevant, with a PA, and the contact details on their record."""
    someone = young_person(teams["north"], phone="07700 900001", email="old@example.com",
                           address="1 Old Street\nLeeds")
    allocate(someone, staff["pa"])
    return someone


@pytest.fixture
def signed_in_person(client, person, staff):
    signed_in(client, person, invited_by=staff["pa"])
    return person


def care_leaver_aged_22(teams, staff):
    """Looked after from 15 to 18, now 22 and not receiving support: may ask for it."""
    dob = years_ago(22, days=40)
    someone = add_young_person(team=teams["north"], actor=staff["manager"], date_of_birth=dob)
    care_period_add(actor=staff["manager"], young_person=someone,
                    start_on=birthday(dob, 15), end_on=birthday(dob, 18) - timedelta(days=1))
    someone.refresh_from_db()
    assert someone.statutory_status.status == Status.ENTITLED_ON_REQUEST
    return someone


# --- a message -------------------------------------------------------------------------------


def test_a_message_is_sent_to_their_pa_and_shown_as_waiting(client, signed_in_person):
    response = client.post(reverse("portal-message"), {"text": "Can we meet on Friday?"})

    assert response.url == reverse("portal-asks")
    sent = Ask.objects.get(young_person=signed_in_person)
    assert (sent.kind, sent.state, sent.text) == (AskKind.MESSAGE, AskState.WAITING,
                                                  "Can we meet on Friday?")
    page = client.get(response.url).content.decode()
    assert "Your message has been sent to your PA" in page
    assert "Waiting for your PA" in page


@pytest.mark.parametrize("text, error", [
    ("", "Write your message"),
    ("   \r\n  ", "Write your message"),
    ("x" * (TEXT_MAX_LENGTH + 1), f"This must be {TEXT_MAX_LENGTH:,} characters or fewer"),
])
def test_a_message_that_is_empty_or_too_long_is_refused_next_to_the_box(
    client, signed_in_person, text, error
):
    response = client.post(reverse("portal-message"), {"text": text})

    assert response.status_code == 200
    assert error_next_to(response, "text") == error
    assert error in error_summary(response)
    assert not Ask.objects.exists()


def test_a_message_does_not_count_as_keeping_in_touch(client, signed_in_person):
    signed_in_person.standing.refresh_from_db()
    before = signed_in_person.standing.last_in_touch_on

    client.post(reverse("portal-message"), {"text": "I have a new job"})

    signed_in_person.standing.refresh_from_db()
    assert signed_in_person.standing.last_in_touch_on == before


# --- new contact details ---------------------------------------------------------------------


def test_new_details_wait_for_the_pa_and_change_nothing_yet(client, signed_in_person):
    page = client.get(reverse("portal-details")).content.decode()
    assert "07700 900001" in page  # their details as the record holds them, to change

    response = client.post(reverse("portal-details"), {
        "phone": "07700 900222", "email": "old@example.com", "address": "1 Old Street\r\nLeeds",
    })

    assert response.url == reverse("portal-asks")
    proposed = Ask.objects.get(young_person=signed_in_person, kind=AskKind.DETAILS)
    assert (proposed.phone, proposed.phone_was) == ("07700 900222", "07700 900001")
    assert proposed.summary == "New phone number"
    signed_in_person.refresh_from_db()
    assert signed_in_person.phone == "07700 900001"


@pytest.mark.parametrize("field, value, error", [
    ("email", "not-an-email", "Enter an email address in the correct format, like "
                              "name@example.com"),
    ("phone", "0" * 31, "Ensure this value has at most 30 characters (it has 31)."),
])
def test_new_details_are_checked_as_the_staff_form_checks_them(
    client, signed_in_person, field, value, error
):
    data = {"phone": "07700 900001", "email": "old@example.com", "address": "1 Old Street",
            field: value}

    response = client.post(reverse("portal-details"), data)

    assert response.status_code == 200
    assert error_next_to(response, field) == error
    assert not Ask.objects.exists()


def test_details_with_nothing_changed_are_not_sent(client, signed_in_person):
    response = client.post(reverse("portal-details"), {
        "phone": "07700 900001", "email": "old@example.com", "address": "1 Old Street\nLeeds",
    })

    assert response.status_code == 200
    assert "You have not changed anything" in error_summary(response)
    assert not Ask.objects.exists()


def test_a_second_set_of_details_waits_until_the_first_is_answered(client, signed_in_person):
    client.post(reverse("portal-details"), {"phone": "07700 900222", "email": "", "address": ""})

    response = client.post(reverse("portal-details"),
                           {"phone": "07700 900333", "email": "", "address": ""})

    assert response.status_code == 200
    assert "You already sent new details" in error_summary(response)
    assert Ask.objects.count() == 1


# --- a plan review ---------------------------------------------------------------------------


def test_a_review_needs_a_reason(client, signed_in_person):
    response = client.post(reverse("portal-review"), {"text": ""})

    assert error_next_to(response, "text") == (
        "Tell us why you would like your plan looked at again")
    assert not Ask.objects.exists()


def test_a_review_is_asked_for_and_waits(client, signed_in_person):
    response = client.post(reverse("portal-review"), {"text": "I have moved in with my sister"})

    assert response.url == reverse("portal-asks")
    asked = Ask.objects.get(young_person=signed_in_person)
    assert (asked.kind, asked.state) == (AskKind.REVIEW, AskState.WAITING)


def test_someone_with_no_plan_is_not_offered_a_review(client, teams, staff):
    qualifying = young_person(teams["north"], status=Status.QUALIFYING)
    signed_in(client, qualifying, invited_by=staff["pa"])

    assert reverse("portal-review") not in client.get(reverse("portal-asks")).content.decode()
    assert client.get(reverse("portal-review")).status_code == 404
    assert client.post(reverse("portal-review"), {"text": "Please"}).status_code == 404
    assert not Ask.objects.exists()


# --- support after 21 ------------------------------------------------------------------------


def test_a_care_leaver_of_22_not_receiving_support_may_ask_for_it(client, teams, staff):
    someone = care_leaver_aged_22(teams, staff)
    signed_in(client, someone, invited_by=staff["manager"])

    page = client.get(reverse("portal-asks")).content.decode()
    assert "Ask for support from your leaving care team" in page
    form = client.get(reverse("portal-support")).content.decode()
    assert 'name="support" value="asked"' in form

    response = client.post(reverse("portal-support"), {"support": "asked",
                                                       "text": "I lost my job"})

    assert response.url == reverse("portal-asks")
    asked = Ask.objects.get(young_person=someone)
    assert (asked.kind, asked.support, asked.state) == (AskKind.SUPPORT, "asked",
                                                        AskState.WAITING)
    someone.refresh_from_db()
    assert someone.statutory_status.status == Status.ENTITLED_ON_REQUEST  # not until confirmed


def test_an_opt_out_cannot_be_sent_by_someone_who_may_only_ask(client, teams, staff):
    someone = care_leaver_aged_22(teams, staff)
    signed_in(client, someone, invited_by=staff["manager"])

    response = client.post(reverse("portal-support"), {"support": "opted_out", "text": ""})

    assert response.status_code == 200
    assert error_summary(response)
    assert not Ask.objects.exists()


@pytest.mark.parametrize("status", [Status.FORMER_RELEVANT, Status.RELEVANT, Status.QUALIFYING])
def test_support_after_21_is_not_offered_to_anyone_else(client, teams, staff, status):
    someone = young_person(teams["north"], status=status)
    signed_in(client, someone, invited_by=staff["pa"])

    assert reverse("portal-support") not in client.get(reverse("portal-asks")).content.decode()
    assert client.get(reverse("portal-support")).status_code == 404
    assert client.post(reverse("portal-support"), {"support": "asked"}).status_code == 404
    assert not Ask.objects.exists()


# --- their asks, and nobody else's -----------------------------------------------------------


def test_another_young_persons_ask_is_not_found(client, signed_in_person, teams, staff):
    other = young_person(teams["north"])
    theirs = message_send(access=access_for(other, invited_by=staff["pa"]),
                          text="Private to them")
    mine = message_send(access=signed_in_person.portal_accesses.get(), text="Mine")

    assert client.get(reverse("portal-ask", args=[mine.pk])).status_code == 200
    assert client.get(reverse("portal-ask", args=[theirs.pk])).status_code == 404
    assert "Private to them" not in client.get(reverse("portal-asks")).content.decode()


def test_an_answer_is_shown_to_the_young_person_with_the_reason(client, signed_in_person,
                                                                staff):
    proposed = details_change_propose(access=signed_in_person.portal_accesses.get(),
                                      phone="07700 900999", email="", address="")
    ask_decline(actor=staff["pa"], ask=proposed, reason="That number is not yours, call me")

    page = client.get(reverse("portal-asks")).content.decode()
    assert "Your PA said no: That number is not yours, call me" in page
    assert YoungPerson.objects.get(pk=signed_in_person.pk).phone == "07700 900001"
