"""Placements needing a manager: who sees them, marking one as seen, and a fixed number of
queries however many there are."""


import pytest
from django.urls import reverse

from accommodation.models import AccommodationEpisode, PlacementAlert
from accommodation.services import placement_alert_acknowledge
from tests.accommodation.places import days_ago, place
from tests.advisers.people import allocate, young_person

pytestmark = pytest.mark.django_db

URL = reverse("placement-alerts")


def seen_url(alert):
    return reverse("placement-alert-seen", args=[alert.pk])


@pytest.fixture
def north_alert(staff, teams):
    person = young_person(teams["north"], first_name="Jo", last_name="Bloggs")
    allocate(person, staff["pa"])
    place(person, "D", start_on=days_ago(300))
    place(person, "X", start_on=days_ago(2), provider="HMP YOI Demo")
    return PlacementAlert.objects.get(episode__young_person=person)


@pytest.fixture
def south_alert(teams):
    person = young_person(teams["south"], first_name="Sam", last_name="Southern")
    place(person, "W", start_on=days_ago(1))
    return PlacementAlert.objects.get(episode__young_person=person)


def test_team_manager_sees_their_teams_placements_waiting_for_a_manager(
    client, staff, north_alert, south_alert
):
    client.force_login(staff["manager"])

    response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Jo Bloggs" in page and "In custody" in page
    assert staff["pa"].get_full_name() in page  # their Personal Adviser
    assert "Southern" not in page
    assert seen_url(north_alert) in page


@pytest.mark.parametrize("persona", ["duty", "service"])
def test_duty_and_service_managers_see_every_team(client, staff, north_alert, south_alert,
                                                  persona):
    client.force_login(staff[persona])

    page = client.get(URL).content.decode()

    assert "Jo Bloggs" in page and "Sam Southern" in page


def test_service_managers_watch_but_do_not_mark_as_seen(client, staff, north_alert):
    client.force_login(staff["service"])

    assert seen_url(north_alert) not in client.get(URL).content.decode()
    assert client.post(seen_url(north_alert)).status_code == 403
    north_alert.refresh_from_db()
    assert not north_alert.seen


@pytest.mark.parametrize("persona", ["manager", "duty"])
def test_a_manager_marks_a_placement_as_seen(client, staff, north_alert, persona):
    client.force_login(staff[persona])

    response = client.post(seen_url(north_alert), follow=True)

    north_alert.refresh_from_db()
    assert north_alert.acknowledged_by == staff[persona]
    page = response.content.decode()
    assert "Marked as seen: Jo Bloggs, in custody" in page
    assert "No placements are waiting for a manager" in page
    assert f"{staff[persona].get_full_name()}, " in page  # under "Seen in the last 28 days"


def test_marking_as_seen_is_post_only(client, staff, north_alert):
    client.force_login(staff["manager"])

    assert client.get(seen_url(north_alert)).status_code == 405
    north_alert.refresh_from_db()
    assert not north_alert.seen


def test_seen_placements_drop_off_after_28_days(client, staff, north_alert):
    placement_alert_acknowledge(actor=staff["manager"], alert=north_alert)
    AccommodationEpisode.objects.filter(pk=north_alert.episode_id).update(
        start_on=days_ago(29))
    client.force_login(staff["manager"])

    assert "Jo Bloggs" not in client.get(URL).content.decode()


def test_another_teams_manager_cannot_see_or_mark_it(client, staff, north_alert):
    client.force_login(staff["other_manager"])

    assert "Jo Bloggs" not in client.get(URL).content.decode()
    assert client.post(seen_url(north_alert)).status_code == 404
    north_alert.refresh_from_db()
    assert not north_alert.seen


@pytest.mark.parametrize("persona", ["pa", "colleague", "other_pa", "board", "admin"])
def test_advisers_board_members_and_administrators_cannot_see_or_mark_alerts(
    client, staff, north_alert, persona
):
    client.force_login(staff[persona])

    assert client.get(URL).status_code == 403
    assert client.post(seen_url(north_alert)).status_code == 403
    north_alert.refresh_from_db()
    assert not north_alert.seen


def test_a_restricted_record_is_left_out_for_managers_not_named(client, staff, teams):
    person = young_person(teams["north"], first_name="Private", last_name="Person",
                          restricted=True, restricted_to=[staff["colleague"]])
    place(person, "S", start_on=days_ago(1))
    alert = PlacementAlert.objects.get()
    client.force_login(staff["manager"])

    assert "Private" not in client.get(URL).content.decode()
    assert client.post(seen_url(alert)).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, north_alert):
    response = client.get(URL)

    assert response.status_code == 302 and response.url.startswith(reverse("sign-in"))


def test_navigation_offers_placement_alerts_to_managers(client, staff):
    for persona in ["manager", "duty", "service"]:
        client.force_login(staff[persona])
        assert f'href="{URL}"' in client.get(reverse("home")).content.decode()
    for persona in ["pa", "board", "admin"]:
        client.force_login(staff[persona])
        assert f'href="{URL}"' not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("count", [10, 200])
def test_the_alerts_page_runs_a_fixed_number_of_queries(
    client, staff, teams, count, django_assert_max_num_queries
):
    for number in range(count):
        person = young_person(teams["north"], first_name=f"Person{number}")
        if number % 2:
            allocate(person, staff["pa"])
        place(person, "WVSX"[number % 4], start_on=days_ago(1 + number % 5))
        if number % 3 == 0:
            alert = PlacementAlert.objects.get(episode__young_person=person)
            placement_alert_acknowledge(actor=staff["manager"], alert=alert)
    client.force_login(staff["manager"])

    # 1 the session, 2 the signed-in user, 3 the placements with their young people, teams,
    # alerts, who saw them and the Personal Adviser's name; 4-6 the session's idle clock saved
    # (savepoint, update, release).
    with django_assert_max_num_queries(6):
        response = client.get(URL)

    seen = len(range(0, count, 3))
    shown = min(count - seen, 50) + min(seen, 50)  # each list 50 a page
    assert response.content.decode().count('<a class="govuk-link" href="/young-people/') == shown


def test_51_placements_waiting_are_two_pages(client, staff, teams):
    for number in range(51):
        place(young_person(teams["north"], first_name="Person", last_name=f"{number:02d}"),
              "W", start_on=days_ago(1))
    client.force_login(staff["manager"])

    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": "2"}).content.decode()

    assert "Not yet seen by a manager (51)" in first
    assert first.count("Mark as seen<") == 50 and second.count("Mark as seen<") == 1
    assert "Showing 51 to 51 of 51 placements" in second
    assert "(page 2 of 2)" in second.split("</title>")[0]
