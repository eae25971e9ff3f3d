"""The list behind a figure, 50 young people a page, sorted by the column a manager picks, with
the columns that explain the number (last in touch, and who saw them) on the page and in the
CSV, which still holds everyone."""

import csv
import io
import re
from urllib.parse import parse_qsl

import pytest
from django.urls import reverse

from advisers.selectors import current_pa_name
from careleavers.models import YoungPerson
from dashboard.lists import explaining_columns
from tests.advisers.people import days_ago, today
from tests.crowd import crowd

pytestmark = pytest.mark.django_db

LIST = reverse("dashboard-list")
CSV = reverse("dashboard-list-csv")
OVERDUE = {"figure": "contact.overdue"}


def overdue_young_people(teams, staff, count):
    """`count` young people in the north team, each last seen longer ago than the one before:
    Person 00 seen 60 days ago (by the PA), Person 01 61 days ago (by the colleague), …"""
    return crowd(teams["north"], count, pa=staff["pa"], seen_by=[staff["pa"], staff["colleague"]])


def table_of(page: str) -> list[dict[str, str]]:
    """The list's rows, each cell's text under its column's heading."""
    headings = [re.sub(r"<svg.*?</svg>|<[^>]+>", "", cell).strip() for cell in re.findall(
        r'<th scope="col" class="govuk-table__header[^"]*"[^>]*>(.*?)</th>', page)]
    body = page.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    cell = r'<td class="govuk-table__cell[^"]*">(.*?)</td>'
    return [
        dict(zip(headings, (re.sub(r"<[^>]+>", "", text).strip()
                            for text in re.findall(cell, row, re.S)), strict=True))
        for row in re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', body, re.S)
    ]


def names_on(page: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/young-people/\d+/">([^<]+)</a>', page)


def title_of(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


def rows_of(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def fifty_one(client, teams, staff):
    people = overdue_young_people(teams, staff, 51)
    client.force_login(staff["manager"])
    return people


def test_a_list_of_51_is_two_pages_the_second_holding_the_51st(client, fifty_one):
    first = client.get(LIST, OVERDUE).content.decode()
    second = client.get(LIST, {**OVERDUE, "page": "2"}).content.decode()

    assert len(names_on(first)) == 50 and "Person 50" not in names_on(first)
    assert names_on(second) == ["Person 50"]
    assert "51 young people." in first
    assert "Showing 1 to 50 of 51 young people" in first
    assert "Showing 51 to 51 of 51 young people" in second
    assert "(page 2 of 2)" in title_of(second)
    assert "(page" not in title_of(first)
    # The pages link to each other, keeping the figure.
    assert 'href="?figure=contact.overdue&amp;page=2"' in first
    assert 'href="?figure=contact.overdue&amp;page=1"' in second


@pytest.mark.parametrize("asked, shows", [("abc", 1), ("0", 2), ("99", 2), ("", 1)])
def test_a_page_that_is_not_there_shows_the_first_or_the_last(client, fifty_one, asked, shows):
    page = client.get(LIST, {**OVERDUE, "page": asked}).content.decode()

    assert (names_on(page) == ["Person 50"]) is (shows == 2)


def test_sorted_by_next_contact_due_the_most_overdue_come_first(client, fifty_one):
    soonest = client.get(LIST, {**OVERDUE, "sort": "contact_due_on", "dir": "asc"}).content
    latest = client.get(LIST, {**OVERDUE, "sort": "contact_due_on", "dir": "desc"}).content

    # Person 50 was seen longest ago, so their next contact was due first.
    assert names_on(soonest.decode())[:3] == ["Person 50", "Person 49", "Person 48"]
    assert names_on(latest.decode())[:3] == ["Person 00", "Person 01", "Person 02"]


def test_the_sorted_heading_says_so_and_each_heading_keeps_the_filters(client, fifty_one, staff):
    page = client.get(LIST, {**OVERDUE, "adviser": staff["pa"].username, "sort": "contact_due_on",
                             "page": "2"}).content.decode()

    sorted_heading = re.search(r'<th [^>]*aria-sort="ascending"[^>]*>(.*?)</th>', page).group(1)
    assert "Next contact due" in sorted_heading
    # Selecting it again sorts the other way; the filters and figure stay, the page goes back
    # to the first.
    assert (f'href="?figure=contact.overdue&amp;adviser={staff["pa"].username}'
            '&amp;sort=contact_due_on&amp;dir=desc"') in sorted_heading
    name_heading = re.search(r'<th [^>]*aria-sort="none"[^>]*>(.*?)</th>', page).group(1)
    assert "sort=name&amp;dir=asc" in name_heading and "page=" not in name_heading


def test_a_column_not_in_the_list_sorts_by_name(client, fifty_one):
    page = client.get(LIST, {**OVERDUE, "sort": "notes", "dir": "sideways"}).content.decode()

    assert names_on(page)[:2] == ["Person 00", "Person 01"]
    assert re.search(r'aria-sort="ascending"[^>]*><a [^>]*>Name<', page)


def test_the_download_holds_every_young_person_in_the_order_shown(client, fifty_one):
    rows = rows_of(client.get(CSV, {**OVERDUE, "sort": "contact_due_on", "page": "2"}))

    assert len(rows) == 51
    assert [row["last_name"] for row in rows[:2]] == ["50", "49"]


def test_the_list_and_its_download_say_when_and_by_whom_they_were_last_in_touch(
    client, fifty_one, staff
):
    page = client.get(LIST, {**OVERDUE, "sort": "name"}).content.decode()
    rows = {row["last_name"]: row for row in rows_of(client.get(CSV, OVERDUE))}

    first = table_of(page)[0]
    assert first["Name"] == "Person 00"
    assert first["Seen or spoken to by"] == staff["pa"].get_full_name()
    assert rows["00"]["last_in_touch_on"] == days_ago(60).isoformat()
    assert rows["00"]["last_in_touch_by"] == staff["pa"].get_full_name()
    assert rows["01"]["last_in_touch_by"] == staff["colleague"].get_full_name()


def test_sorted_by_who_saw_them_the_colleague_and_the_pa_are_together(client, fifty_one, staff):
    pa, colleague = staff["pa"].get_full_name(), staff["colleague"].get_full_name()

    ascending = client.get(LIST, {**OVERDUE, "sort": "last_in_touch_by"}).content.decode()
    descending = client.get(LIST, {**OVERDUE, "sort": "last_in_touch_by", "dir": "desc"})

    by = [row["Seen or spoken to by"] for row in table_of(ascending)]
    assert by == sorted(by) and set(by) == {pa, colleague}
    by = [row["Seen or spoken to by"] for row in table_of(descending.content.decode())]
    assert by == sorted(by, reverse=True)


@pytest.mark.parametrize("count", [10, 1000])
def test_a_page_of_a_list_runs_a_fixed_number_of_queries(
    client, teams, staff, django_assert_max_num_queries, count
):
    overdue_young_people(teams, staff, count)
    client.force_login(staff["manager"])

    # 1 the session, 2 the user, 3-4 the ids of the young people in the manager's scope and of
    # everyone (the shorter list is used), 5 how many young people the list holds, 6 one page
    # of them: the figure's condition on the standing as its WHERE clause, with status, team,
    # Personal Adviser and who last saw them, 7-8 the filter's choices (teams, advisers), 9-11
    # the session's idle clock saved (savepoint, update, release).
    with django_assert_max_num_queries(11):
        response = client.get(LIST, {**OVERDUE, "sort": "last_in_touch_by", "page": "2"})
    assert response.status_code == 200


def removal_links(page: str) -> dict[str, str]:
    """Each filter chosen, as its tag reads, and where its "Remove this filter" link goes."""
    return {text.strip(): href.replace("&amp;", "&") for href, text in re.findall(
        r'<a class="moj-filter__tag" href="([^"]*)"><span class="govuk-visually-hidden">'
        r"Remove this filter</span>([^<]*)</a>", page)}


def test_the_filters_chosen_are_tags_each_removing_only_itself(client, fifty_one, staff):
    dashboard = reverse("dashboard")
    pa = staff["pa"]

    page = client.get(dashboard, {"adviser": pa.username, "status": "former_relevant"})
    tags = removal_links(page.content.decode())

    assert tags == {pa.get_full_name(): f"{dashboard}?status=former_relevant",
                    "Former relevant": f"{dashboard}?adviser={pa.username}"}
    assert f'href="{dashboard}">Clear filters</a>' in page.content.decode()
    assert client.get(dashboard).content.decode().count("Remove this filter") == 0


def test_on_a_list_removing_a_filter_keeps_the_figure_and_the_sort_from_the_first_page(
    client, fifty_one, staff
):
    page = client.get(LIST, {**OVERDUE, "adviser": staff["pa"].username,
                             "sort": "contact_due_on", "page": "2"}).content.decode()

    assert removal_links(page) == {
        staff["pa"].get_full_name(): f"{LIST}?figure=contact.overdue&sort=contact_due_on"}
    assert (f'href="{LIST}?figure=contact.overdue&amp;sort=contact_due_on">Clear filters</a>'
            in page)
    # Applying other filters keeps the figure and the sort too.
    assert '<input type="hidden" name="figure" value="contact.overdue">' in page
    assert '<input type="hidden" name="sort" value="contact_due_on">' in page


@pytest.mark.parametrize("figure", ["young_people.total", "contact.overdue", "stability.with_pa"])
def test_every_sortable_heading_opens_the_list_sorted_by_it_both_ways(client, teams, staff,
                                                                      figure):
    overdue_young_people(teams, staff, 3)
    client.force_login(staff["duty"])
    page = client.get(LIST, {"figure": figure}).content.decode()

    links = re.findall(r'<a class="app-sortable-table__link" href="([^"]+)">([^<]+)<', page)
    assert len(links) >= 6  # name, council ID, age, status, team, Personal Adviser at least
    for href, heading in links:
        for direction in ("asc", "desc"):
            query = dict(parse_qsl(href.replace("&amp;", "&").lstrip("?")), dir=direction)
            sorted_page = client.get(LIST, query).content.decode()
            way = "ascending" if direction == "asc" else "descending"
            marked = re.search(rf'<th [^>]*aria-sort="{way}"[^>]*>(.*?)</th>', sorted_page)
            assert marked and heading in marked.group(1), (figure, heading, direction)
            assert len(table_of(sorted_page)) == 3


@pytest.mark.parametrize("group", [
    "pathway_plans", "needs_assessments", "contact", "accommodation", "eet_19_21", "stability",
])
def test_each_explaining_column_sorts_in_the_database(teams, staff, group):
    overdue_young_people(teams, staff, 3)
    people = YoungPerson.objects.annotate(personal_adviser_name=current_pa_name(today=today()))

    for column in explaining_columns(f"{group}.any"):
        assert column.sort is not None, column.heading
        for descending in (False, True):
            assert len(people.order_by(*column.sort.order(descending), "pk")) == 3
