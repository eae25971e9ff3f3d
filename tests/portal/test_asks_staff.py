"""The PA's side of what young people ask on their own pages: a message on their home page until
read, and in the chronology; a details change, a plan review or support after 21 confirmed
through the record's own services (or declined, changing nothing); each answer kept with who
and when; and nobody else answering."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from careleavers.services import young_person_update
from eligibility.models import SupportChoice
from eligibility.rules import Status
from portal.models import Ask, AskState
from portal.services import details_change_propose, message_send, review_ask, support_ask
from standing.models import Standing
from tests.advisers.people import allocate, young_person
from tests.pathways.plan_pages import error_next_to, error_summary, plan_history
from tests.pathways.plan_setup import days_ago, today
from tests.portal.asks_support import access_for, sign_in_young_person, signed_in
from tests.portal.test_asks import care_leaver_aged_22

pytestmark = pytest.mark.django_db

HOME = reverse("home")
WAITING = reverse("portal-staff-waiting")


@pytest.fixture
def person(teams, staff):
    someone = young_person(teams["north"], phone="07700 900001", email="old@example.com",
                           address="1 Old Street")
    allocate(someone, staff["pa"])
    return someone


@pytest.fixture
def access(person, staff):
    return access_for(person, invited_by=staff["pa"])


def decide_url(ask) -> str:
    return reverse("portal-staff-ask-decide", args=[ask.young_person_id, ask.pk])


def asked_days_ago(ask, days: int) -> Ask:
    """As if they had asked `days` ago."""
    Ask.objects.filter(pk=ask.pk).update(asked_at=timezone.now() - timedelta(days=days))
    ask.refresh_from_db()
    return ask


# --- a message -------------------------------------------------------------------------------


def test_the_pas_home_page_shows_the_message_as_soon_as_it_is_sent(client, person, staff):
    young = Client()
    signed_in(young, person, invited_by=staff["pa"])
    young.post(reverse("portal-message"), {"text": "My gas has been cut off"})

    client.force_login(staff["pa"])
    home = client.get(HOME).content.decode()

    assert "1 request from young people waiting" in home
    assert "My gas has been cut off" in home
    assert f"Message from {person.display_name}" in home


def test_a_message_is_in_the_chronology_as_a_contact_from_them(client, person, access, staff):
    message_send(access=access, text="I start college on Monday")
    client.force_login(staff["pa"])

    chronology = client.get(reverse("young-person-chronology", args=[person.pk])).content.decode()

    assert "Message from them, sent on their own pages" in chronology
    assert "I start college on Monday" in chronology


def test_a_message_read_leaves_the_home_page_and_says_who_read_it(client, person, access,
                                                                  staff):
    sent = message_send(access=access, text="Call me after 5")
    client.force_login(staff["pa"])

    response = client.post(decide_url(sent), {})

    assert response.url == reverse("portal-staff-asks", args=[person.pk])
    sent.refresh_from_db()
    assert (sent.state, sent.decided_by) == (AskState.DONE, staff["pa"])
    assert sent.history.latest().history_user == staff["pa"]
    assert "Call me after 5" not in client.get(HOME).content.decode()


def test_with_no_pa_a_message_goes_to_their_team_managers(client, teams, staff):
    nobody_holds = young_person(teams["north"])
    message_send(access=access_for(nobody_holds, invited_by=staff["manager"]),
                 text="Who is my worker now?")

    client.force_login(staff["manager"])
    assert "Who is my worker now?" in client.get(HOME).content.decode()
    client.force_login(staff["pa"])
    assert "Who is my worker now?" not in client.get(HOME).content.decode()
    client.force_login(staff["other_manager"])
    assert "Who is my worker now?" not in client.get(HOME).content.decode()


def test_a_message_with_a_pa_is_not_on_the_managers_list(client, person, access, staff):
    message_send(access=access, text="Hello")
    client.force_login(staff["manager"])

    assert client.get(WAITING).context["pages"].count == 0


# --- new contact details ---------------------------------------------------------------------


def test_confirmed_details_change_the_record_and_its_history_names_the_pa(
    client, person, access, staff
):
    proposed = details_change_propose(access=access, phone="07700 900222",
                                      email="new@example.com", address="1 Old Street")
    client.force_login(staff["pa"])
    page = client.get(decide_url(proposed)).content.decode()
    assert "07700 900001" in page and "07700 900222" in page  # side by side

    response = client.post(decide_url(proposed), {"decision": "confirm"})

    assert response.url == reverse("portal-staff-asks", args=[person.pk])
    person.refresh_from_db()
    assert (person.phone, person.email) == ("07700 900222", "new@example.com")
    assert person.history.latest().history_user == staff["pa"]
    history = client.get(reverse("young-person-history", args=[person.pk])).content.decode()
    assert "07700 900222" in history
    proposed.refresh_from_db()
    assert (proposed.state, proposed.decided_by) == (AskState.DONE, staff["pa"])


def test_declined_details_change_nothing_and_keep_the_reason(client, person, access, staff):
    proposed = details_change_propose(access=access, phone="07700 900222", email="",
                                      address="1 Old Street")
    version = person.version
    client.force_login(staff["pa"])

    client.post(decide_url(proposed), {"decision": "decline",
                                       "decline_reason": "Ring me so I can check it"})

    person.refresh_from_db()
    assert (person.phone, person.email, person.version) == ("07700 900001", "old@example.com",
                                                            version)
    proposed.refresh_from_db()
    assert (proposed.state, proposed.decline_reason, proposed.decided_by) == (
        AskState.DECLINED, "Ring me so I can check it", staff["pa"])


def test_saying_no_needs_a_reason(client, person, access, staff):
    proposed = details_change_propose(access=access, phone="07700 900222", email="",
                                      address="")
    client.force_login(staff["pa"])

    response = client.post(decide_url(proposed), {"decision": "decline", "decline_reason": ""})

    assert error_next_to(response, "decline_reason") == (
        "Enter why you are saying no: they will see this")
    proposed.refresh_from_db()
    assert proposed.state == AskState.WAITING


def test_a_stale_details_change_is_refused_rather_than_overwriting(client, person, access,
                                                                  staff):
    proposed = details_change_propose(access=access, phone="07700 900222", email="",
                                      address="")
    person.refresh_from_db()
    young_person_update(actor=staff["manager"], young_person=person, version=person.version,
                        today=today(), phone="07700 900333")
    client.force_login(staff["pa"])

    response = client.post(decide_url(proposed), {"decision": "confirm"})

    assert response.status_code == 200
    assert "was changed on the record after they asked" in error_summary(response)
    person.refresh_from_db()
    assert person.phone == "07700 900333"
    proposed.refresh_from_db()
    assert proposed.state == AskState.WAITING


# --- a plan review ---------------------------------------------------------------------------


def test_a_confirmed_review_brings_the_review_due_date_forward(client, teams, staff):
    person, _, _ = plan_history(teams, staff, status=Status.FORMER_RELEVANT)
    due_before = Standing.objects.get(young_person=person).plan_review_due_on
    asked = asked_days_ago(review_ask(access=access_for(person, invited_by=staff["pa"]),
                                      reason="I have moved out"), 3)
    assert Standing.objects.get(young_person=person).plan_review_due_on == due_before

    client.force_login(staff["pa"])
    client.post(decide_url(asked), {"decision": "confirm"})

    # The early-review rule: due within 28 days of the day they asked (DOMAIN.md §2).
    due = Standing.objects.get(young_person=person).plan_review_due_on
    assert due == days_ago(3) + timedelta(days=28) < due_before
    early = person.early_reviews.get()
    assert (early.requested_on, early.reason) == (days_ago(3), "young_person_asked")


def test_a_declined_review_leaves_the_due_date(client, teams, staff):
    person, _, _ = plan_history(teams, staff, status=Status.FORMER_RELEVANT)
    due_before = Standing.objects.get(young_person=person).plan_review_due_on
    asked = review_ask(access=access_for(person, invited_by=staff["pa"]), reason="Why not")
    client.force_login(staff["pa"])

    client.post(decide_url(asked), {"decision": "decline",
                                    "decline_reason": "Your review is next week anyway"})

    assert Standing.objects.get(young_person=person).plan_review_due_on == due_before
    assert not person.early_reviews.exists()


# --- support after 21 ------------------------------------------------------------------------


def test_a_confirmed_request_for_support_is_recorded_on_the_day_they_asked(client, teams, staff):
    someone = care_leaver_aged_22(teams, staff)
    asked = asked_days_ago(support_ask(access=access_for(someone, invited_by=staff["manager"]),
                                       support="asked", reason="I lost my job"), 2)
    client.force_login(staff["manager"])  # no PA until they ask: their team's manager answers
    assert "I would like support again" in client.get(WAITING).content.decode()

    client.post(decide_url(asked), {"decision": "confirm"})

    choice = SupportChoice.objects.get(young_person=someone)
    assert (choice.kind, choice.on, choice.recorded_by) == ("asked", days_ago(2),
                                                            staff["manager"])
    someone.refresh_from_db()
    assert someone.statutory_status.status == Status.RETURNER_21_25


def test_someone_receiving_support_after_21_may_say_they_no_longer_want_it(client, teams,
                                                                           staff):
    someone = care_leaver_aged_22(teams, staff)
    access = access_for(someone, invited_by=staff["manager"])
    client.force_login(staff["manager"])
    client.post(decide_url(support_ask(access=access, support="asked")), {"decision": "confirm"})
    someone.refresh_from_db()
    assert someone.statutory_status.status == Status.RETURNER_21_25

    young = Client()
    sign_in_young_person(young, access)
    assert "Tell us you no longer want support" in young.get(
        reverse("portal-asks")).content.decode()
    young.post(reverse("portal-support"), {"support": "opted_out", "text": ""})
    client.post(decide_url(Ask.objects.waiting().get(young_person=someone)),
                {"decision": "confirm"})

    someone.refresh_from_db()
    assert someone.statutory_status.status == Status.ENTITLED_ON_REQUEST
    assert list(SupportChoice.objects.filter(young_person=someone).values_list("kind", flat=True)
                .order_by("pk")) == ["asked", "opted_out"]


# --- nobody else answers ---------------------------------------------------------------------


@pytest.mark.parametrize("persona, status", [
    ("other_pa", 404), ("other_manager", 404), ("board", 404), ("admin", 404),
    ("colleague", 403), ("service", 403), ("duty", 403),
])
def test_nobody_else_may_answer(client, person, access, staff, persona, status):
    proposed = details_change_propose(access=access, phone="07700 900222", email="",
                                      address="")
    client.force_login(staff[persona])

    assert client.get(decide_url(proposed)).status_code == status
    assert client.post(decide_url(proposed), {"decision": "confirm"}).status_code == status

    person.refresh_from_db()
    assert person.phone == "07700 900001"
    proposed.refresh_from_db()
    assert proposed.state == AskState.WAITING


@pytest.mark.parametrize("persona, status", [
    ("pa", 200), ("colleague", 200), ("manager", 200),
    ("other_pa", 404), ("other_manager", 404), ("board", 404),
])
def test_only_those_who_may_see_the_record_see_what_they_asked(client, person, access, staff,
                                                              persona, status):
    message_send(access=access, text="Private words")
    client.force_login(staff[persona])

    response = client.get(reverse("portal-staff-asks", args=[person.pk]))

    assert response.status_code == status
    assert ("Private words" in response.content.decode()) == (status == 200)


def test_an_ask_of_another_young_person_is_not_found_under_this_one(client, person, access,
                                                                    staff, teams):
    other = young_person(teams["north"])
    allocate(other, staff["pa"])
    theirs = message_send(access=access_for(other, invited_by=staff["pa"]), text="Theirs")
    client.force_login(staff["pa"])

    url = reverse("portal-staff-ask-decide", args=[person.pk, theirs.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == AskState.WAITING


@pytest.mark.parametrize("persona", ["service", "duty", "board", "admin"])
def test_only_pas_and_team_managers_have_a_list_of_asks_waiting(client, staff, persona):
    client.force_login(staff[persona])

    assert client.get(WAITING).status_code == 403


def test_an_answered_ask_cannot_be_answered_again(client, person, access, staff):
    proposed = details_change_propose(access=access, phone="07700 900222", email="",
                                      address="")
    client.force_login(staff["pa"])
    client.post(decide_url(proposed), {"decision": "decline", "decline_reason": "No"})

    response = client.post(decide_url(proposed), {"decision": "confirm"})

    assert response.url == reverse("portal-staff-asks", args=[person.pk])
    person.refresh_from_db()
    assert person.phone == "07700 900001"


# --- lists a fixed number of queries ---------------------------------------------------------


@pytest.mark.parametrize("how_many", [3, 60])
def test_the_list_of_asks_waiting_runs_a_fixed_number_of_queries(
    client, teams, staff, how_many, django_assert_max_num_queries
):
    for number in range(how_many):
        someone = young_person(teams["north"])
        allocate(someone, staff["pa"])
        message_send(access=access_for(someone, invited_by=staff["pa"]), text=f"Hi {number}")
    client.force_login(staff["pa"])

    # 1 the session, 2 the user, 3 the count, 4 the page of asks with their young people;
    # 5-7 the session's idle clock saved (savepoint, update, release).
    with django_assert_max_num_queries(7):
        response = client.get(WAITING, {"page": 2})

    assert response.status_code == 200
    # Page 2 of 60 is the last 10; of 3, a page past the end shows the last (and only) one.
    assert len(response.context["asks"]) == (how_many if how_many <= 50 else how_many - 50)
    assert response.context["pages"].count == how_many


@pytest.mark.parametrize("how_many", [3, 40])
def test_a_young_persons_asks_run_a_fixed_number_of_queries(
    client, person, access, staff, how_many, django_assert_max_num_queries
):
    for number in range(how_many):
        sent = message_send(access=access, text=f"Message {number}")
        Ask.objects.filter(pk=sent.pk).update(state=AskState.DONE, decided_by=staff["pa"],
                                              decided_at=timezone.now())
    client.force_login(staff["pa"])

    # 1 the session, 2 the user, 3 the young person they may see, 4 the view logged, 5 whether
    # this user may change the record (their allocation), 6 their status for the header, 7 their
    # asks with who answered each; 8-10 the session's idle clock saved.
    with django_assert_max_num_queries(10):
        response = client.get(reverse("portal-staff-asks", args=[person.pk]))

    assert response.content.decode().count('class="govuk-summary-card"') == how_many


@pytest.mark.parametrize("how_many", [3, 40])
def test_a_young_persons_own_list_runs_a_fixed_number_of_queries(
    client, person, staff, how_many, django_assert_max_num_queries
):
    access = signed_in(client, person, invited_by=staff["pa"])
    for number in range(how_many):
        message_send(access=access, text=f"Message {number}")

    # 1 the session, 2 their access with their young person and team, 3 their status, 4 their
    # asks; the session saved (savepoint, update, release).
    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal-asks"))

    assert response.content.decode().count("Waiting for your PA") == how_many
