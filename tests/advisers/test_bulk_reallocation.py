"""A team manager moves several young people to another Personal Adviser, or to a colleague
covering, together: when a Personal Adviser leaves or is off sick."""

import html
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from advisers.models import Allocation, AllocationKind, Reallocation
from advisers.services import allocations_move
from advisers.tasks import send_reallocation_email
from alerts.alerts import alerts_sync
from alerts.models import Alert, AlertKind
from careleavers.models import QueuedTask, Role
from config.celery import app
from dashboard.figures import figures_for
from eligibility.rules import Status
from standing.models import Standing
from standing.standings import standings_rebuild
from tests.advisers.people import allocate, cover, date_post, days_ago, today, young_person
from tests.factories import StaffFactory
from tests.support import celery_configured

pytestmark = pytest.mark.django_db

URL = reverse("team-move")
CHECK = reverse("team-move-check")


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def move_post(people, adviser, *, kind=AllocationKind.PERSONAL_ADVISER, start_on=None,
              end_on=None, reason="Personal Adviser leaving") -> dict:
    """The first page's form as the browser posts it."""
    return {
        "young_people": [person.pk for person in people], "kind": kind, "adviser": adviser.pk,
        **date_post("start_on", start_on or today()), **date_post("end_on", end_on),
        "reason": reason, "check": "",
    }


def token_on(check_page) -> str:
    """What the check page's button sends back: which move was checked."""
    return re.search(r'name="checked" value="([0-9a-f]+)"', check_page.content.decode())[1]


def checked(response) -> set[int]:
    """The young people ticked on the page."""
    return {int(pk) for pk in re.findall(
        r'name="young_people" type="checkbox" value="(\d+)"[^>]*\schecked',
        response.content.decode(),
    )}


def offered(response) -> set[int]:
    return {int(pk) for pk in re.findall(r'name="young_people" type="checkbox" value="(\d+)"',
                                         response.content.decode())}


def error_summary(response) -> list[str]:
    body = response.content.decode()
    start = body.find('class="govuk-error-summary"')
    if start == -1:
        return []
    summary = body[start:body.find("</ul>", start)]
    return [html.unescape(text) for text in re.findall(r"<li><a [^>]*>([^<]+)</a></li>", summary)]


@pytest.fixture
def third(teams):
    return StaffFactory(username="third", full_name="Kwame Mensah", role=Role.PERSONAL_ADVISER,
                        teams=[teams["north"]])


@pytest.fixture
def leaving(staff, teams):
    """Six young people whose Personal Adviser (`pa`) is leaving, held since 200 days ago."""
    people = [young_person(teams["north"], Status.FORMER_RELEVANT, first_name="Young",
                           last_name=f"Person{n}") for n in range(6)]
    for person in people:
        allocate(person, staff["pa"])
    return people


def move(client, people, adviser, *, query="team=north", follow=False, **kwargs):
    """Choose, open the check page, then move them, as a manager does."""
    chosen = client.post(f"{URL}?{query}", move_post(people, adviser, **kwargs))
    assert chosen.status_code == 302, error_summary(chosen)
    check = client.get(chosen["Location"])
    assert check.status_code == 200
    return client.post(chosen["Location"], {"checked": token_on(check), "move": ""},
                       follow=follow)


# --- moving everyone ---------------------------------------------------------------------------


def test_the_team_page_offers_to_move_each_advisers_young_people(client, staff, teams, leaving):
    client.force_login(staff["manager"])

    body = client.get(reverse("team-caseload")).content.decode()

    assert f'{URL}?team=north&amp;from={staff["pa"].pk}"' in body
    assert "Move young people to another Personal Adviser" in body

    client.force_login(staff["duty"])
    assert URL not in client.get(reverse("team-caseload"), {"team": "north"}).content.decode()


def test_manager_moves_all_of_one_advisers_young_people_to_two_others(
    client, staff, teams, leaving, third
):
    someone_else = young_person(teams["north"])
    allocate(someone_else, staff["colleague"])
    client.force_login(staff["manager"])
    query = {"team": "north", "from": staff["pa"].pk}

    opened = client.get(URL, query)

    assert opened.status_code == 200
    assert checked(opened) == {person.pk for person in leaving}
    assert someone_else.pk in offered(opened) - checked(opened)

    first_half, second_half = leaving[:3], leaving[3:]
    check = client.post(f"{URL}?team=north&from={staff['pa'].pk}",
                        move_post(first_half, staff["colleague"]), follow=True)
    assert check.redirect_chain == [(f"{CHECK}?team=north&from={staff['pa'].pk}", 302)]
    body = html.unescape(check.content.decode())
    assert "Check before you move 3 young people" in body
    for person in first_half:
        assert person.display_name in body
    assert leaving[3].display_name not in body
    assert not Allocation.objects.filter(adviser=staff["colleague"],
                                         young_person__in=leaving).exists()

    moved = client.post(f"{CHECK}?team=north&from={staff['pa'].pk}",
                        {"checked": token_on(check), "move": ""}, follow=True)

    assert moved.redirect_chain[-1][0] == f"{URL}?team=north&from={staff['pa'].pk}"
    assert (f"{staff['colleague'].get_full_name()} is the Personal Adviser for 3 young people "
            f"from {long_date(today())}") in html.unescape(moved.content.decode())
    assert checked(moved) == {person.pk for person in second_half}

    move(client, second_half, third, query=f"team=north&from={staff['pa'].pk}")

    for person, adviser in [*((p, staff["colleague"]) for p in first_half),
                            *((p, third) for p in second_half)]:
        old, new = Allocation.objects.filter(young_person=person).order_by("start_on")
        assert (old.adviser, old.end_on, old.end_reason) == (
            staff["pa"], days_ago(1), "Personal Adviser leaving")
        assert (new.adviser, new.start_on, new.end_on, new.reason) == (
            adviser, today(), None, "Personal Adviser leaving")
        assert new.history.get().history_user == staff["manager"]
        assert Standing.objects.get(young_person=person).adviser == adviser
        page = html.unescape(client.get(reverse("allocation", args=[person.pk])).content.decode())
        history = page[page.index("Allocation history"):]
        assert re.search(rf"{adviser.get_full_name()}</td>\s*<td[^>]*>Personal Adviser</td>\s*"
                         rf"<td[^>]*>{long_date(today())}</td>", history)
    assert not Allocation.objects.filter(adviser=staff["pa"], end_on__isnull=True).exists()
    assert Allocation.objects.get(young_person=someone_else).adviser == staff["colleague"]


def test_a_colleague_covers_for_a_fortnight_and_the_adviser_stays(
    client, staff, leaving, django_capture_on_commit_callbacks
):
    client.force_login(staff["manager"])
    until = today() + timedelta(days=14)

    with django_capture_on_commit_callbacks(execute=True):
        response = move(client, leaving[:2], staff["colleague"], kind=AllocationKind.COVER,
                        end_on=until, reason="Off sick")

    assert response.status_code == 302
    for person in leaving[:2]:
        covering = Allocation.objects.get(young_person=person, kind=AllocationKind.COVER)
        assert (covering.adviser, covering.start_on, covering.end_on, covering.reason) == (
            staff["colleague"], today(), until, "Off sick")
        assert Allocation.objects.get(young_person=person, kind=AllocationKind.PERSONAL_ADVISER,
                                      end_on__isnull=True).adviser == staff["pa"]
    assert [email.subject for email in mail.outbox] == ["You are covering for 2 young people"]


def test_change_on_the_check_page_goes_back_with_everything_as_chosen(client, staff, leaving):
    client.force_login(staff["manager"])
    check = client.post(f"{URL}?team=north", move_post(leaving[:2], staff["colleague"],
                                                       reason="Moved area"), follow=True)

    change = re.search(r'href="([^"]+)">Change who moves or where to<',
                       check.content.decode())[1]
    response = client.get(html.unescape(change))

    assert checked(response) == {leaving[0].pk, leaving[1].pk}
    body = response.content.decode()
    assert 'value="Moved area"' in body
    assert f'<option value="{staff["colleague"].pk}" selected' in body
    assert "govuk-error-summary" not in body
    assert Allocation.objects.filter(adviser=staff["colleague"]).count() == 0


def test_a_move_checked_in_another_tab_since_is_not_the_one_moved(client, staff, leaving):
    client.force_login(staff["manager"])
    first = client.post(f"{URL}?team=north", move_post(leaving[:2], staff["colleague"]),
                        follow=True)
    client.post(f"{URL}?team=north", move_post(leaving[2:], staff["colleague"]), follow=True)

    response = client.post(f"{CHECK}?team=north", {"checked": token_on(first), "move": ""})

    assert response.status_code == 200
    assert error_summary(response) == [
        "Nothing has moved yet. You checked a different move after opening this page: check "
        "this one, then move them."]
    assert "Check before you move 4 young people" in response.content.decode()
    assert Allocation.objects.filter(adviser=staff["colleague"]).count() == 0


def test_an_adviser_who_left_the_team_since_is_explained_not_moved_to(
    client, staff, teams, leaving
):
    client.force_login(staff["manager"])
    client.post(f"{URL}?team=north", move_post(leaving[:2], staff["colleague"]))
    staff["colleague"].teams.set([teams["south"]])

    response = client.get(CHECK, {"team": "north"})

    assert error_summary(response) == ["Select a Personal Adviser in the North team"]
    assert checked(response) == {leaving[0].pk, leaving[1].pk}
    assert not Allocation.objects.filter(adviser=staff["colleague"]).exists()


def test_the_check_page_with_nothing_chosen_goes_back_to_choosing(client, staff, leaving):
    client.force_login(staff["manager"])

    response = client.get(CHECK, {"team": "north", "from": staff["pa"].pk})

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?team=north&from={staff['pa'].pk}"


# --- nothing half done -------------------------------------------------------------------------


def test_one_young_person_who_cannot_move_moves_nobody_and_is_named_with_why(
    client, staff, teams, leaving
):
    late = young_person(teams["north"], first_name="Started", last_name="Today")
    allocate(late, staff["pa"], start_on=today())
    before = {a.pk: (a.adviser_id, a.end_on) for a in Allocation.objects.all()}
    standings = {s.young_person_id: s.adviser_id for s in Standing.objects.all()}
    client.force_login(staff["manager"])

    response = move(client, [*leaving, late], staff["colleague"])

    assert response.status_code == 200
    assert error_summary(response) == [
        "Started Today: The start date must be after the current Personal Adviser started on "
        f"{long_date(today())}"
    ]
    assert {a.pk: (a.adviser_id, a.end_on) for a in Allocation.objects.all()} == before
    assert {s.young_person_id: s.adviser_id for s in Standing.objects.all()} == standings
    assert not Reallocation.objects.exists()
    assert checked(response) == {person.pk for person in [*leaving, late]}


def test_someone_from_another_team_of_the_manager_is_refused_and_nobody_moves(
    client, staff, teams, leaving
):
    staff["manager"].teams.add(teams["south"])
    southerner = young_person(teams["south"], first_name="From", last_name="South")
    allocate(southerner, staff["other_pa"])
    count = Allocation.objects.count()
    client.force_login(staff["manager"])

    response = move(client, [leaving[0], southerner], staff["colleague"])

    assert error_summary(response) == [
        f"From South: {staff['colleague'].get_full_name()} is not a Personal Adviser in the "
        "South team"
    ]
    assert Allocation.objects.count() == count
    assert Allocation.objects.get(young_person=leaving[0]).adviser == staff["pa"]


def test_the_service_names_everyone_refused(staff, teams, leaving):
    already = young_person(teams["north"], first_name="Already", last_name="Theirs")
    allocate(already, staff["colleague"])

    with pytest.raises(ValidationError) as refused:
        allocations_move(actor=staff["manager"], young_people=[leaving[0], already],
                         adviser=staff["colleague"], start_on=today(), reason="Leaving")

    assert refused.value.message_dict == {"young_people": [
        f"Already Theirs: {staff['colleague'].get_full_name()} is already their Personal Adviser"
    ]}
    assert Allocation.objects.get(young_person=leaving[0]).end_on is None


def test_choosing_nobody_or_no_reason_is_explained(client, staff, leaving):
    client.force_login(staff["manager"])

    response = client.post(f"{URL}?team=north",
                           {**move_post([], staff["colleague"]), "reason": ""})

    assert error_summary(response) == ["Select the young people to move",
                                       "Enter why they are moving"]


def test_a_new_personal_adviser_has_no_end_date(client, staff, leaving):
    client.force_login(staff["manager"])

    response = client.post(f"{URL}?team=north", move_post(
        leaving[:1], staff["colleague"], end_on=today() + timedelta(days=3)))

    assert error_summary(response) == [
        "Leave the end date blank for a new Personal Adviser: only cover has an end date"]


# --- someone else can't ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["pa", "board", "duty", "service", "admin"])
def test_only_a_team_manager_may_move_young_people(client, staff, leaving, who):
    client.force_login(staff[who])

    assert client.get(URL, {"team": "north"}).status_code == 403
    assert client.post(f"{URL}?team=north",
                       move_post(leaving, staff["colleague"])).status_code == 403
    assert client.get(CHECK, {"team": "north"}).status_code == 403
    assert client.post(f"{CHECK}?team=north", {"move": ""}).status_code == 403
    assert Allocation.objects.filter(adviser=staff["colleague"]).count() == 0


def test_a_manager_of_another_team_cannot_open_or_move_this_one(client, staff, leaving):
    client.force_login(staff["other_manager"])

    assert client.get(URL, {"team": "north"}).status_code == 404
    assert client.post(f"{URL}?team=north",
                       move_post(leaving, staff["colleague"])).status_code == 404
    assert client.post(f"{CHECK}?team=north", {"move": ""}).status_code == 404
    # Their own team's page, with someone else's young people posted to it.
    assert client.post(f"{URL}?team=south",
                       move_post(leaving, staff["other_pa"])).status_code == 404
    assert not Allocation.objects.filter(end_on__isnull=False).exists()


def test_a_restricted_record_the_manager_may_not_see_is_neither_offered_nor_moved(
    client, staff, teams, leaving
):
    hidden = young_person(teams["north"], restricted=True, restricted_to=[staff["pa"]])
    allocate(hidden, staff["pa"])
    client.force_login(staff["manager"])

    assert hidden.pk not in offered(client.get(URL, {"team": "north", "from": staff["pa"].pk}))
    response = client.post(f"{URL}?team=north",
                           move_post([leaving[0], hidden], staff["colleague"]))

    assert response.status_code == 404
    assert Allocation.objects.get(young_person=hidden).end_on is None
    assert Allocation.objects.get(young_person=leaving[0]).end_on is None


def test_nothing_moves_by_opening_a_page(client, staff, leaving):
    client.force_login(staff["manager"])

    client.get(URL, move_post(leaving, staff["colleague"]) | {"team": "north"})
    check = client.post(f"{URL}?team=north", move_post(leaving, staff["colleague"]), follow=True)
    client.get(f"{CHECK}?team=north", {"checked": token_on(check), "move": ""})

    assert Allocation.objects.filter(adviser=staff["colleague"]).count() == 0


# --- telling the new Personal Adviser ----------------------------------------------------------


def test_the_new_adviser_gets_one_email_listing_the_young_people_now_theirs(
    client, staff, leaving, django_capture_on_commit_callbacks
):
    client.force_login(staff["manager"])

    with django_capture_on_commit_callbacks(execute=True):
        move(client, leaving[:4], staff["colleague"])

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [staff["colleague"].email]
    assert email.subject == "4 young people have been moved to you"
    for person in leaving[:4]:
        assert f"- {person.person_id}" in email.body
    for person in leaving[4:]:
        assert person.person_id not in email.body
    # Email leaves the case record system: young people are named by council ID only.
    assert not any(person.last_name in email.body for person in leaving)
    assert staff["manager"].get_full_name() in email.body
    assert "Personal Adviser leaving" in email.body

    assert send_reallocation_email(Reallocation.objects.get().pk) is False
    assert len(mail.outbox) == 1


def test_the_email_is_queued_for_a_worker_with_the_move(staff, leaving):
    with celery_configured(app, task_always_eager=False):
        reallocation = allocations_move(
            actor=staff["manager"], young_people=leaving, adviser=staff["colleague"],
            start_on=today(), reason="Leaving")

    queued = QueuedTask.objects.get()
    assert (queued.task, queued.args) == ("advisers.tasks.send_reallocation_email",
                                          [reallocation.pk])


def test_no_email_when_nobody_moves(client, staff, teams, leaving,
                                    django_capture_on_commit_callbacks):
    late = young_person(teams["north"])
    allocate(late, staff["pa"], start_on=today())
    client.force_login(staff["manager"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        move(client, [*leaving, late], staff["colleague"])

    assert callbacks == []
    assert mail.outbox == []


# --- what the figures say ----------------------------------------------------------------------


def test_the_figures_and_alerts_after_the_move_are_those_a_full_rebuild_gives(
    client, staff, teams, leaving, third
):
    needing = young_person(teams["north"], Status.RELEVANT, first_name="Needs", last_name="One")
    cover(leaving[0], third, end_on=today() + timedelta(days=5))
    standings_rebuild(on=today())
    alerts_sync(on=today())
    assert Alert.objects.open().filter(young_person=needing, kind=AlertKind.UNALLOCATED).exists()
    client.force_login(staff["manager"])

    move(client, [*leaving[:3], needing], staff["colleague"])
    move(client, leaving[3:], third)
    after_the_move = figures_for(today())["caseloads"]
    open_after_the_move = set(Alert.objects.open().values_list("kind", "young_person", "detail"))

    assert standings_rebuild(on=today()).written == 0
    assert figures_for(today())["caseloads"] == after_the_move
    rebuilt = alerts_sync(on=today())
    assert (rebuilt.raised, rebuilt.resolved) == ([], [])
    assert set(Alert.objects.open().values_list("kind", "young_person", "detail")) == (
        open_after_the_move)
    per_adviser = after_the_move["per_adviser"]
    assert (per_adviser[staff["colleague"].username], per_adviser[third.username]) == (4, 3)
    assert staff["pa"].username not in per_adviser
    assert not Alert.objects.open().filter(young_person=needing,
                                           kind=AlertKind.UNALLOCATED).exists()


# --- a fixed number of queries -----------------------------------------------------------------


def _team_of(team, count, advisers):
    for number in range(count):
        person = young_person(team)
        allocate(person, advisers[number % len(advisers)])
        if number % 3 == 0:
            cover(person, advisers[(number + 1) % len(advisers)])


@pytest.mark.parametrize("count", [10, 60])
def test_the_page_runs_the_same_queries_however_many_young_people(
    client, staff, teams, django_assert_max_num_queries, count
):
    advisers = [staff["pa"], staff["colleague"]] + [
        StaffFactory(role=Role.PERSONAL_ADVISER, teams=[teams["north"]]) for _ in range(3)
    ]
    _team_of(teams["north"], count, advisers)
    client.force_login(staff["manager"])

    # 1 the session, 2 the signed-in user, 3 the teams they may see, 4 the young people with
    # their Personal Adviser and cover, 5 the advisers with their caseloads (the choice of who
    # to), 6-8 the session's idle clock saved (savepoint, update, release).
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"team": "north", "from": staff["pa"].pk})

    assert len(offered(response)) == count
    assert len(checked(response)) == len(range(0, count, len(advisers)))


@pytest.mark.parametrize("count", [10, 60])
def test_the_check_page_runs_the_same_queries_however_many_move(
    client, staff, teams, django_assert_max_num_queries, count
):
    _team_of(teams["north"], count, [staff["pa"]])
    client.force_login(staff["manager"])
    people = list(Allocation.objects.filter(adviser=staff["pa"]).values_list(
        "young_person", flat=True))

    client.post(f"{URL}?team=north", {**move_post([], staff["colleague"]),
                                      "young_people": people})

    # 1 the session, 2 the signed-in user, 3 the teams they may see, 4 the young people chosen,
    # 5 the manager's teams, 6 the young people as the form checks them, 7 the adviser chosen
    # with their caseload, 8 the young people with their Personal Adviser; 9-11 the session's
    # idle clock saved.
    with django_assert_max_num_queries(11):
        response = client.get(CHECK, {"team": "north"})

    assert f"Check before you move {count} young people" in response.content.decode()
