"""The local offer's figures: take-up of each entitlement among those who can have it, requests
waiting for a manager, and what was paid this month, the same on the dashboard, in its lists and
in `figures_for`."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from benchmarks import floors
from dashboard.figures import (
    _local_offer_from_records,
    figure_paths,
    figures_for,
    pks_behind,
    young_people_in,
)
from eligibility.rules import Status
from eligibility.selectors import statuses_on
from localoffer.models import Entitlement
from localoffer.services import payment_cancel
from tests.localoffer.offer import (
    agreed,
    asked,
    care_leaver,
    default_entitlements,
    paid,
    today,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(staff, teams):
    default_entitlements()
    north = teams["north"]
    ama = care_leaver(north, staff["pa"], age=19, status=Status.FORMER_RELEVANT)
    cal = care_leaver(north, staff["pa"], age=17, status=Status.RELEVANT)
    care_leaver(north, staff["pa"], age=19, status=Status.QUALIFYING)
    request = agreed(ama, staff["pa"], staff["manager"], pence=200_000)
    paid(request, staff["pa"], 50_000, days_ago=0)
    paid(request, staff["pa"], 30_000, days_ago=40)  # an earlier month
    payment_cancel(actor=staff["manager"], payment=paid(request, staff["pa"], 10_000, days_ago=0),
                   reason="Paid twice")
    asked(cal, staff["pa"], pence=10_000)
    return {"ama": ama, "cal": cal}


def test_take_up_is_counted_among_those_who_can_have_it(offer):
    figures = figures_for(today())["local_offer"]

    # Ama (former relevant, 19) and Cal (relevant, 17) can have it; a qualifying young person
    # cannot. Ama had it agreed; Cal's request waits for a manager.
    assert figures["can_have"]["setting-up-home"] == 2
    assert figures["had"]["setting-up-home"] == 1
    assert figures["can_have"]["council-tax-exemption"] == 1  # from 18: Ama only
    assert figures["had"]["council-tax-exemption"] == 0
    assert figures["requests_waiting"] == 1
    # £500 paid today; £300 was paid in an earlier month and £100 was cancelled.
    assert figures["paid_this_month_pence"] == 50_000


def test_the_young_people_behind_the_numbers_are_the_ones_counted(offer):
    assert pks_behind("local_offer.had.setting-up-home", today()) == {offer["ama"].pk}
    assert pks_behind("local_offer.requests_waiting", today()) == {offer["cal"].pk}


def test_today_counted_from_the_standing_is_what_the_records_give(offer, staff, teams):
    # An entitlement offered to nobody yet (no statuses ticked) is counted as nobody's.
    Entitlement.objects.create(key="gym", name="Gym pass", description="A pass to the gym",
                               statuses=[], order=200)
    people = young_people_in()
    from_records = _local_offer_from_records(today(), people, statuses_on(people, on=today()))
    counted = {key: len(value) if isinstance(value, set) else value
               for key, value in figure_paths(from_records)}
    counted["paid_this_month_pence"] = from_records["paid_this_month_pence"].value()

    figures = dict(figure_paths(figures_for(today())["local_offer"]))

    assert figures == counted
    assert figures["can_have.gym"] == 0 and figures["can_have.setting-up-home"] == 2


def test_a_day_before_anything_was_asked_nothing_was_had_or_waiting(offer):
    figures = figures_for(today() - timedelta(days=1))["local_offer"]

    assert figures["had"]["setting-up-home"] == 0 and figures["requests_waiting"] == 0


def test_the_dashboard_shows_take_up_and_money_paid(client, staff, offer):
    client.force_login(staff["manager"])

    html = client.get(reverse("dashboard")).content.decode()

    section = html.split("The local offer")[1]
    assert 'data-figure="local_offer.had.setting-up-home">1<' in section
    assert "50%" in section
    assert 'data-figure="local_offer.paid_this_month_pence">£500.00<' in section
    assert "figure=local_offer.paid_this_month_pence" not in section


def test_the_dashboard_shows_what_was_spent_month_by_month(client, staff, offer):
    client.force_login(staff["manager"])

    html = client.get(reverse("dashboard")).content.decode()

    spend = html.split('id="local-offer-spend"')[1].split("</table>")[0]
    months = re.findall(r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*'
                        r'<td class="govuk-table__cell govuk-table__cell--numeric">([^<]+)</td>',
                        spend)
    assert len(months) == 12
    paid = dict(months)
    # £500 this month (the £100 paid twice was cancelled); £300 in the month 40 days ago.
    assert paid[f"{today():%B %Y}"] == "£500.00"
    assert paid[f"{today() - timedelta(days=40):%B %Y}"] == "£300.00"
    assert sum(amount != "£0.00" for amount in paid.values()) == 2


def test_the_benchmarks_hand_written_floor_gives_the_same_local_offer(offer):
    figures = figures_for(today())["local_offer"]

    assert floors.local_offer(today()) == figures


def test_with_no_entitlement_offered_the_figures_say_so_and_the_dashboard_opens(client, staff):
    Entitlement.objects.update(active=False)

    figures = figures_for(today())["local_offer"]
    client.force_login(staff["manager"])
    response = client.get(reverse("dashboard"))

    assert figures["can_have"] == {} and figures["had"] == {}
    assert response.status_code == 200
    assert "Request waiting for a manager" in response.content.decode()
