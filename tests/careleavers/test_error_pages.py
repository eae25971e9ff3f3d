from contextlib import contextmanager, suppress

import psycopg
import pytest
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from config import views
from tests.conftest import free_port

pytestmark = pytest.mark.django_db

SORRY = "Sorry, there is a problem with the service"


def test_unknown_address_shows_the_page_not_found_page(client, staff):
    client.force_login(staff["pa"])

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-heading-l" in response.content.decode()


def test_server_error_page_says_saved_work_is_safe():
    response = views.server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Anything you saved before this happened is safe" in response.content.decode()


def test_health_check_answers_without_sign_in(client):
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"ok"


# --- when the database is briefly away ---------------------------------------------------------

@contextmanager
def database_away():
    """PostgreSQL stops answering: the open connection goes, and a new one finds nothing
    listening (as during a restart)."""
    settings = connection.settings_dict
    port = settings["PORT"]
    connection.close()
    settings["PORT"] = str(free_port())
    try:
        yield
    finally:
        connection.close()
        settings["PORT"] = port


@contextmanager
def database_goes_away_before(statement: str):
    """PostgreSQL goes away in the middle of a request, just as `statement` is sent."""
    settings, port = connection.settings_dict, connection.settings_dict["PORT"]

    def restart_just_before(execute, sql, params, many, context):
        if sql.startswith(statement):
            settings["PORT"] = str(free_port())
            with suppress(psycopg.OperationalError):
                context["connection"].connection.execute(
                    "SELECT pg_terminate_backend(pg_backend_pid())")
        return execute(sql, params, many, context)

    try:
        with connection.execute_wrapper(restart_just_before):
            yield
    finally:
        connection.close()
        settings["PORT"] = port


def signed_in_browser(user) -> Client:
    # Like a browser: the page the server answers with, not the exception behind it.
    browser = Client(raise_request_exception=False)
    browser.force_login(user)
    return browser


def assert_sorry_try_again(response, path: str) -> None:
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert SORRY in page
    assert f'<a class="govuk-link" href="{path}">Try again</a>' in page
    assert "Leaving care service" in page  # the service's own page, not a bare error


@pytest.mark.django_db(transaction=True)
def test_while_the_database_is_away_staff_get_the_service_page_asking_them_to_try_again(staff):
    browser = signed_in_browser(staff["pa"])

    with database_away():
        response = browser.get(reverse("my-caseload"))

    assert_sorry_try_again(response, reverse("my-caseload"))
    assert browser.get(reverse("my-caseload")).status_code == 200  # back, and still signed in


@pytest.mark.django_db(transaction=True)
def test_a_session_that_cannot_be_saved_while_the_database_is_away_is_not_a_bad_request(staff):
    browser = signed_in_browser(staff["pa"])

    with database_goes_away_before('UPDATE "django_session"'):
        response = browser.get(reverse("home"))

    assert_sorry_try_again(response, reverse("home"))


def request_signed_in_as(user):
    """A request carrying a real session and lazy user, as the middleware leaves it."""
    browser = Client()
    browser.force_login(user)
    request = RequestFactory().get("/caseload/")
    request.COOKIES.update({key: morsel.value for key, morsel in browser.cookies.items()})
    SessionMiddleware(lambda r: None).process_request(request)
    AuthenticationMiddleware(lambda r: None).process_request(request)
    return request


def test_the_error_pages_read_nothing_from_the_database(staff, django_assert_num_queries):
    request = request_signed_in_as(staff["pa"])

    with django_assert_num_queries(0):
        unavailable = views.service_unavailable(request)
        error = views.server_error(request)

    assert unavailable.status_code == 503 and SORRY in unavailable.content.decode()
    assert error.status_code == 500 and SORRY in error.content.decode()
