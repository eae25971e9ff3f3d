import pytest
from django.test import RequestFactory

from careleavers import views

pytestmark = pytest.mark.django_db


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
