"""A young person sees what the local offer gives them: what they can get, what was asked for
them and where it stands, what was paid and what is left; never the reasons staff wrote."""

import pytest
from django.urls import reverse

from eligibility.rules import Status
from localoffer.services import payment_cancel, request_decline
from tests.localoffer.offer import agreed, asked, care_leaver, entitlement, paid
from tests.portal.see_support import sign_in

pytestmark = pytest.mark.django_db


def money_page(client):
    response = client.get(reverse("portal-money"))
    assert response.status_code == 200
    return response.content.decode()


def test_they_see_what_they_can_get_what_was_paid_and_what_is_left(client, staff, teams):
    person = care_leaver(teams["north"], staff["pa"], age=19)
    request = agreed(person, staff["pa"], staff["manager"], pence=120_000)
    paid(request, staff["pa"], 50_000)
    home = entitlement("setting-up-home")
    sign_in(client, person, staff["pa"])

    page = money_page(client)

    card = page[page.index('id="entitlement-setting-up-home"'):]
    card = card[:card.index("</dl>")]
    assert home.name in card and home.amount in card
    assert "£500.00" in card  # paid
    assert f"£{(home.amount_pence - 50_000) // 100:,}.00" in card  # left
    assert "£700.00 of it is agreed or asked for, not paid yet" in card
    asked_for = page[page.index('id="asked-for"'):page.index('id="paid"')]
    assert "£1,200.00" in asked_for and "Agreed." in asked_for and "£500.00 paid." in asked_for
    payments = page[page.index('id="paid"'):]
    assert "£500.00" in payments and "Bank transfer" in payments


def test_an_entitlement_they_cannot_have_is_not_offered(client, staff, teams):
    # The higher education bursary is for former relevant young people at university; a
    # 16-year-old still looked after cannot have it.
    person = care_leaver(teams["north"], staff["pa"], age=16, status=Status.ELIGIBLE)
    bursary = entitlement("higher-education-bursary")
    sign_in(client, person, staff["pa"])

    assert f'id="entitlement-{bursary.key}"' not in money_page(client)


def test_a_declined_request_says_so_without_the_managers_reason(client, staff, teams):
    person = care_leaver(teams["north"], staff["pa"], age=19)
    request = asked(person, staff["pa"], pence=100_000)  # waits for a manager to decide
    request_decline(actor=staff["manager"], request=request,
                    reason="Staff only: the landlord is under investigation")
    sign_in(client, person, staff["pa"])

    page = money_page(client)

    assert "Not agreed." in page
    assert "Staff only: the landlord is under investigation" not in page
    assert "A bed and a cooker" not in page  # what the PA wrote the request was for


def test_a_cancelled_payment_is_not_shown_as_paid(client, staff, teams):
    person = care_leaver(teams["north"], staff["pa"], age=19)
    request = agreed(person, staff["pa"], staff["manager"], pence=120_000)
    payment = paid(request, staff["pa"], 33_300)
    payment_cancel(actor=staff["pa"], payment=payment, reason="Staff only: paid twice")
    sign_in(client, person, staff["pa"])

    page = money_page(client)

    assert "£333.00" not in page
    assert "Nothing has been paid to you yet." in page
    assert "Staff only: paid twice" not in page


def test_with_nothing_asked_or_paid_it_says_so(client, staff, teams):
    person = care_leaver(teams["north"], staff["pa"], age=19)
    sign_in(client, person, staff["pa"])

    page = money_page(client)

    assert "Nothing has been asked for you yet." in page
    assert "Nothing has been paid to you yet." in page
