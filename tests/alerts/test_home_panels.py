""""What needs doing" on the home page: a PA's own young people's alerts, a manager's team's."""

import pytest
from django.urls import reverse

from alerts.alerts import alerts_sync
from tests.advisers.people import allocate, contact, days_ago, today, young_person

pytestmark = pytest.mark.django_db

HOME = reverse("home")


@pytest.fixture
def people(teams, staff):
    mine = young_person(teams["north"], first_name="Mina", last_name="Mine")
    allocate(mine, staff["pa"])
    colleagues = young_person(teams["north"], first_name="Cole", last_name="Colleagues")
    allocate(colleagues, staff["colleague"])
    southern = young_person(teams["south"], first_name="Sam", last_name="Southern")
    for person in (mine, colleagues):
        contact(person, staff["pa"], on=days_ago(90))
    alerts_sync(on=today())
    return {"mine": mine, "colleagues": colleagues, "southern": southern}


def home_as(client, user) -> str:
    client.force_login(user)
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_a_pa_sees_what_needs_doing_for_their_own_young_people_only(client, staff, people):
    page = home_as(client, staff["pa"])

    assert "What needs doing" in page
    assert "Mina Mine" in page and "Not in touch within the standard (1)" in page
    assert "Cole Colleagues" not in page and "Sam Southern" not in page


def test_a_team_manager_sees_their_teams_alerts_only(client, staff, people):
    page = home_as(client, staff["manager"])

    assert "Mina Mine" in page and "Cole Colleagues" in page
    assert "Sam Southern" not in page


def test_a_pa_with_nothing_to_do_is_told_so(client, staff, people):
    staff["pa"].allocations.all().delete()

    page = home_as(client, staff["pa"])

    assert "Nothing needs doing for your young people today." in page


@pytest.mark.parametrize("persona", ["board", "admin"])
def test_board_members_and_administrators_see_no_young_people(client, staff, people, persona):
    page = home_as(client, staff[persona])

    assert "What needs doing" not in page
    assert "Mina Mine" not in page


def test_a_resolved_alert_leaves_the_home_page(client, staff, people):
    contact(people["mine"], staff["pa"], on=today())
    alerts_sync(on=today())

    assert "Mina Mine" not in home_as(client, staff["pa"])


@pytest.mark.parametrize("how_many", [10, 200])
def test_the_home_page_runs_a_fixed_number_of_queries(
    client, staff, teams, how_many, django_assert_max_num_queries
):
    for _ in range(how_many):
        allocate(young_person(teams["north"]), staff["pa"])
    alerts_sync(on=today())
    client.force_login(staff["manager"])

    # The session; the user; the plans waiting for them, counted; the requests for money and
    # support waiting for them, counted; the open alerts of their teams with their young people
    # (one query, teams and visibility as subqueries); the requests from young people's own
    # pages waiting for them, with the newest messages (one query); saving the session's idle
    # clock (savepoint, update, release).
    with django_assert_max_num_queries(9):
        response = client.get(HOME)
    assert response.content.decode().count("and 190 more") == (1 if how_many == 200 else 0)
