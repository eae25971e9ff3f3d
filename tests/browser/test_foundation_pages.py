from datetime import timedelta

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import timezone

from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_personal_adviser_signs_in_with_the_form_and_reaches_home(page, staff):
    page.goto("/")
    assert page.title().startswith("Sign in")
    assert_accessible(page, "sign-in")

    page.get_by_label("Username").fill("pa")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("heading", name=f"Hello, {staff['pa'].get_full_name()}").wait_for()
    assert "Personal Adviser" in page.locator("header").inner_text()
    assert_accessible(page, "home-personal-adviser")


def test_sign_in_errors_are_summarised_and_linked_to_the_fields(page, staff):
    page.goto("/sign-in/")
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert page.title().startswith("Error: Sign in")
    summary.get_by_role("link", name="Enter your password").click()
    assert page.evaluate("document.activeElement.id") == "id_password"
    assert_accessible(page, "sign-in-errors")


@pytest.mark.parametrize("persona", ["manager", "duty", "service", "board", "admin"])
def test_every_role_home_page_is_accessible(page, staff, sign_in_as, persona):
    sign_in_as(staff[persona]).goto("/")

    page.get_by_role("heading", name="What you can do").wait_for()
    assert_accessible(page, f"home-{staff[persona].role}")


def test_page_not_found_and_forbidden_pages_are_accessible(page, staff, sign_in_as):
    sign_in_as(staff["board"])

    response = page.goto("/no-such-page/")
    assert response.status == 404
    assert_accessible(page, "error-404")

    response = page.goto("/admin/")
    assert response.status == 403
    page.get_by_role("heading", name="You cannot see this page").wait_for()
    assert_accessible(page, "error-403")


def test_server_error_page_is_accessible(page):
    page.goto("/sign-in/")  # so the error page's stylesheet loads from the same server
    page.set_content(render_to_string("500.html"))

    page.get_by_role("heading", name="Sorry, there is a problem with the service").wait_for()
    assert_accessible(page, "error-500")


def test_password_reset_page_is_accessible(page):
    page.goto("/password-reset/")
    page.get_by_role("button", name="Send me a reset link").click()
    page.locator(".govuk-error-summary").wait_for()

    assert_accessible(page, "password-reset")


def test_idle_warning_offers_to_stay_signed_in(page, staff, sign_in_as):
    # The browser's clock and the server's are both moved by hand, so nothing races real time:
    # axe may take as long as it likes while the warning is open.
    with time_machine.travel(timezone.now(), tick=True) as server_clock:
        page.clock.install()
        sign_in_as(staff["pa"]).goto("/")

        server_clock.shift(timedelta(minutes=28, seconds=1))
        page.clock.fast_forward("28:01")
        dialog = page.get_by_role("dialog", name="You’re about to be signed out")
        dialog.wait_for()
        assert_accessible(page, "timeout-warning")
        dialog.get_by_role("button", name="Stay signed in").click()
        dialog.wait_for(state="hidden")

        # 33 minutes after the page opened: past the old limit, inside the renewed one.
        server_clock.shift(timedelta(minutes=5))
        page.clock.fast_forward("05:00")
        assert not dialog.is_visible()
        page.reload()
        assert page.get_by_role("heading", name="What you can do").is_visible()


def test_idle_session_is_ended_by_the_server_without_the_page(page, staff, sign_in_as):
    with time_machine.travel(timezone.now(), tick=True) as server_clock:
        sign_in_as(staff["pa"]).goto("/")
        server_clock.shift(timedelta(minutes=31))
        page.reload()
        page.wait_for_url("**/sign-in/**")
        assert page.get_by_text("had not done anything for 30 minutes").is_visible()


def test_when_time_runs_out_the_user_is_signed_out_and_told_why(page, staff, sign_in_as):
    with time_machine.travel(timezone.now(), tick=True) as server_clock:
        page.clock.install()
        sign_in_as(staff["pa"]).goto("/")

        server_clock.shift(timedelta(minutes=30, seconds=1))
        page.clock.fast_forward("30:01")
        page.wait_for_url("**/sign-in/**")

    assert page.get_by_text("had not done anything for 30 minutes").is_visible()
