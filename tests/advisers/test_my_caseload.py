import re

import pytest
from django.urls import reverse

from advisers.models import AllocationKind, KeepInTouch
from careleavers.record import registered_caseload_columns
from eligibility.rules import Status
from tests.advisers.people import allocate, contact, cover, days_ago, today, young_person

pytestmark = pytest.mark.django_db

URL = reverse("my-caseload")


def caseload_table(response) -> str:
    """The caseload table's HTML. Below tablet width the page shows the same young people as
    summary cards instead (tests/browser/test_phone_width.py)."""
    body = response.content.decode()
    if "<table" not in body:
        return ""
    return body[body.index("<table"):body.index("</table>")]


def names_in_order(response) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/young-people/\d+/">([^<]+)</a>',
                      caseload_table(response))


def test_personal_adviser_sees_the_young_people_they_hold_and_cover(client, staff, teams):
    mine = young_person(teams["north"], first_name="Amira", last_name="Khan")
    covered = young_person(teams["north"], first_name="Ben", last_name="Lewis")
    colleagues = young_person(teams["north"], first_name="Cara", last_name="Moss")
    allocate(mine, staff["pa"])
    allocate(covered, staff["colleague"])
    cover(covered, staff["pa"])
    allocate(colleagues, staff["colleague"])
    client.force_login(staff["pa"])

    response = client.get(URL)

    assert response.status_code == 200
    assert sorted(names_in_order(response)) == ["Amira Khan", "Ben Lewis"]
    body = response.content.decode()
    assert "Covering" in body
    assert f"for {staff['colleague'].get_full_name()}" in body
    assert reverse("contact-add", args=[mine.pk]) in body


def test_ended_allocations_and_cover_not_yet_started_are_not_on_the_caseload(
    client, staff, teams
):
    ended = young_person(teams["north"], first_name="Dee", last_name="Ended")
    allocate(ended, staff["pa"], start_on=days_ago(300), end_on=days_ago(1))
    later = young_person(teams["north"], first_name="Eli", last_name="Later")
    allocate(later, staff["colleague"])
    allocate(later, staff["pa"], kind=AllocationKind.COVER, start_on=days_ago(-3))
    client.force_login(staff["pa"])

    assert names_in_order(client.get(URL)) == []


def test_never_seen_and_overdue_come_first_then_by_due_date(client, staff, teams):
    pa = staff["pa"]
    people = {}
    for name, seen_days_ago in [("Ok", 10), ("Soon", 52), ("Overdue", 70), ("Never", None),
                                ("Later", 3), ("Very overdue", 200)]:
        person = young_person(teams["north"], first_name=name, last_name="Person")
        allocate(person, pa)
        if seen_days_ago is not None:
            contact(person, pa, on=days_ago(seen_days_ago))
        people[name] = person
    no_standard = young_person(teams["north"], Status.QUALIFYING, first_name="Qualifying",
                               last_name="Person")
    allocate(no_standard, pa)
    client.force_login(pa)

    response = client.get(URL)

    assert names_in_order(response) == [
        "Never Person", "Very overdue Person", "Overdue Person", "Soon Person", "Ok Person",
        "Later Person", "Qualifying Person",
    ]
    body = caseload_table(response)
    assert "Never seen" in body
    assert body.count(">Overdue<") == 2
    assert "Due in 4 days" in body  # seen 52 days ago, every 8 weeks
    assert "Not required" in body


def test_on_a_phone_each_young_person_is_a_card_in_the_same_order(client, staff, teams):
    pa = staff["pa"]
    for name, seen_days_ago in [("Ok", 10), ("Overdue", 70), ("Soon", 52)]:
        person = young_person(teams["north"], first_name=name, last_name="Person")
        allocate(person, pa)
        contact(person, pa, on=days_ago(seen_days_ago))
    client.force_login(pa)

    response = client.get(URL)

    body = response.content.decode()
    cards = re.findall(
        r'<h2 class="govuk-summary-card__title">\s*<a class="govuk-link" '
        r'href="/young-people/\d+/">([^<]+)</a>.*?'
        r'Record a contact<span class="govuk-visually-hidden"> for ([^<]+)</span>.*?'
        r'Next contact due</dt>\s*<dd class="govuk-summary-list__value">\s*(?:<strong[^>]*>)?'
        r'([^<]+)<',
        body, flags=re.S,
    )
    assert [(name, due.strip()) for name, _, due in cards] == [
        ("Overdue Person", "Overdue"), ("Soon Person", "Due in 4 days"),
        ("Ok Person", f"{KeepInTouch(days_ago(10), 56).next_due:%-d %B %Y}"),
    ]
    assert all(name == contact_for for name, contact_for, _ in cards)
    assert [name for name, _, _ in cards] == names_in_order(response)


def test_next_contact_due_date_is_shown_when_not_due_soon(client, staff, teams):
    person = young_person(teams["north"])
    allocate(person, staff["pa"])
    contact(person, staff["pa"], on=days_ago(10))
    client.force_login(staff["pa"])

    response = client.get(URL)

    due = KeepInTouch(days_ago(10), 56).next_due
    assert f"{due.day} {due:%B %Y}" in response.content.decode()


def test_an_attempt_shows_as_the_last_contact_but_does_not_count_as_in_touch(
    client, staff, teams
):
    person = young_person(teams["north"])
    allocate(person, staff["pa"])
    contact(person, staff["pa"], on=days_ago(100))
    contact(person, staff["pa"], on=days_ago(1), outcome="attempted")
    client.force_login(staff["pa"])

    body = client.get(URL).content.decode()

    yesterday = days_ago(1)
    assert f"{yesterday.day} {yesterday:%B %Y}" in body
    assert "Tried but could not reach them" in body
    assert ">Overdue<" in body


def test_a_restricted_record_not_naming_the_adviser_stays_hidden(client, staff, teams):
    person = young_person(teams["north"], restricted=True, restricted_to=[staff["manager"]])
    allocate(person, staff["pa"])
    client.force_login(staff["pa"])

    assert names_in_order(client.get(URL)) == []


def test_age_is_in_whole_years(client, staff, teams):
    born = today().replace(year=today().year - 19)
    person = young_person(teams["north"], date_of_birth=born)
    allocate(person, staff["pa"])
    client.force_login(staff["pa"])

    body = client.get(URL).content.decode()

    assert re.search(r'govuk-table__cell--numeric">19<', body)


def test_an_empty_caseload_says_so(client, staff):
    client.force_login(staff["pa"])

    assert "You do not hold any young people" in client.get(URL).content.decode()


@pytest.mark.parametrize("persona", ["manager", "duty", "service", "board", "admin"])
def test_only_personal_advisers_have_a_caseload_page(client, staff, persona):
    client.force_login(staff[persona])

    assert client.get(URL).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("sign-in"))


def test_navigation_offers_my_caseload_to_personal_advisers_only(client, staff):
    client.force_login(staff["pa"])
    assert "My caseload" in client.get(reverse("home")).content.decode()
    client.force_login(staff["manager"])
    assert "My caseload" not in client.get(reverse("home")).content.decode()


def _caseload_of(pa, team, count):
    for number in range(count):
        person = young_person(team, first_name=f"Person{number}")
        if number % 3:
            allocate(person, pa)
        else:
            cover(person, pa)
        if number % 2:
            contact(person, pa, on=days_ago(number % 90))
        contact(person, pa, on=days_ago(2), outcome="attempted")


@pytest.mark.parametrize("count", [10, 200])
def test_caseload_runs_a_fixed_number_of_queries(
    client, staff, teams, django_assert_max_num_queries, count
):
    _caseload_of(staff["pa"], teams["north"], count)
    client.force_login(staff["pa"])

    # 1 the session, 2 the signed-in user, 3 the keep-in-touch standards, 4 the young people with
    # their status and contact dates, 5 their current allocations with the advisers; 6-8 the
    # session's idle clock saved (savepoint, update, release); then one for each column other
    # packages add (careleavers.record.caseload_column), such as the pathway plan's standing.
    with django_assert_max_num_queries(8 + len(registered_caseload_columns())):
        response = client.get(URL)

    assert len(names_in_order(response)) == count
