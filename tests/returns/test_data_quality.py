"""The data quality page: young people whose records miss what the DfE return and the figures
need (nothing recorded for a birthday, no contact ever, a plan review held but not written up),
each linking to the record, for the managers who may see them."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from eligibility.rules import Status
from tests.advisers.people import allocate
from tests.dashboard.people_903 import care_leaver, in_touch_and_settled, living, seen
from tests.pathways.plan_setup import authorised_plan, written_plan

pytestmark = pytest.mark.django_db

TODAY = date(2025, 2, 1)  # in the collection year 1 April 2024 to 31 March 2025


@pytest.fixture(autouse=True)
def on_1_february_2025():
    with time_machine.travel("2025-02-01 12:00", tick=False):
        yield


@pytest.fixture
def records(teams, staff):
    north, south = teams["north"], teams["south"]
    pa, manager = staff["pa"], staff["manager"]
    made = {}
    # 19 on 15 June 2024: seen, living in her own flat, nothing recorded for what she does.
    made["no_activity"] = care_leaver(north, born=date(2005, 6, 15), first_name="Ada",
                                      last_name="Ames")
    seen(made["no_activity"], date(2024, 6, 1))
    living(made["no_activity"], "U", date(2024, 1, 1))
    allocate(made["no_activity"], pa)
    # 20 on 20 September 2024: spoken to, nothing recorded at all.
    made["nothing"] = care_leaver(north, born=date(2004, 9, 20), first_name="Bo",
                                  last_name="Best")
    seen(made["nothing"], date(2024, 9, 10), outcome="spoke")
    # 19 on 1 July 2024 with everything recorded.
    made["complete"] = care_leaver(north, born=date(2005, 7, 1), first_name="Cy",
                                   last_name="Cole")
    in_touch_and_settled(made["complete"], date(2024, 7, 1))
    # 20 on 1 March 2025: the birthday is still to come.
    made["to_come"] = care_leaver(north, born=date(2005, 3, 1), first_name="Di",
                                  last_name="Dale")
    seen(made["to_come"], date(2025, 1, 20))
    # Never seen or spoken to.
    made["never"] = care_leaver(north, born=date(2003, 1, 10), first_name="Ed", last_name="Eve")
    # South team: in touch around her 18th birthday, nothing recorded.
    made["south"] = care_leaver(south, born=date(2006, 5, 5), first_name="Flo",
                                last_name="Ford")
    seen(made["south"], date(2024, 5, 1))
    # Restricted, named only for the PA: never in touch.
    made["restricted"] = care_leaver(north, born=date(2003, 2, 2), first_name="Gus",
                                     last_name="Gray", restricted=True, restricted_to=[pa])
    # A review held on 10 January, not yet written up, with the last plan's review overdue.
    made["unrecorded"] = care_leaver(north, born=date(2002, 6, 1), first_name="Hal",
                                     last_name="Hunt", status=Status.FORMER_RELEVANT_EDUCATION)
    seen(made["unrecorded"], date(2025, 1, 10))
    authorised_plan(made["unrecorded"], pa, manager, held_on=date(2024, 6, 1))
    written_plan(made["unrecorded"], pa, held_on=date(2025, 1, 10))
    return made


def signed_in(client, user):
    client.force_login(user)
    return client


def section(html: str, section_id: str) -> str:
    match = re.search(rf'<table class="govuk-table[^"]*" id="{section_id}">(.*?)</table>', html,
                      re.S)
    assert match, section_id
    return match[1]


def names_in(html: str, section_id: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/young-people/\d+/">([^<]+)</a>',
                      section(html, section_id))


def page(client, user) -> str:
    response = signed_in(client, user).get(reverse("data-quality"))
    assert response.status_code == 200
    return response.content.decode()


def test_in_touch_around_a_birthday_with_nothing_recorded_for_it(client, staff, records):
    html = page(client, staff["duty"])

    assert names_in(html, "birthdays") == ["Flo Ford", "Ada Ames", "Bo Best"]
    birthdays = section(html, "birthdays")
    assert "19th: 15 June 2024" in birthdays
    assert re.search(r"Ada Ames</a></td>\s*<td[^>]*>19th: 15 June 2024</td>\s*"
                     r"<td[^>]*>Activity</td>", birthdays)
    assert re.search(r"Bo Best</a></td>\s*<td[^>]*>20th: 20 September 2024</td>\s*"
                     r"<td[^>]*>Activity and accommodation</td>", birthdays)


def test_each_row_links_to_the_record_with_team_and_personal_adviser(client, staff, records):
    html = page(client, staff["duty"])

    ada = records["no_activity"]
    row = re.search(rf'href="/young-people/{ada.pk}/">Ada Ames</a>.*?</tr>', html, re.S)[0]
    assert "<td class=\"govuk-table__cell\">North</td>" in row
    assert staff["pa"].full_name in row
    bo_row = re.search(r'>Bo Best</a>.*?</tr>', html, re.S)[0]
    assert "govuk-tag--grey\">None</strong>" in bo_row


def test_young_people_never_contacted(client, staff, records):
    assert names_in(page(client, staff["duty"]), "no-contact") == ["Ed Eve"]


def test_plan_reviews_held_but_not_recorded(client, staff, records):
    assert names_in(page(client, staff["duty"]), "review-not-recorded") == ["Hal Hunt"]


def test_a_team_manager_sees_only_their_team(client, staff, records):
    html = page(client, staff["manager"])

    assert names_in(html, "birthdays") == ["Ada Ames", "Bo Best"]
    assert "Flo Ford" not in html
    assert names_in(page(client, staff["other_manager"]), "birthdays") == ["Flo Ford"]


def test_restricted_records_only_for_the_staff_named(client, staff, records):
    assert "Gus Gray" not in page(client, staff["service"])
    assert "Gus Gray" not in page(client, staff["manager"])

    records["restricted"].restricted_to.add(staff["manager"])
    assert names_in(page(client, staff["manager"]), "no-contact") == ["Ed Eve", "Gus Gray"]


def test_nothing_to_put_right_says_so(client, staff, teams):
    html = page(client, staff["service"])

    assert names_in(html, "birthdays") == []
    assert "None: everyone in touch around a birthday since 1 April 2024" in html


def test_staying_put_places_with_no_carer_recorded_link_to_the_place(client, staff, teams):
    north, south = teams["north"], teams["south"]
    # As an import of the documented accommodation.csv records them: the carer not recorded.
    iris = care_leaver(north, born=date(2006, 4, 1), first_name="Iris", last_name="Ives")
    place = living(iris, "Z", date(2024, 4, 1), carer_required=False)
    named = care_leaver(north, born=date(2006, 5, 1), first_name="Jo", last_name="Jay")
    living(named, "Z", date(2024, 5, 1), staying_put_carer="Janet Pearson")
    elsewhere = care_leaver(south, born=date(2006, 6, 1), first_name="Kit", last_name="Kay")
    living(elsewhere, "Z", date(2024, 6, 1), carer_required=False)

    html = page(client, staff["manager"])

    assert names_in(html, "staying-put-no-carer") == ["Iris Ives"]
    edit = reverse("accommodation-edit", args=[iris.pk, place.pk])
    assert f'href="{edit}">From 1 April 2024' in section(html, "staying-put-no-carer")
    assert names_in(page(client, staff["duty"]), "staying-put-no-carer") == ["Iris Ives",
                                                                             "Kit Kay"]


def test_no_staying_put_without_a_carer_says_so(client, staff, teams):
    assert "None: every Staying Put place names the former foster carer." in page(
        client, staff["service"])


@pytest.mark.parametrize("who", ["pa", "board", "admin"])
def test_other_roles_may_not_see_it(client, staff, records, who):
    assert signed_in(client, staff[who]).get(reverse("data-quality")).status_code == 403


@pytest.mark.parametrize("who, links", [
    ("service", ["DfE SSDA903 return: care leavers", "Data quality: records to put right"]),
    ("duty", ["Data quality: records to put right"]),
    ("manager", ["Data quality: records to put right"]),
])
def test_the_reports_page_shows_each_role_the_reports_they_may_use(client, staff, who, links):
    html = signed_in(client, staff[who]).get(reverse("reports")).content.decode()

    shown = re.findall(r'<li><a class="govuk-link" href="[^"]+">([^<]+)</a></li>', html)
    assert [link for link in shown if link in (
        "DfE SSDA903 return: care leavers", "Data quality: records to put right")] == links
    assert 'href="/reports/"' in html  # "Reports" in their navigation
    # The documents that leave the service stay with service managers.
    assert ("Ofsted Annex A" in html) == (who == "service")


@pytest.mark.parametrize("who", ["pa", "board"])
def test_the_reports_page_is_not_for_other_roles(client, staff, who):
    assert signed_in(client, staff[who]).get(reverse("reports")).status_code == 403


@pytest.mark.parametrize("people", [3, 30])
def test_the_page_takes_the_same_queries_however_many(client, staff, teams, people,
                                                       django_assert_max_num_queries):
    for number in range(people):
        gap = care_leaver(teams["north"], born=date(2005, 6, 1 + number % 28),
                          first_name=f"Gap{number}")
        seen(gap, date(2024, 5, 20))
        allocate(gap, staff["pa"])
        never = care_leaver(teams["north"], born=date(2003, 1, 1 + number % 28),
                            first_name=f"Never{number}")
        living(never, "Z", date(2021, 2, 1), suitable=None, carer_required=False)
    signed_in(client, staff["manager"])
    client.get(reverse("data-quality"))  # warm the session and user

    # The user; the cohort (young people, status history, care periods, the five of the DfE
    # view); no contact (who may be seen and everyone in the team, their statuses, the
    # keep-in-touch standards, latest contacts); plan reviews (the same three, the plans); the
    # people listed with team and Personal Adviser; the session kept alive (a savepoint, the
    # update, its release); Staying Put places with no carer; young people with no care history.
    with django_assert_max_num_queries(24):
        html = client.get(reverse("data-quality")).content.decode()

    assert len(names_in(html, "birthdays")) == people
    assert len(names_in(html, "no-contact")) == people
    assert len(names_in(html, "staying-put-no-carer")) == people
