"""The local offer on the rest of the record: the overview's panel, the chronology's "Money"
entries, and the plan's money section, each saying what was paid and what is left."""

import pytest
from django.urls import reverse

from localoffer.services import payment_cancel, request_decline
from tests.localoffer.offer import agreed, asked, care_leaver, paid
from tests.pathways.plan_setup import written_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(staff, teams):
    return care_leaver(teams["north"], staff["pa"])


def test_the_overview_shows_what_was_paid_and_what_is_left(client, staff, person):
    paid(agreed(person, staff["pa"], staff["manager"], pence=120_000), staff["pa"], 100_000)
    asked(person, staff["pa"], "housing-deposit", pence=50_000)
    client.force_login(staff["pa"])

    html = client.get(reverse("young-person", args=[person.pk])).content.decode()

    panel = html.split('id="money-and-support"')[1].split('class="govuk-summary-card"')[0]
    assert "£1,000.00" in panel  # paid
    # Left of what they can have in money: £3,000 + £2,000 + £1,000 + £1,000 + £500 + £25 +
    # £25 offered, less £1,000 paid.
    assert "£6,550.00" in panel
    assert "1 request" in panel


def test_the_chronology_has_money_entries_with_who_and_why(client, staff, person):
    request = agreed(person, staff["pa"], staff["manager"], pence=120_000)
    payment = paid(request, staff["pa"], 20_000, reference="INV-77")
    payment_cancel(actor=staff["manager"], payment=payment, reason="Paid twice")
    declined = asked(person, staff["pa"], "housing-deposit", pence=50_000)
    request_decline(actor=staff["manager"], request=declined, reason="No tenancy yet")
    client.force_login(staff["pa"])

    response = client.get(reverse("young-person-chronology", args=[person.pk]), {"kind": "Money"})

    titles = [(e.title, e.by) for e in response.context["pages"].page.paginator.object_list
              if e.kind == "Money"]
    assert ("Asked for £1,200.00 from the setting-up-home allowance", str(staff["pa"])) in titles
    assert ("Agreed: £1,200.00 from the setting-up-home allowance",
            str(staff["manager"])) in titles
    assert ("Paid £200.00 from the setting-up-home allowance", str(staff["pa"])) in titles
    assert ("Payment of £200.00 cancelled", str(staff["manager"])) in titles
    assert ("Declined: £500.00 from the help with a deposit", str(staff["manager"])) in titles


def test_the_plans_money_section_says_what_they_can_have_and_what_is_left(client, staff, person):
    paid(agreed(person, staff["pa"], staff["manager"], pence=120_000), staff["pa"], 100_000)
    draft = written_plan(person, staff["pa"], money="Save £10 a week.")
    client.force_login(staff["pa"])

    page = client.get(reverse("plan-detail", args=[draft.pk])).content.decode()

    money = page.split('id="section-money"')[1].split('id="section-')[0]
    assert "What their record says" in money
    assert "Setting-up-home allowance" in money
    assert "£1,000.00 paid, £2,000.00 left of £3,000 (£200.00 asked for or agreed, not yet paid)" \
        in money
    assert "Council tax exemption" in money and "Not asked for yet" in money
