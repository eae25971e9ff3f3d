"""The "Money and support" pages: a Personal Adviser asks, a manager agrees or declines, a
payment is recorded or cancelled, and what is left moves; errors sit next to the field and
nothing is half-saved. Someone else gets 404 (a record they may not see) or 403 (one they may
see but not change) on every page and every post."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from localoffer.models import OfferRequest, Payment, RequestState
from tests.advisers.people import date_post, error_next_to
from tests.localoffer.offer import agreed, asked, care_leaver, entitlement, paid, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(staff, teams):
    return care_leaver(teams["north"], staff["pa"], first_name="Kai", last_name="Moneypenny")


def _card(html: str, key: str) -> str:
    return html.split(f'id="entitlement-{key}"')[1].split('class="govuk-summary-card"')[0]


def test_the_page_shows_what_they_can_have_what_was_paid_and_what_is_left(client, staff, person):
    request = agreed(person, staff["pa"], staff["manager"], pence=120_000)
    paid(request, staff["pa"], 50_000)
    client.force_login(staff["pa"])

    html = client.get(reverse("local-offer", args=[person.pk])).content.decode()

    setting_up = _card(html, "setting-up-home")
    assert "£3,000" in setting_up and "£500.00" in setting_up and "£2,500.00" in setting_up
    assert "£700.00" in setting_up  # agreed, not yet paid
    assert 'id="entitlement-council-tax-exemption"' in html
    assert 'id="entitlement-higher-education-bursary"' in html  # former relevant, 19
    assert "Money and support" in html and 'aria-current="page"' in html


def test_a_pa_asks_and_the_request_waits_for_a_manager(client, staff, person):
    client.force_login(staff["pa"])
    response = client.post(reverse("local-offer-ask", args=[person.pk]), {
        "entitlement": entitlement("setting-up-home").pk, "amount": "1,200",
        "reason": "A bed, a cooker and a fridge",
    }, follow=True)

    request = OfferRequest.objects.get()
    assert (request.amount_pence, request.state, request.asked_by) == (
        120_000, RequestState.WAITING, staff["pa"])
    assert "A manager will agree or decline it" in response.content.decode()


def test_an_amount_that_is_not_money_is_shown_next_to_the_field(client, staff, person):
    client.force_login(staff["pa"])
    response = client.post(reverse("local-offer-ask", args=[person.pk]), {
        "entitlement": entitlement("setting-up-home").pk, "amount": "lots", "reason": "A bed",
    })

    assert error_next_to(response, "id_amount") == (
        "Enter the amount in pounds and pence, like 250 or 49.99")
    assert not OfferRequest.objects.exists()


def test_asking_for_more_than_is_left_is_shown_next_to_the_amount(client, staff, person):
    client.force_login(staff["pa"])
    response = client.post(reverse("local-offer-ask", args=[person.pk]), {
        "entitlement": entitlement("setting-up-home").pk, "amount": "3000.01", "reason": "A bed",
    })

    assert error_next_to(response, "id_amount").startswith("Amount must be £3,000.00 or less")
    assert not OfferRequest.objects.exists()


def test_a_manager_agrees_on_the_decide_page(client, staff, person):
    request = asked(person, staff["pa"])
    client.force_login(staff["manager"])

    response = client.post(reverse("local-offer-decide", args=[person.pk, request.pk]),
                           {"decision": "agree"})

    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.state, request.decided_by) == (RequestState.AGREED, staff["manager"])


def test_a_manager_declines_with_a_reason(client, staff, person):
    request = asked(person, staff["pa"])
    client.force_login(staff["manager"])
    url = reverse("local-offer-decide", args=[person.pk, request.pk])

    missing = client.post(url, {"decision": "decline", "decision_reason": ""})
    client.post(url, {"decision": "decline", "decision_reason": "Ask for quotes first"})

    assert error_next_to(missing, "id_decision_reason") == "Enter why it is declined"
    request.refresh_from_db()
    assert (request.state, request.decision_reason) == (RequestState.DECLINED,
                                                        "Ask for quotes first")


def test_the_manager_who_asked_is_told_another_manager_must_agree(client, staff, person):
    request = asked(person, staff["manager"])
    client.force_login(staff["manager"])
    url = reverse("local-offer-decide", args=[person.pk, request.pk])

    page = client.get(url).content.decode()
    response = client.post(url, {"decision": "agree"})

    assert "You asked for this, so another manager must agree or decline it" in page
    assert error_next_to(response, "id_decision") == (
        "You asked for this, so another manager must agree or decline it")
    request.refresh_from_db()
    assert request.state == RequestState.WAITING


def test_a_payment_is_recorded_and_what_is_left_moves(client, staff, person):
    request = agreed(person, staff["pa"], staff["manager"], pence=120_000)
    client.force_login(staff["pa"])

    client.post(reverse("local-offer-pay", args=[person.pk, request.pk]), {
        **date_post("paid_on", today()), "amount": "800", "method": "supplier",
        "reference": "INV-2231",
    })

    payment = Payment.objects.get()
    assert (payment.amount_pence, payment.method, payment.reference) == (80_000, "supplier",
                                                                         "INV-2231")
    html = client.get(reverse("local-offer", args=[person.pk])).content.decode()
    assert "£2,200.00" in _card(html, "setting-up-home")


def test_a_payment_beyond_what_is_left_is_refused_next_to_the_field_and_nothing_saved(
        client, staff, person):
    request = agreed(person, staff["pa"], staff["manager"], pence=120_000)
    paid(request, staff["pa"], 100_000)
    client.force_login(staff["pa"])

    response = client.post(reverse("local-offer-pay", args=[person.pk, request.pk]), {
        **date_post("paid_on", today()), "amount": "200.01", "method": "bank_transfer",
    })

    assert response.status_code == 200
    message = "Amount must be £200.00 or less: that is what is left to pay of the £1,200.00 agreed"
    assert error_next_to(response, "id_amount") == message
    summary = re.search(r'govuk-error-summary__list">(.*?)</ul>', response.content.decode(), re.S)
    assert message in summary[1]
    assert Payment.objects.count() == 1


def test_a_payment_is_cancelled_with_a_reason_and_kept(client, staff, person):
    payment = paid(agreed(person, staff["pa"], staff["manager"]), staff["pa"], 10_000)
    client.force_login(staff["manager"])
    url = reverse("local-offer-cancel-payment", args=[person.pk, payment.pk])

    missing = client.post(url, {"cancel_reason": " "})
    client.post(url, {"cancel_reason": "Paid to the wrong account"})

    assert error_next_to(missing, "id_cancel_reason") == "Enter why the payment is cancelled"
    payment.refresh_from_db()
    assert payment.cancelled and payment.cancel_reason == "Paid to the wrong account"
    html = client.get(reverse("local-offer", args=[person.pk])).content.decode()
    assert "Cancelled" in html and "Paid to the wrong account" in html


# --- someone else can't ---------------------------------------------------------------------


@pytest.fixture
def urls(staff, person):
    request = agreed(person, staff["pa"], staff["manager"])
    waiting = asked(person, staff["pa"], pence=10_000)
    payment = paid(request, staff["pa"], 10_000)
    return {
        "local-offer": [person.pk],
        "local-offer-ask": [person.pk],
        "local-offer-decide": [person.pk, waiting.pk],
        "local-offer-pay": [person.pk, request.pk],
        "local-offer-cancel-payment": [person.pk, payment.pk],
    }


POSTS = {
    "local-offer-ask": lambda: {"entitlement": entitlement("setting-up-home").pk,
                                "amount": "100", "reason": "A kettle"},
    "local-offer-decide": lambda: {"decision": "agree"},
    "local-offer-pay": lambda: {**date_post("paid_on", today()), "amount": "10",
                                "method": "cash"},
    "local-offer-cancel-payment": lambda: {"cancel_reason": "A mistake"},
}


def _nothing_changed(before):
    return (list(OfferRequest.objects.values_list("state", flat=True).order_by("pk")),
            list(Payment.objects.values_list("cancelled_at", flat=True).order_by("pk"))) == before


def _state():
    return (list(OfferRequest.objects.values_list("state", flat=True).order_by("pk")),
            list(Payment.objects.values_list("cancelled_at", flat=True).order_by("pk")))


@pytest.mark.parametrize("persona", ["other_pa", "other_manager", "board", "admin"])
def test_someone_who_cannot_see_the_record_gets_404_on_every_page_and_post(
        client, staff, urls, persona):
    client.force_login(staff[persona])
    before = _state()
    for name, args in urls.items():
        url = reverse(name, args=args)
        assert client.get(url).status_code == 404, name
        if name in POSTS:
            assert client.post(url, POSTS[name]()).status_code == 404, name
    assert _state() == before
    assert Payment.objects.count() == 1


@pytest.mark.parametrize("persona, refused", [
    ("colleague", {"local-offer-ask", "local-offer-decide", "local-offer-pay",
                   "local-offer-cancel-payment"}),
    ("service", {"local-offer-ask", "local-offer-decide", "local-offer-pay",
                 "local-offer-cancel-payment"}),
    ("pa", {"local-offer-decide"}),
    ("duty", {"local-offer-ask"}),
])
def test_someone_who_may_see_but_not_act_gets_403(client, staff, urls, persona, refused):
    client.force_login(staff[persona])
    before = _state()
    for name, args in urls.items():
        url = reverse(name, args=args)
        expected = 403 if name in refused else 200
        assert client.get(url).status_code == expected, name
        if name in refused:
            assert client.post(url, POSTS[name]()).status_code == 403, name
    assert _state() == before
    assert OfferRequest.objects.count() == 2 and Payment.objects.count() == 1


def test_a_request_on_another_young_persons_record_is_not_found(client, staff, teams, person):
    other = care_leaver(teams["north"], staff["pa"])
    request = asked(other, staff["pa"])
    client.force_login(staff["manager"])

    response = client.get(reverse("local-offer-decide", args=[person.pk, request.pk]))

    assert response.status_code == 404


def test_a_payment_date_is_checked_as_a_gov_uk_date(client, staff, person):
    request = agreed(person, staff["pa"], staff["manager"])
    client.force_login(staff["pa"])

    response = client.post(reverse("local-offer-pay", args=[person.pk, request.pk]), {
        **date_post("paid_on", today() + timedelta(days=3)), "amount": "10", "method": "cash",
    })

    assert "The date it was paid must be today or in the past" in response.content.decode()
    assert not Payment.objects.exists()


@pytest.mark.parametrize("how_many", [2, 40])
def test_the_money_page_runs_a_fixed_number_of_queries(client, staff, person, how_many,
                                                       django_assert_max_num_queries):
    for _ in range(how_many):
        paid(asked(person, staff["pa"], "driving-lessons", 1_000),
             staff["pa"], 1_000)
    client.force_login(staff["pa"])

    # 1 the session, 2 the user, 3 the young person and team, 4 the view logged, 5 the
    # requests with what was paid on each, 6 the payments, 7 their status, 8 the entitlements,
    # 9 whether this user may change the record (asked twice: to ask and to pay, 10), 11 the
    # navigation's status tag, 12-14 the session's idle clock saved (savepoint, update, release).
    with django_assert_max_num_queries(14):
        response = client.get(reverse("local-offer", args=[person.pk]))

    assert len(response.context["payments"]) == how_many
