import re

import pytest
from django.urls import reverse

from advisers.selectors import pa_changes, with_pa_changes
from careleavers.models import Role, YoungPerson
from careleavers.record import registered_caseload_columns
from eligibility.rules import Status
from tests.advisers.people import allocate, contact, cover, days_ago, today, young_person
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

URL = reverse("team-caseload")


def section(response, heading: str) -> str:
    """The page from `heading` to the next h2."""
    body = response.content.decode()
    start = body.index(heading)
    end = body.find("<h2", start)
    return body[start:end if end != -1 else None]


def test_manager_sees_each_advisers_caseload_against_capacity(client, staff, teams):
    north = teams["north"]
    staff["pa"].caseload_capacity = 2
    staff["pa"].save()
    staff["colleague"].caseload_capacity = 20
    staff["colleague"].save()
    for _ in range(3):
        allocate(young_person(north), staff["pa"])
    allocate(young_person(north), staff["colleague"])
    cover(young_person(north), staff["colleague"])
    client.force_login(staff["manager"])

    response = client.get(URL)

    advisers = section(response, "Personal Advisers")
    named = r"<span class=\"govuk-visually-hidden\">’s young people</span></a></th>"
    assert re.search(rf"{staff['pa'].get_full_name()}{named}\s*<td[^>]*>\s*3 of 2", advisers)
    assert "Over capacity" in advisers
    assert re.search(rf"{staff['colleague'].get_full_name()}{named}\s*<td[^>]*>\s*1 of 20",
                     advisers)
    assert staff["other_pa"].get_full_name() not in advisers


def test_each_advisers_name_opens_the_list_of_their_young_people(client, staff, teams):
    held = [young_person(teams["north"], first_name="Held", last_name=f"By{n}") for n in range(2)]
    for person in held:
        allocate(person, staff["pa"])
    allocate(young_person(teams["north"], first_name="Someone", last_name="Else"),
             staff["colleague"])
    client.force_login(staff["manager"])
    page = client.get(URL).content.decode()

    link = re.search(rf'href="([^"]+)">{staff["pa"].get_full_name()}<', page).group(1)
    listed = client.get(link.replace("&amp;", "&")).content.decode()

    assert "Held By0" in listed and "Held By1" in listed
    assert "Someone Else" not in listed


def test_unallocated_lists_who_needs_a_personal_adviser_and_has_none(client, staff, teams):
    north = teams["north"]
    needs = young_person(north, Status.RELEVANT, first_name="Needs", last_name="Adviser")
    allocated = young_person(north, Status.RELEVANT, first_name="Has", last_name="Adviser")
    allocate(allocated, staff["pa"])
    young_person(north, Status.QUALIFYING, first_name="Qualifying", last_name="Only")
    left = young_person(north, Status.FORMER_RELEVANT, first_name="Adviser", last_name="Left")
    allocate(left, staff["pa"], start_on=days_ago(300), end_on=days_ago(1))
    covered_only = young_person(north, Status.ELIGIBLE, first_name="Covered", last_name="Only")
    cover(covered_only, staff["colleague"])
    young_person(teams["south"], Status.RELEVANT, first_name="South", last_name="Team")
    client.force_login(staff["manager"])

    unallocated = section(client.get(URL), "Young people without a Personal Adviser")

    assert "Needs Adviser" in unallocated
    assert "Adviser Left" in unallocated
    assert "Covered Only" in unallocated
    assert "Has Adviser" not in unallocated
    assert "Qualifying Only" not in unallocated
    assert "South Team" not in unallocated
    assert reverse("allocation", args=[needs.pk]) in unallocated


def test_changes_of_personal_adviser_in_the_last_12_months(client, staff, teams):
    north = teams["north"]
    first_only = young_person(north, first_name="First", last_name="Only")
    allocate(first_only, staff["pa"], start_on=days_ago(30))
    changed_twice = young_person(north, first_name="Changed", last_name="Twice")
    allocate(changed_twice, staff["colleague"], start_on=days_ago(500), end_on=days_ago(201))
    allocate(changed_twice, staff["pa"], start_on=days_ago(200), end_on=days_ago(51))
    allocate(changed_twice, staff["colleague"], start_on=days_ago(50))
    long_ago = young_person(north, first_name="Long", last_name="Ago")
    allocate(long_ago, staff["colleague"], start_on=days_ago(900), end_on=days_ago(401))
    allocate(long_ago, staff["pa"], start_on=days_ago(400))
    client.force_login(staff["manager"])

    changes = section(client.get(URL), "Changes of Personal Adviser")

    assert re.search(r"Changed Twice</a></td>\s*<td[^>]*>[^<]+</td>\s*<td[^>]*>2<", changes)
    assert "First Only" not in changes
    assert "Long Ago" not in changes
    assert "1 of 3 young people" in changes


def test_pa_changes_does_not_count_cover_or_the_first_adviser(staff, teams):
    person = young_person(teams["north"])
    allocate(person, staff["pa"], start_on=days_ago(100), end_on=days_ago(11))
    allocate(person, staff["colleague"], start_on=days_ago(10))
    cover(person, staff["pa"])

    annotated = with_pa_changes(YoungPerson.objects.filter(pk=person.pk), today=today()).get()

    assert pa_changes(annotated, today=today()) == 1


def test_team_manager_sees_their_own_team_by_default_and_cannot_open_another(
    client, staff, teams
):
    client.force_login(staff["other_manager"])

    assert "South team" in client.get(URL).content.decode()
    assert client.get(URL, {"team": "north"}).status_code == 404


def test_a_manager_of_two_teams_chooses_between_them(client, staff, teams):
    staff["manager"].teams.add(teams["south"])
    client.force_login(staff["manager"])

    response = client.get(URL, {"team": "south"})

    body = response.content.decode()
    assert "<h1 class=\"govuk-heading-l\">South team</h1>" in body
    assert 'name="team"' in body


@pytest.mark.parametrize("persona", ["duty", "service"])
def test_duty_and_service_managers_see_any_team(client, staff, teams, persona):
    allocate(young_person(teams["south"]), staff["other_pa"])
    client.force_login(staff[persona])

    response = client.get(URL, {"team": "south"})

    assert response.status_code == 200
    assert staff["other_pa"].get_full_name() in section(response, "Personal Advisers")
    assert 'name="team"' in response.content.decode()


def test_only_team_managers_are_offered_the_allocate_link(client, staff, teams):
    person = young_person(teams["north"], Status.RELEVANT)
    client.force_login(staff["service"])

    body = client.get(URL, {"team": "north"}).content.decode()

    assert reverse("allocation", args=[person.pk]) not in body


def test_restricted_young_people_are_left_out_for_managers_not_named(client, staff, teams):
    young_person(teams["north"], Status.RELEVANT, first_name="Hidden", last_name="Person",
                 restricted=True, restricted_to=[staff["pa"]])
    client.force_login(staff["manager"])

    assert "Hidden Person" not in client.get(URL).content.decode()


@pytest.mark.parametrize("persona", ["pa", "other_pa", "board", "admin"])
def test_advisers_board_members_and_administrators_cannot_see_team_caseloads(
    client, staff, persona
):
    client.force_login(staff[persona])

    assert client.get(URL).status_code == 403


def test_navigation_offers_the_team_page_to_managers(client, staff):
    for persona in ["manager", "duty", "service"]:
        client.force_login(staff[persona])
        assert f'href="{URL}"' in client.get(reverse("home")).content.decode()
    client.force_login(staff["pa"])
    assert f'href="{URL}"' not in client.get(reverse("home")).content.decode()


def _team_of(team, count, advisers):
    for number in range(count):
        status = Status.RELEVANT if number % 4 else Status.QUALIFYING
        person = young_person(team, status, first_name=f"Person{number}")
        if number % 5:
            adviser = advisers[number % len(advisers)]
            allocate(person, advisers[(number + 1) % len(advisers)], start_on=days_ago(300),
                     end_on=days_ago(101))
            allocate(person, adviser, start_on=days_ago(100))
            contact(person, adviser, on=days_ago(number % 60))
        if number % 7 == 0:
            cover(person, advisers[0])


@pytest.mark.parametrize("count", [10, 200])
def test_team_page_runs_a_fixed_number_of_queries(
    client, staff, teams, django_assert_max_num_queries, count
):
    advisers = [staff["pa"], staff["colleague"]] + [
        StaffFactory(role=Role.PERSONAL_ADVISER, teams=[teams["north"]]) for _ in range(3)
    ]
    _team_of(teams["north"], count, advisers)
    client.force_login(staff["manager"])

    # 1 the session, 2 the signed-in user, 3 the teams they may see, 4 the advisers with their
    # caseloads, 5 the keep-in-touch standards, 6 the unallocated young people with status and
    # contact dates, 7 their current allocations, 8 every young person in the team with their PA
    # changes, 9 how many are in the team (for the pages of everyone), 10 one page of everyone
    # with their PA; 11-13 the session's idle clock saved (savepoint, update, release); then one
    # for each column other packages add (careleavers.record.caseload_column), such as the
    # pathway plan's standing.
    with django_assert_max_num_queries(13 + len(registered_caseload_columns())):
        response = client.get(URL)

    assert f"of {count} young people" in response.content.decode()
