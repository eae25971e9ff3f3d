"""A Personal Adviser asks for part of a young person's setting-up-home allowance, their team
manager agrees it from the requests waiting and records it as paid, and the young person's
balance moves, and so does what the dashboard says was spent this month, on a wide screen and a
phone. axe finds nothing on any page."""

import pytest

from tests.browser.conftest import assert_accessible
from tests.localoffer.offer import care_leaver, default_entitlements

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ama(staff, teams):
    default_entitlements()
    return care_leaver(teams["north"], staff["pa"], first_name="Ama", last_name="Mensah",
                       person_id="CL-4410")


def _no_sideways_scroll(page):
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def _spent_this_month(page) -> tuple[str, str]:
    """The dashboard's "Paid this month" and this month's row of its spend month by month."""
    page.goto("/dashboard/")
    page.get_by_role("heading", name="Dashboard").wait_for()
    paid = page.locator('[data-figure="local_offer.paid_this_month_pence"]').inner_text()
    this_month = page.locator("#local-offer-spend tbody tr").last.locator("td").inner_text()
    return paid, this_month


def _setting_up_home(page) -> str:
    return page.locator("#entitlement-setting-up-home").inner_text()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_setting_up_home_payment_is_asked_for_agreed_and_paid(
    page, staff, sign_in_as, ama, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in_as(staff["manager"])
    assert _spent_this_month(page) == ("£0.00", "£0.00")
    page.context.clear_cookies()

    sign_in_as(staff["pa"]).goto(f"/young-people/{ama.pk}/money/")
    page.get_by_role("heading", name="Money and support", exact=True).wait_for()
    assert "£3,000.00" in _setting_up_home(page)
    assert_accessible(page, f"local-offer-money-{width}")

    page.get_by_role("button", name="Ask for money or support").click()
    page.get_by_role("heading", name="Ask for money or support").wait_for()
    page.get_by_label("Setting-up-home allowance: £3,000.00 left to ask for").check()
    page.get_by_label("How much?").fill("3,200")
    page.get_by_label("What is it for?").fill("A bed, a cooker and a fridge for her new flat")
    page.get_by_role("button", name="Ask for it").click()

    message = "Amount must be £3,000.00 or less"
    page.locator(".govuk-error-summary").wait_for()
    assert message in page.locator("#amount-error, .govuk-error-message").first.inner_text()
    assert_accessible(page, f"local-offer-ask-error-{width}")
    page.get_by_label("How much?").fill("1,200")
    page.get_by_role("button", name="Ask for it").click()

    page.get_by_text("A manager will agree or decline it").wait_for()
    assert "Waiting for a manager" in page.locator("main").inner_text()
    _no_sideways_scroll(page)

    page.context.clear_cookies()
    sign_in_as(staff["manager"]).goto("/")
    page.get_by_role("link", name="1 request waiting").click()
    page.get_by_role("heading", name="Requests for money and support waiting").wait_for()
    assert "Ama Mensah" in page.locator("main").inner_text()
    assert_accessible(page, f"local-offer-waiting-{width}")
    page.get_by_role("link", name="Agree or decline £1,200.00 for Ama Mensah").click()
    page.get_by_role("heading", name="Agree or decline a request").wait_for()
    assert_accessible(page, f"local-offer-decide-{width}")
    page.get_by_label("Agree it").check()
    page.get_by_role("button", name="Save decision").click()

    page.get_by_text("Agreed: £1,200.00 from the setting-up-home allowance").wait_for()
    page.get_by_role("link", name="Record a payment for the setting-up-home allowance").click()
    page.get_by_role("heading", name="Record a payment").wait_for()
    page.get_by_label("How much was paid?").fill("1200")
    page.get_by_label("Paid to a supplier or landlord").check()
    page.get_by_label("Reference (optional)").fill("INV-2231")
    assert_accessible(page, f"local-offer-pay-{width}")
    page.get_by_role("button", name="Record the payment").click()

    page.locator(".govuk-notification-banner").get_by_text("Payment of £1,200.00").wait_for()
    assert page.locator("#entitlement-setting-up-home [data-paid]").inner_text() == "£1,200.00"
    assert page.locator("#entitlement-setting-up-home [data-left]").inner_text() == "£1,800.00"
    payments = page.get_by_role("region", name="Payments").inner_text()
    assert "£1,200.00" in payments and "INV-2231" in payments
    _no_sideways_scroll(page)
    assert_accessible(page, f"local-offer-paid-{width}")

    assert _spent_this_month(page) == ("£1,200.00", "£1,200.00")
    assert_accessible(page, f"local-offer-dashboard-{width}")
