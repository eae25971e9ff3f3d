"""Pages staff open, through Django's test client: the view, its queries and the template, as
gunicorn would serve them (no network, no browser)."""

import re

import pytest
from django.urls import reverse

from careleavers.models import User

from .harness import measure

PAGE = 2

WHY = ("2 s median: a page someone waits for should open within 2 s, whatever the size of the "
       "service.")


@pytest.fixture
def signed_in(client, data):
    def sign_in(username):
        client.force_login(User.objects.get(username=username))
        return client

    return sign_in


def _page(client, url):
    def open_page():
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        return response.content.decode()

    return open_page


#: The page a duty manager opens on Monday morning for the whole service, counted from each young
#: person's standing: it is to open at once, not just within a page's 2 s.
DASHBOARD = 0.5

DASHBOARD_WHY = ("0.5 s median: the whole service's figures are counted from each young "
                 "person's standing in one statement, so the page opens at once however large "
                 "the service.")


def bench_dashboard_for_a_duty_manager(data, signed_in):
    client = signed_in(data.duty_manager)
    result = measure("dashboard page, duty manager (every team)",
                     _page(client, reverse("dashboard")), target_seconds=DASHBOARD,
                     why=DASHBOARD_WHY)
    assert "Pathway plans" in result.value
    assert result.met, result.failure()


def bench_team_caseload_for_its_manager(data, signed_in):
    client = signed_in(data.team_manager)
    result = measure("team caseload page, team manager (largest team)",
                     _page(client, f"{reverse('team-caseload')}?team={data.team_id}"),
                     target_seconds=PAGE, why=WHY)
    assert data.team_name in result.value
    assert result.met, result.failure()


def bench_my_caseload_for_a_personal_adviser(data, signed_in):
    client = signed_in(data.personal_adviser)
    result = measure("My caseload page, Personal Adviser (fullest caseload)",
                     _page(client, reverse("my-caseload")), target_seconds=PAGE, why=WHY)
    assert result.value.count("/young-people/") >= data.caseload
    assert result.met, result.failure()


def bench_young_persons_record(data, signed_in):
    client = signed_in(data.duty_manager)
    result = measure(f"young person's record page ({data.record_contacts} contacts)",
                     _page(client, reverse("young-person", args=[data.record_pk])),
                     target_seconds=PAGE, why=WHY)
    assert data.record_person_id in result.value
    assert result.met, result.failure()


def bench_search_by_surname(data, signed_in):
    client = signed_in(data.duty_manager)
    result = measure(f"search for \"{data.surname}\", duty manager (every team)",
                     _page(client, f"{reverse('young-person-search')}?q={data.surname}"),
                     target_seconds=PAGE, why=WHY)
    found = re.search(r"([\d,]+) young people found", result.value)
    assert found and int(found.group(1).replace(",", "")) >= data.surname_count
    assert result.met, result.failure()
