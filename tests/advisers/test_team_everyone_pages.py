"""Everyone in the team on the team page, 50 a page, sorted by name or by Personal Adviser: a
team of a thousand is a page a manager can open, not a megabyte."""

import re

import pytest
from django.urls import reverse

from eligibility.rules import Status
from tests.crowd import crowd
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

URL = reverse("team-caseload")


def everyone_on(page: str) -> list[tuple[str, str]]:
    """(name, Personal Adviser) for each row of the everyone list."""
    table = page.split('id="everyone"', 1)[1].split("</table>", 1)[0]
    return re.findall(
        r'<a class="govuk-link" href="/young-people/\d+/">([^<]+)</a></td>\s*'
        r'<td class="govuk-table__cell">([^<]*)</td>', table)


@pytest.fixture
def team_of_51(client, teams, staff):
    """51 young people in the north team: the first 30 held by the PA, the rest by Zara Adams."""
    people = crowd(teams["north"], 30, pa=staff["pa"])
    zara = StaffFactory(full_name="Zara Adams", teams=[teams["north"]])
    people += crowd(teams["north"], 21, pa=zara, first_name="Later")
    client.force_login(staff["manager"])
    return people


def test_everyone_in_a_team_of_51_is_two_pages(client, team_of_51):
    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": "2"}).content.decode()

    assert len(everyone_on(first)) == 50
    assert [name for name, _ in everyone_on(second)] == ["Person 29"]  # the 51st by name
    assert "Showing 51 to 51 of 51 young people" in second
    assert "(page 2 of 2)" in re.search(r"<title>(.*?)</title>", second, re.S).group(1)
    assert 'href="?page=2#everyone"' in first


def test_everyone_sorted_by_personal_adviser_keeps_the_team_chosen(client, team_of_51, staff):
    page = client.get(URL, {"team": "north", "sort": "personal_adviser", "dir": "desc"})
    rows = everyone_on(page.content.decode())

    advisers = [adviser for _, adviser in rows]
    assert advisers[:21] == ["Zara Adams"] * 21 and advisers[21] == staff["pa"].get_full_name()
    heading = re.search(r'<th [^>]*aria-sort="descending"[^>]*>(.*?)</th>',
                        page.content.decode()).group(1)
    assert "Personal Adviser" in heading
    assert 'href="?team=north&amp;sort=personal_adviser&amp;dir=asc#everyone"' in heading


def test_a_page_past_the_end_shows_the_last(client, team_of_51):
    page = client.get(URL, {"page": "7"}).content.decode()

    assert [name for name, _ in everyone_on(page)] == ["Person 29"]


def test_someone_elses_team_is_not_paged_through(client, team_of_51, staff):
    client.force_login(staff["other_manager"])

    assert client.get(URL, {"team": "north", "page": "2"}).status_code == 404


def test_the_list_needing_a_personal_adviser_turns_its_own_pages(client, teams, staff):
    crowd(teams["north"], 51, status=Status.RELEVANT)  # none has a Personal Adviser
    client.force_login(staff["manager"])

    first = client.get(URL).content.decode()
    second = client.get(URL, {"unallocated_page": "2"}).content.decode()

    assert "51 young people need a Personal Adviser" in first
    unallocated = second.split('id="unallocated"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r'href="/young-people/\d+/">([^<]+)<', unallocated) == ["Person 50"]
    assert 'href="?unallocated_page=2#unallocated"' in first
    # Everyone in the team is still on its first page.
    assert len(everyone_on(second)) == 50
