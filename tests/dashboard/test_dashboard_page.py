"""The dashboard for team, duty and service managers: the figures with percentages, filters, and
every number linking to the list of young people behind it, with a CSV download; all of them
agreeing with `figures` (INTERFACES.md §3)."""

import csv
import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accommodation.models import AccommodationEpisode
from careleavers.models import Role, Team, User, YoungPerson
from dashboard.figures import MEASURES, figures_for, young_people_matching
from eet.models import ActivityEpisode
from eligibility.rules import Status
from tests.advisers.people import allocate, contact, days_ago, today, young_person
from tests.dashboard.caseload import load_caseload
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 3, 16, 0, tzinfo=ZoneInfo("Europe/London"))
ON = date(2026, 3, 3)
DASHBOARD = reverse("dashboard")
LIST = reverse("dashboard-list")
CSV = reverse("dashboard-list-csv")


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def caseload(tmp_path, frozen):
    load_caseload(tmp_path)


def signed_in(client, username):
    client.force_login(User.objects.get(username=username))
    return client


def flatten(figures: dict, prefix: str = "") -> dict[str, int]:
    flat = {}
    for key, value in figures.items():
        if key == "on":
            continue
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def numbers_on(page: str) -> dict[str, int]:
    return {key: int(n) for key, n in re.findall(r'data-figure="([^"]+)">(\d+)<', page)}


def listed(client, key, **filters) -> set[str]:
    page = client.get(LIST, {"figure": key, **filters}).content.decode()
    return set(re.findall(r"<td class=\"govuk-table__cell\">(YP-\d+)</td>", page))


def headings_of(page: str) -> list[str]:
    """The list's column headings as they read, sortable (a link in the heading) or not."""
    cells = re.findall(r'<th scope="col" class="govuk-table__header[^"]*"[^>]*>(.*?)</th>', page)
    return [re.sub(r"<svg.*?</svg>|<[^>]+>", "", cell).strip() for cell in cells]


def downloaded(client, key, **filters) -> list[dict]:
    response = client.get(CSV, {"figure": key, **filters})
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("username, filters, expected", [
    ("dduty", {}, lambda: figures_for(ON)),
    ("mgreen", {}, lambda: figures_for(ON, Team.objects.get(team_id="north"))),
    ("hblack", {"team": "south"}, lambda: figures_for(ON, Team.objects.get(team_id="south"))),
    ("hblack", {"adviser": "ppatel", "age_band": "18-20"}, lambda: figures_for(
        ON, within=young_people_matching(YoungPerson.objects.all(), on=ON,
                                         adviser=User.objects.get(username="ppatel"),
                                         age_band="18-20"))),
])
def test_the_dashboard_its_lists_and_their_downloads_agree_with_figures(
    client, caseload, username, filters, expected
):
    signed_in(client, username)
    want = {key: n for key, n in flatten(expected()).items() if key not in MEASURES}

    shown = numbers_on(client.get(DASHBOARD, filters).content.decode())

    assert shown == want
    for key, count in want.items():
        people = listed(client, key, **filters)
        rows = downloaded(client, key, **filters)
        assert len(people) == count, key
        assert {row["person_id"] for row in rows} == people, key


def test_each_number_links_to_its_list_keeping_the_filters(client, caseload):
    signed_in(client, "dduty")

    page = client.get(DASHBOARD, {"status": "relevant"}).content.decode()

    assert f'href="{LIST}?figure=pathway_plans.overdue&amp;status=relevant"' in page


def test_percentages_are_of_those_the_figure_applies_to(client, caseload):
    signed_in(client, "dduty")

    page = client.get(DASHBOARD).content.decode()

    # 1 overdue of the 5 who need a plan; 3 of 5 in touch; 1 of 4 in custody.
    overdue = page.index('data-figure="pathway_plans.overdue"')
    assert "20%" in page[overdue:overdue + 300]
    within = page.index('data-figure="contact.within_standard"')
    assert "60%" in page[within:within + 300]
    custody = page.index('data-figure="accommodation.custody"')
    assert "25%" in page[custody:custody + 300]


def test_the_overdue_list_names_the_young_person_their_pa_and_links_to_their_record(
    client, caseload
):
    signed_in(client, "mgreen")
    eli = YoungPerson.objects.get(person_id="YP-5")

    page = client.get(LIST, {"figure": "pathway_plans.overdue"}).content.decode()

    assert "<h1 class=\"govuk-heading-l\">Pathway plans: Plan review overdue</h1>" in page
    assert reverse("young-person", args=[eli.pk]) in page
    assert "1 young person." in page
    assert "Download this list as a spreadsheet (CSV)" in page


def test_a_download_has_one_row_per_young_person_with_their_details(client, caseload):
    signed_in(client, "dduty")

    rows = downloaded(client, "caseloads.per_adviser.ppatel")

    assert rows == [
        {"person_id": "YP-2", "first_name": "Ben", "last_name": "Example",
         "date_of_birth": "2006-01-15", "age": "20", "team": "North team",
         "status": "Former relevant", "personal_adviser": "Pat Patel"},
        {"person_id": "YP-1", "first_name": "Amara", "last_name": "Testperson",
         "date_of_birth": "2008-09-01", "age": "17", "team": "North team",
         "status": "Eligible", "personal_adviser": "Pat Patel"},
    ]


def test_a_team_manager_sees_only_their_own_teams(client, caseload):
    signed_in(client, "kblue")

    shown = numbers_on(client.get(DASHBOARD, {"team": "north"}).content.decode())

    assert shown["young_people.total"] == 1  # Cal, in the south; "north" is not theirs to pick
    assert listed(client, "young_people.total", team="north") == {"YP-3"}


def test_filters_narrow_every_figure(client, caseload):
    signed_in(client, "dduty")

    by_age = numbers_on(client.get(DASHBOARD, {"age_band": "16-17"}).content.decode())
    by_status = numbers_on(client.get(DASHBOARD, {"status": "relevant"}).content.decode())

    assert by_age["young_people.total"] == 2 and by_age["pathway_plans.overdue"] == 1
    assert by_status["young_people.total"] == 1 and by_status["accommodation.custody"] == 1


def test_a_restricted_record_is_left_out_for_managers_not_named_on_it(client, caseload):
    YoungPerson.objects.filter(person_id="YP-5").update(restricted=True)
    signed_in(client, "dduty")

    shown = numbers_on(client.get(DASHBOARD).content.decode())

    assert shown["pathway_plans.overdue"] == 0
    assert listed(client, "pathway_plans.overdue") == set()


def test_an_unknown_figure_is_not_found(client, caseload):
    signed_in(client, "dduty")

    assert client.get(LIST, {"figure": "pathway_plans.late"}).status_code == 404
    assert client.get(CSV, {"figure": "nothing"}).status_code == 404
    assert client.get(LIST).status_code == 404


@pytest.mark.parametrize("persona", ["pa", "board", "admin"])
@pytest.mark.parametrize("url", [DASHBOARD, LIST, CSV])
def test_advisers_board_members_and_administrators_cannot_see_the_dashboard(
    client, staff, persona, url
):
    client.force_login(staff[persona])

    assert client.get(url, {"figure": "young_people.total"}).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(DASHBOARD)

    assert response.status_code == 302 and reverse("sign-in") in response["Location"]


@pytest.mark.parametrize("persona, offered", [
    ("manager", True), ("duty", True), ("service", True), ("pa", False), ("board", False),
])
def test_navigation_offers_the_dashboard_to_managers(client, staff, persona, offered):
    client.force_login(staff[persona])

    page = client.get(reverse("home")).content.decode()

    assert (f'href="{DASHBOARD}"' in page) is offered


def _service_of(teams, count, advisers):
    """`count` young people across the statuses, some with a PA, contacts, a home and an
    activity, so every figure has someone behind it."""
    statuses = [Status.RELEVANT, Status.FORMER_RELEVANT, Status.ELIGIBLE,
                Status.FORMER_RELEVANT_EDUCATION, Status.NOT_ENTITLED]
    for i in range(count):
        person = young_person(teams["north"] if i % 3 else teams["south"],
                              status=statuses[i % len(statuses)],
                              date_of_birth=date(2004 + i % 6, 1 + i % 12, 1 + i % 28))
        if i % 2:
            allocate(person, advisers[i % len(advisers)])
        if i % 4:
            contact(person, advisers[0], on=days_ago(10 + i % 90))
        if i % 5:
            AccommodationEpisode.objects.create(young_person=person, start_on=days_ago(100),
                                                type_code="WXZEU"[i % 5])
            ActivityEpisode.objects.create(young_person=person, start_on=days_ago(100),
                                           activity_code=["F1", "G4", "P2"][i % 3])


@pytest.mark.parametrize("count", [10, 500])
def test_the_dashboard_and_a_list_run_a_fixed_number_of_queries(
    client, staff, teams, django_assert_max_num_queries, count
):
    advisers = [staff["pa"], staff["colleague"], staff["other_pa"]] + [
        StaffFactory(role=Role.PERSONAL_ADVISER, teams=[teams["north"]]) for _ in range(3)
    ]
    _service_of(teams, count, advisers)
    client.force_login(staff["duty"])
    # The colleague holds a sixth of them: the figures have young people to count.
    assert young_people_matching(YoungPerson.objects.all(), on=today(),
                                 adviser=staff["colleague"]).exists()

    # 1 the session, 2 the signed-in user, 3 the adviser chosen in the filter; the figures:
    # 4-5 the ids of the young people in scope and of everyone (the shorter list is used),
    # 6 every figure counted from the standing (young people, pathway plans, needs
    # assessments, keeping in touch, accommodation, EET in three age bands, unallocated,
    # stability, plans waiting), 7 each adviser's caseload (grouped), 8 plans authorised
    # lately, 9-13 the local offer (the young people's dates of birth, the entitlements, their
    # statuses, the requests, the payments this month); 14 the advisers' names; 15 the monthly
    # snapshots for the trends; 16-17 the filter's choices (teams, advisers); 18-20 the
    # session's idle clock saved (savepoint, update, release).
    with django_assert_max_num_queries(20):
        response = client.get(DASHBOARD, {"adviser": staff["colleague"].username})
    assert response.status_code == 200

    # 1 the session, 2 the user, 3 the adviser chosen in the filter, 4-5 the ids of the young
    # people in scope and of everyone, 6 how many the list holds (for its pages), 7 one page of
    # the list: the figure's condition on the standing as its WHERE clause, with status, team,
    # PA and who last saw them, 8-9 the filter's choices (teams, advisers), 10-12 the session's
    # clock.
    with django_assert_max_num_queries(12):
        response = client.get(LIST, {"figure": "contact.overdue",
                                     "adviser": staff["colleague"].username})
    assert response.status_code == 200
    # The same for a download of a caseloads figure: its condition on the standing.
    with django_assert_max_num_queries(12):
        response = client.get(CSV, {"figure": "caseloads.unallocated_requiring_pa",
                                    "adviser": staff["colleague"].username})
    assert response.status_code == 200


def test_the_time_plans_wait_is_shown_in_days_without_a_list_behind_it(client, caseload):
    signed_in(client, "dduty")

    page = client.get(DASHBOARD).content.decode()

    # No plan was authorised in the 28 days up to 3 March.
    measure = page.index('data-figure="authorisation.median_days_to_authorise"')
    assert page[measure:measure + 80].split(">", 1)[1].startswith("None authorised")
    assert "figure=authorisation.median_days_to_authorise" not in page
    assert client.get(LIST, {"figure": "authorisation.median_days_to_authorise"}).status_code == 404


@pytest.mark.parametrize("key, heading, column", [
    ("pathway_plans.overdue", "Days overdue", "days_overdue"),
    ("contact.overdue", "Last seen or spoken to", "last_in_touch_on"),
    ("accommodation.unsuitable", "Suitable", "suitability"),
    ("eet_19_21.neet", "What they do", "activity"),
])
def test_each_list_carries_the_column_that_explains_its_number(
    client, caseload, key, heading, column
):
    signed_in(client, "dduty")

    page = client.get(LIST, {"figure": key}).content.decode()
    rows = downloaded(client, key)

    assert heading in headings_of(page)
    assert rows and all(column in row for row in rows), key
    assert all(row[column] for row in rows if column != "days_overdue"), key


def test_the_overdue_lists_say_how_overdue_each_young_person_is(client, caseload):
    signed_in(client, "dduty")

    plans = downloaded(client, "pathway_plans.overdue")
    contacts = downloaded(client, "contact.overdue")

    for row in plans:
        due = date.fromisoformat(row["review_due_on"])
        assert due < ON and int(row["days_overdue"]) == (ON - due).days
    for row in contacts:
        assert (row["last_in_touch_on"] == "Never"
                or date.fromisoformat(row["contact_due_on"]) < ON), row



def test_the_needs_assessments_overdue_columns_say_when_it_was_due_and_how_long_ago():
    from dashboard.lists import explaining_columns
    from standing.models import Standing

    columns = explaining_columns("needs_assessments.overdue")
    standing = Standing(needs_assessment_due_on=date(2026, 2, 20))

    assert [c.heading for c in columns] == ["Assessment due", "Days overdue"]
    assert [c.text(standing, ON) for c in columns] == ["20 February 2026", "11"]
    assert [c.csv(standing, ON) for c in columns] == ["2026-02-20", "11"]


def test_too_many_advisers_to_list_are_counted_and_a_team_lists_its_own(client, caseload,
                                                                        monkeypatch):
    from dashboard import sections

    # Across the whole service two advisers hold young people today (ppatel in the north,
    # sjones in the south): more than the dashboard lists, in this test; each team has one.
    monkeypatch.setattr(sections, "ADVISER_ROWS_SHOWN", 1)
    signed_in(client, "dduty")

    whole = client.get(DASHBOARD).content.decode()
    north = client.get(DASHBOARD, {"team": "north"}).content.decode()

    assert "Held by" not in whole
    assert "2 Personal Advisers hold young people here: too many to list" in whole
    assert numbers_on(whole)["caseloads.unallocated_requiring_pa"] == figures_for(
        ON)["caseloads"]["unallocated_requiring_pa"]
    assert "too many to list" not in north and "Held by Pat Patel" in north
    assert set(re.findall(r'data-figure="caseloads\.per_adviser\.(\w+)"', north)) == set(
        figures_for(ON, Team.objects.get(team_id="north"))["caseloads"]["per_adviser"])
