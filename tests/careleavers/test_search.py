import re

import pytest
from django.urls import reverse

from careleavers.models import YoungPerson
from tests.careleavers.records import add_young_person
from tests.crowd import crowd
from tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("young-person-search")


def found(client, query="", **params):
    response = client.get(SEARCH, {"q": query, **params})
    assert response.status_code == 200
    return list(response.context["pages"].rows)


@pytest.fixture
def amani(teams):
    return add_young_person(
        team=teams["north"], first_name="Amani", last_name="Okafor", preferred_name="Ami",
        person_id="CL-4471", upn="A123456789012",
    )


@pytest.mark.parametrize("query", [
    "Amani", "okafor", "Amani Okafor", "Okafor Amani", "Ami", "oka", "CL-4471", "cl-4471",
    "A123456789012",
])
def test_search_finds_by_name_parts_preferred_name_and_ids(client, staff, amani, query):
    client.force_login(staff["pa"])

    assert found(client, query) == [amani]


def test_search_does_not_match_part_of_an_id(client, staff, amani):
    client.force_login(staff["pa"])

    assert found(client, "4471") == []


def test_search_never_returns_a_young_person_in_another_team(client, staff, teams, amani):
    south = add_young_person(team=teams["south"], first_name="Amani", last_name="Okafor")
    client.force_login(staff["pa"])

    assert found(client, "Okafor") == [amani]
    client.force_login(staff["other_manager"])
    assert found(client, "Okafor") == [south]


def test_search_never_returns_a_restricted_record_to_staff_not_named(client, staff, teams):
    hidden = add_young_person(team=teams["north"], last_name="Hidden", restricted=True,
                              restricted_to=[staff["colleague"]])

    for persona in ("pa", "manager", "duty", "service"):
        client.force_login(staff[persona])
        assert found(client, "Hidden") == [], persona
    client.force_login(staff["colleague"])
    assert found(client, "Hidden") == [hidden]


def test_duty_and_service_managers_search_every_team(client, staff, teams, amani):
    south = add_young_person(team=teams["south"], first_name="Amani", last_name="Okafor")

    for persona in ("duty", "service"):
        client.force_login(staff[persona])
        assert set(found(client, "okafor")) == {amani, south}


@pytest.mark.parametrize("persona", ["board", "admin"])
def test_board_members_and_administrators_cannot_search_young_people(
    client, staff, amani, persona
):
    client.force_login(staff[persona])

    response = client.get(SEARCH, {"q": "Okafor"})

    assert response.status_code == 403
    assert "Okafor" not in response.content.decode()


def test_search_needs_signing_in(client, amani):
    response = client.get(SEARCH, {"q": "Okafor"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("sign-in"))


def test_results_show_date_of_birth_age_team_and_status(client, staff, amani):
    client.force_login(staff["pa"])

    page = client.get(SEARCH, {"q": "Okafor"}).content.decode()

    assert "CL-4471" in page
    assert "North" in page
    assert amani.statutory_status.get_status_display() in page
    assert f"{amani.date_of_birth.day} {amani.date_of_birth:%B} {amani.date_of_birth.year}" in page


def test_results_are_paginated_fifty_a_page(client, staff, teams):
    YoungPersonFactory.create_batch(60, team=teams["north"])
    client.force_login(staff["pa"])

    first = found(client)
    second = found(client, page=2)

    assert len(first) == 50
    assert len(second) == 10
    assert not set(first) & set(second)


def test_the_51st_is_on_page_2_which_the_title_and_the_pages_say(client, staff, teams):
    crowd(teams["north"], 51)
    client.force_login(staff["pa"])

    first = client.get(SEARCH, {"q": "Person"}).content.decode()
    second = client.get(SEARCH, {"q": "Person", "page": "2"}).content.decode()

    assert [person.last_name for person in found(client, "Person", page=2)] == ["50"]
    assert "Showing 1 to 50 of 51 young people" in first
    assert "Showing 51 to 51 of 51 young people" in second
    assert "(page 2 of 2)" in re.search(r"<title>(.*?)</title>", second, re.S).group(1)
    assert "(page" not in re.search(r"<title>(.*?)</title>", first, re.S).group(1)
    assert 'href="?q=Person&amp;page=2"' in first  # the next page keeps the search


@pytest.mark.parametrize("asked, last_name", [("abc", "00"), ("-1", "50"), ("9", "50")])
def test_a_page_that_is_not_there_shows_the_first_or_the_last(
    client, staff, teams, asked, last_name
):
    crowd(teams["north"], 51)
    client.force_login(staff["pa"])

    assert found(client, "Person", page=asked)[0].last_name == last_name


def test_add_button_shows_only_to_those_who_can_add(client, staff):
    add_url = reverse("young-person-add")
    client.force_login(staff["pa"])
    assert add_url in client.get(SEARCH).content.decode()
    client.force_login(staff["duty"])
    assert add_url not in client.get(SEARCH).content.decode()


@pytest.mark.parametrize("how_many", [10, 1000])
def test_search_page_runs_a_fixed_number_of_queries(
    client, staff, teams, how_many, django_assert_max_num_queries
):
    YoungPersonFactory.create_batch(how_many, team=teams["north"], last_name="Smith")
    assert YoungPerson.objects.count() == how_many
    client.force_login(staff["pa"])

    # 1 session, 2 user, 3 count of matches, 4 whether this user may add a young person (has a
    # team), 5 the page of young people with their team and status, 6-8 the session's last-seen
    # time saved (savepoint, update, release).
    with django_assert_max_num_queries(8):
        response = client.get(SEARCH, {"q": "smith"})

    assert response.status_code == 200
    assert len(response.context["pages"].rows) == min(how_many, 50)


# --- by words in contact notes ------------------------------------------------------------------


def _noted(team, staff, notes: str, **names):
    from tests.advisers.people import contact

    person = add_young_person(team=team, **names)
    visit = contact(person, staff["pa"])
    type(visit).objects.filter(pk=visit.pk).update(notes=notes)
    return person


def test_search_finds_young_people_by_words_in_their_contact_notes(client, staff, teams, amani):
    college = _noted(teams["north"], staff, "Started at the college on Monday, enjoying it.",
                     first_name="Priya", last_name="Nair")
    custody = _noted(teams["north"], staff, "Visited in custody at HMP Example; release in May.",
                     first_name="Tom", last_name="Reed")
    client.force_login(staff["pa"])

    assert found(client, "college") == [college]
    assert found(client, "custody") == [custody]
    # English word forms: a note saying "visited" is found by "visit".
    assert found(client, "visit release") == [custody]
    assert found(client, "college custody") == []
    page = client.get(SEARCH, {"q": "custody"}).content.decode()
    assert "Found in a contact note" in page
    assert "Found in a contact note" not in client.get(SEARCH, {"q": "Reed"}).content.decode()


def test_words_in_notes_find_only_young_people_the_user_may_see(client, staff, teams):
    _noted(teams["south"], staff, "Talked about the college course.", last_name="Southern")
    hidden = _noted(teams["north"], staff, "Talked about the college course.",
                    last_name="Hidden", restricted=True, restricted_to=[staff["colleague"]])
    client.force_login(staff["pa"])

    assert found(client, "college") == []
    client.force_login(staff["colleague"])
    assert found(client, "college") == [hidden]
