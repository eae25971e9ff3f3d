"""The record's "Their own access" page: the young person's PA or team manager invites them and
withdraws their access; others who may see the record see where it stands; nobody else sees
anything."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from portal.models import Access, PortalVisit
from tests.advisers.people import error_next_to
from tests.portal.conftest import invite

pytestmark = pytest.mark.django_db


def page(person):
    return reverse("portal-own-access", args=[person.pk])


def withdraw_url(person):
    return reverse("portal-own-access-withdraw", args=[person.pk])


def test_the_pa_invites_them_and_the_email_has_the_sign_in_link(
    client, staff, young_person, django_capture_on_commit_callbacks
):
    client.force_login(staff["pa"])
    form = client.get(page(young_person))
    assert 'value="sam@example.com"' in form.content.decode()  # their email, as held

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page(young_person), {"email": "sam.new@example.com"})

    assert response.status_code == 302
    access = Access.objects.get(young_person=young_person)
    assert (access.email, access.invited_by) == ("sam.new@example.com", staff["pa"])
    assert access.invitation_expires_at - access.invited_at == timedelta(days=14)
    assert access.history.get().history_user == staff["pa"]
    [email] = mail.outbox
    assert email.to == ["sam.new@example.com"]
    assert "http://testserver/you/sign-in/" in email.body
    assert "Hello Sam" in email.body
    shown = client.get(page(young_person)).content.decode()
    assert "Invitation sent to sam.new@example.com" in shown
    assert "not signed in yet" in shown and "http://testserver/you/sign-in/" in shown


def test_the_invitation_is_emailed_once_however_often_the_task_runs(staff, young_person,
                                                                   django_capture_on_commit_callbacks):
    from portal.notifications import invitation_notify

    with django_capture_on_commit_callbacks(execute=True):
        access = invite(young_person, staff["pa"])

    assert invitation_notify(access_id=access.pk, sign_in_url="/you/sign-in/") is False
    assert len(mail.outbox) == 1


def test_inviting_again_while_they_have_access_is_refused(client, staff, young_person, access):
    client.force_login(staff["pa"])

    response = client.post(page(young_person), {"email": "other@example.com"})

    assert response.status_code == 200
    assert "They already have access" in response.content.decode()
    assert list(Access.objects.values_list("email", flat=True)) == [access.email]


def test_an_invitation_that_ran_out_unused_is_replaced_by_a_new_one(client, staff, young_person,
                                                                   access):
    with time_machine.travel(access.invitation_expires_at + timedelta(days=1)):
        client.force_login(staff["pa"])
        shown = client.get(page(young_person)).content.decode()
        response = client.post(page(young_person), {"email": "again@example.com"})

    assert "ran out on" in shown and "Send the invitation" in shown
    assert response.status_code == 302
    access.refresh_from_db()
    assert access.withdrawn_at is not None
    assert Access.objects.current().get().email == "again@example.com"


@pytest.mark.parametrize("typed, message", [
    ("", "Enter an email address"),
    ("sam@", "Enter an email address in the correct format, like name@example.com"),
])
def test_a_bad_email_is_named_next_to_the_field_and_nothing_is_saved(
    client, staff, young_person, typed, message
):
    client.force_login(staff["pa"])

    response = client.post(page(young_person), {"email": typed})

    assert response.status_code == 200
    assert error_next_to(response, "id_email") == message
    assert not Access.objects.exists() and not mail.outbox


def test_the_pa_withdraws_access_with_a_reason(client, staff, young_person, access):
    client.force_login(staff["pa"])
    assert "Withdraw their access" in client.get(page(young_person)).content.decode()

    response = client.post(withdraw_url(young_person), {"reason": "Phone lost"})

    assert response.status_code == 302
    access.refresh_from_db()
    assert (access.withdrawn_by, access.withdrawn_reason) == (staff["pa"], "Phone lost")
    assert access.history.latest().history_user == staff["pa"]
    shown = client.get(page(young_person)).content.decode()
    assert "Withdrawn on" in shown and "Send the invitation" in shown


def test_withdrawing_needs_a_reason_and_saves_nothing_without_one(client, staff, young_person,
                                                                 access):
    client.force_login(staff["pa"])

    response = client.post(withdraw_url(young_person), {"reason": "  "})

    assert response.status_code == 200
    assert error_next_to(response, "id_reason") == "Enter why you are withdrawing their access"
    access.refresh_from_db()
    assert access.withdrawn_at is None


def test_withdrawing_takes_a_post(client, staff, young_person, access):
    client.force_login(staff["pa"])

    assert client.get(withdraw_url(young_person)).status_code == 405


def test_their_team_manager_may_invite_them(client, staff, young_person):
    client.force_login(staff["manager"])

    assert client.post(page(young_person), {"email": "s@example.com"}).status_code == 302


@pytest.mark.parametrize("persona", ["colleague", "service", "duty"])
def test_others_who_see_the_record_see_where_access_stands_but_cannot_change_it(
    client, staff, young_person, access, persona
):
    client.force_login(staff[persona])

    shown = client.get(page(young_person))

    assert shown.status_code == 200
    assert "not signed in yet" in shown.content.decode()
    assert "Withdraw access" not in shown.content.decode()
    assert client.post(page(young_person), {"email": "x@example.com"}).status_code == 403
    assert client.post(withdraw_url(young_person), {"reason": "x"}).status_code == 403
    access.refresh_from_db()
    assert access.withdrawn_at is None and Access.objects.count() == 1


@pytest.mark.parametrize("persona, status", [("other_pa", 404), ("other_manager", 404),
                                             ("board", 404), ("admin", 404)])
def test_someone_who_may_not_see_the_record_gets_nothing(client, staff, young_person, access,
                                                         persona, status):
    client.force_login(staff[persona])

    assert client.get(page(young_person)).status_code == status
    assert client.post(page(young_person), {"email": "x@example.com"}).status_code == status
    assert client.post(withdraw_url(young_person), {"reason": "x"}).status_code == status
    access.refresh_from_db()
    assert access.withdrawn_at is None and Access.objects.count() == 1


def test_nobody_signed_in_is_sent_to_the_staff_sign_in(client, young_person):
    response = client.get(page(young_person))

    assert response.status_code == 302 and response.url.startswith(reverse("sign-in"))


def test_a_young_person_cannot_open_the_staff_page_about_their_own_access(young_person_client,
                                                                          young_person):
    response = young_person_client.get(page(young_person))

    assert response.status_code == 302 and response.url.startswith(reverse("sign-in"))


def test_their_sign_ins_and_pages_opened_are_in_the_access_log(client, staff, young_person,
                                                               access):
    PortalVisit.objects.create(access=access, page="Signed in")
    PortalVisit.objects.create(access=access, page="Your plan")
    client.force_login(staff["colleague"])

    shown = client.get(page(young_person)).content.decode()

    log = shown.split('id="visits"', 1)[1]
    assert log.index("Your plan") < log.index("Signed in")
    assert access.email in log


def test_the_record_overview_says_whether_they_have_their_own_access(client, staff, young_person,
                                                                     access):
    client.force_login(staff["colleague"])

    shown = client.get(reverse("young-person", args=[young_person.pk])).content.decode()

    panel = shown.split('id="own-access"', 1)[1]
    assert "not signed in yet" in panel and page(young_person) in panel
    assert "Invited to see their own pages" in shown  # in the chronology


@pytest.mark.parametrize("how_many", [3, 60])
def test_the_page_runs_a_fixed_number_of_queries(client, staff, young_person, access, how_many,
                                                 django_assert_max_num_queries):
    PortalVisit.objects.bulk_create(PortalVisit(access=access, page=f"Page {n}")
                                    for n in range(how_many))
    client.force_login(staff["pa"])

    # 1 session, 2 user, 3 the young person and team, 4 whether the user may change it,
    # 5 logging the view, 6 whether the user may change it (page), 7 their accesses, 8 visits,
    # 9 status (header), 10 restricted staff check, 11-13 session last-seen saved.
    with django_assert_max_num_queries(14):
        response = client.get(page(young_person))

    assert response.status_code == 200
    assert len(re.findall(r"Page \d+", response.content.decode())) == how_many
