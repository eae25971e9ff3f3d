from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core import mail
from django.test import Client

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def sign_in_as(page, live_server):
    """Give the browser a signed-in session for `user` without typing the password each time."""

    def sign_in(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value,
              "url": live_server.url}]
        )
        return page

    return sign_in


def emailed(subject_part: str):
    """The newest email sent whose subject holds `subject_part` (Django's test outbox)."""
    found = [email for email in mail.outbox if subject_part in email.subject]
    assert found, f"no email about {subject_part!r}: {[e.subject for e in mail.outbox]}"
    return found[-1]


def assert_accessible(page, name: str):
    """No axe-core violations (WCAG 2.2 AA and best practice), and a screenshot to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
