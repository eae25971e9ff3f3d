"""Requests waiting for a manager: a team manager sees their teams', a duty manager every team's,
the longest waiting first, 50 a page, in a fixed number of queries however many there are; the
home page says how many are waiting."""

import pytest
from django.urls import reverse

from tests.localoffer.offer import asked, care_leaver

pytestmark = pytest.mark.django_db

WAITING = reverse("local-offer-waiting")


def test_a_team_manager_sees_their_teams_requests_and_not_anothers(client, staff, teams):
    north = care_leaver(teams["north"], staff["pa"], first_name="Nia", last_name="North")
    south = care_leaver(teams["south"], staff["other_pa"], first_name="Sol", last_name="South")
    asked(north, staff["pa"])
    asked(south, staff["other_pa"])
    client.force_login(staff["manager"])

    html = client.get(WAITING).content.decode()

    assert "Nia North" in html and "Sol South" not in html
    assert "1 request waiting" in html


def test_a_duty_manager_sees_every_team_and_can_pick_one(client, staff, teams):
    asked(care_leaver(teams["north"], staff["pa"], first_name="Nia", last_name="North"),
          staff["pa"])
    asked(care_leaver(teams["south"], staff["other_pa"], first_name="Sol", last_name="South"),
          staff["other_pa"])
    client.force_login(staff["duty"])

    every = client.get(WAITING).content.decode()
    south = client.get(WAITING, {"team": "south"}).content.decode()

    assert "Nia North" in every and "Sol South" in every
    assert "Sol South" in south and "Nia North" not in south


def test_a_request_the_manager_asked_for_is_not_theirs_to_agree(client, staff, teams):
    asked(care_leaver(teams["north"], staff["pa"]), staff["manager"])
    client.force_login(staff["manager"])

    html = client.get(WAITING).content.decode()

    assert "You asked for it" in html and "Agree or decline" not in html


def test_the_managers_home_page_links_to_the_requests_waiting(client, staff, teams):
    asked(care_leaver(teams["north"], staff["pa"]), staff["pa"])
    client.force_login(staff["manager"])

    html = client.get(reverse("home")).content.decode()

    assert f'href="{WAITING}">1 request waiting' in html


@pytest.mark.parametrize("persona", ["pa", "service", "board"])
def test_nobody_else_has_a_list_of_requests_waiting(client, staff, persona):
    client.force_login(staff[persona])

    assert client.get(WAITING).status_code == 403


@pytest.mark.parametrize("how_many", [10, 120])
def test_the_list_runs_a_fixed_number_of_queries(client, staff, teams, how_many,
                                                 django_assert_max_num_queries):
    for _ in range(how_many):
        asked(care_leaver(teams["north"], staff["pa"]), staff["pa"], pence=50_000)
    client.force_login(staff["manager"])

    # 1 the session, 2 the user, 3 the count, 4 the page of requests with their young people,
    # teams, entitlements and who asked; 5-7 the session's idle clock saved (savepoint, update,
    # release).
    with django_assert_max_num_queries(7):
        response = client.get(WAITING, {"page": 2})

    assert response.status_code == 200
    # Page 2 of 120 is the second 50; of 10, a page past the end shows the last (and only) one.
    assert len(response.context["requests"]) == min(how_many, 50)
    assert response.context["pages"].count == how_many
