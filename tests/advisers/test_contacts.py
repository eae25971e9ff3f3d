import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from advisers.models import FACE_TO_FACE_TYPES, Contact, KeepInTouch
from careleavers.models import RecordView
from eligibility.rules import Status
from tests.advisers.people import (
    allocate,
    at,
    contact,
    cover,
    date_post,
    days_ago,
    error_next_to,
    today,
    young_person,
)

pytestmark = pytest.mark.django_db


def add_url(person):
    return reverse("contact-add", args=[person.pk])


def edit_url(saved):
    return reverse("contact-edit", args=[saved.pk])


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def contact_post(made_by, *, on=None, time="10:30", contact_type="home_visit", outcome="seen",
                 **fields):
    return {
        **date_post("contact_at", on or days_ago(1)), "contact_time": time,
        "contact_type": contact_type, "outcome": outcome,
        "seen_alone": "yes" if contact_type in FACE_TO_FACE_TYPES else "not_applicable",
        "location": "Their flat", "made_by": made_by.pk, "notes": "Doing well at college.",
        **fields,
    }


@pytest.fixture
def person(teams, staff):
    person = young_person(teams["north"], Status.FORMER_RELEVANT, first_name="Jo",
                          last_name="Bloggs")
    allocate(person, staff["pa"])
    return person


def test_the_form_starts_at_today_now_and_the_user(client, staff, person):
    client.force_login(staff["pa"])

    with time_machine.travel(timezone.now(), tick=False):  # not across a minute's end
        response = client.get(add_url(person))
        now = timezone.localtime().strftime("%H:%M")

    form = response.context["form"]
    assert form["contact_at"].value() == today()
    assert form["contact_time"].value() == now
    assert form["made_by"].value() == staff["pa"].pk
    assert RecordView.objects.filter(young_person=person, viewed_by=staff["pa"]).exists()


def test_personal_adviser_records_a_visit_and_sees_when_the_next_is_due(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(add_url(person), contact_post(staff["pa"]))

    assert response.status_code == 302
    assert response.url == f"/young-people/{person.pk}/"
    saved = Contact.objects.get(young_person=person)
    assert (saved.contact_type, saved.outcome, saved.seen_alone, saved.location, saved.made_by,
            saved.notes) == ("home_visit", "seen", True, "Their flat", staff["pa"],
                             "Doing well at college.")
    assert timezone.localtime(saved.contact_at).replace(tzinfo=None) == at(
        days_ago(1), 10, 30).replace(tzinfo=None)
    assert saved.history.get().history_user == staff["pa"]
    page = client.get(response.url).content.decode()
    assert f"Contact recorded. Next contact due {long_date(days_ago(1) + timedelta(56))}" in page


def test_only_date_type_and_outcome_must_be_given(client, staff, person):
    client.force_login(staff["pa"])
    data = contact_post(staff["pa"], seen_alone="", location="", notes="")

    response = client.post(add_url(person), data)

    assert response.status_code == 302
    assert Contact.objects.get().seen_alone is None


def test_missing_type_and_outcome_are_asked_for_next_to_them(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(add_url(person), contact_post(staff["pa"], contact_type="",
                                                         outcome=""))

    assert error_next_to(response, "id_contact_type") == "Select the type of contact"
    assert error_next_to(response, "id_outcome") == "Select what happened"
    assert not Contact.objects.exists()


def test_a_contact_in_the_future_is_refused_next_to_the_date(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(add_url(person), contact_post(staff["pa"], on=days_ago(-1)))

    assert response.status_code == 200
    assert error_next_to(response, "id_contact_at") == (
        "The date of the contact must be today or in the past")
    assert not Contact.objects.exists()


def test_a_time_later_today_is_refused(client, staff, person):
    later = timezone.localtime() + timedelta(hours=1)
    if later.date() != today():
        pytest.skip("An hour from now is tomorrow")
    client.force_login(staff["pa"])

    response = client.post(add_url(person), contact_post(staff["pa"], on=today(),
                                                         time=later.strftime("%H:%M")))

    assert error_next_to(response, "id_contact_time") == "The time must be now or earlier today"
    assert not Contact.objects.exists()


@pytest.mark.parametrize("typed, saved", [("9:05", (9, 5)), ("14.30", (14, 30)),
                                          ("2:30pm", (14, 30)), ("0930", (9, 30))])
def test_times_are_understood_as_people_type_them(client, staff, person, typed, saved):
    client.force_login(staff["pa"])

    client.post(add_url(person), contact_post(staff["pa"], time=typed))

    when = timezone.localtime(Contact.objects.get().contact_at)
    assert (when.hour, when.minute) == saved


def test_a_time_that_is_not_a_time_is_refused(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(add_url(person), contact_post(staff["pa"], time="25:00"))

    assert error_next_to(response, "id_contact_time") == "Enter a real time, like 14:30"
    assert not Contact.objects.exists()


def test_a_colleague_records_the_personal_advisers_visit(client, staff, person):
    client.force_login(staff["colleague"])

    client.post(add_url(person), contact_post(staff["pa"]))

    saved = Contact.objects.get()
    assert saved.made_by == staff["pa"]
    assert saved.history.get().history_user == staff["colleague"]


def test_made_by_must_be_someone_in_the_team(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(add_url(person), contact_post(staff["other_pa"]))

    assert error_next_to(response, "id_made_by") == "Select someone from the young person’s team"
    assert not Contact.objects.exists()


def test_the_next_contact_moves_on_after_a_seen_contact_but_not_after_an_attempt(
    client, staff, person
):
    contact(person, staff["pa"], on=days_ago(60))
    client.force_login(staff["pa"])

    response = client.post(add_url(person), contact_post(staff["pa"], on=days_ago(1),
                                                         outcome="attempted"), follow=True)

    assert "Next contact was due" in response.content.decode()
    due = long_date(days_ago(60) + timedelta(56))
    assert due in response.content.decode()

    response = client.post(add_url(person), contact_post(staff["pa"], on=today(), time="00:00"),
                           follow=True)

    assert f"Next contact due {long_date(today() + timedelta(56))}" in response.content.decode()


def test_a_phone_call_cannot_say_they_were_seen_on_their_own(client, staff, person):
    client.force_login(staff["pa"])

    response = client.post(add_url(person), contact_post(staff["pa"], contact_type="phone",
                                                         outcome="spoke", seen_alone="yes"))

    assert error_next_to(response, "id_seen_alone").startswith(
        "Select ‘Not applicable’ for a phone")
    assert not Contact.objects.exists()


def test_a_visit_in_custody_is_a_contact_seen_in_person(client, staff, person):
    client.force_login(staff["pa"])
    form = client.get(add_url(person)).content.decode()

    client.post(add_url(person), contact_post(staff["pa"], contact_type="custody_visit",
                                              location="HMP Example"))

    assert "Visit in prison or custody" in form
    saved = Contact.objects.get()
    assert (saved.contact_type, saved.outcome, saved.seen_alone) == ("custody_visit", "seen", True)


def test_spoke_counts_as_in_touch_and_refused_does_not(client, staff, person):
    client.force_login(staff["pa"])
    client.post(add_url(person), contact_post(staff["pa"], on=days_ago(3), outcome="spoke",
                                              contact_type="phone"))
    client.post(add_url(person), contact_post(staff["pa"], on=days_ago(1), outcome="refused"))

    body = client.get(reverse("my-caseload")).content.decode()

    assert long_date(KeepInTouch(days_ago(3), 56).next_due) in body


@pytest.mark.parametrize(
    "persona, status",
    [("other_pa", 404), ("other_manager", 404), ("duty", 403), ("service", 403), ("board", 404),
     ("admin", 404)],
)
def test_someone_outside_the_team_cannot_record_a_contact(
    client, staff, person, persona, status
):
    client.force_login(staff[persona])

    assert client.get(add_url(person)).status_code == status
    assert client.post(add_url(person), contact_post(staff["pa"])).status_code == status
    assert not Contact.objects.exists()


def test_a_manager_in_the_team_can_record_a_contact(client, staff, person):
    client.force_login(staff["manager"])

    response = client.post(add_url(person), contact_post(staff["manager"]))

    assert response.status_code == 302
    assert Contact.objects.get().made_by == staff["manager"]


# Changing a contact


def edit_post(saved, **changes):
    when = timezone.localtime(saved.contact_at)
    return {**date_post("contact_at", when.date()), "contact_time": when.strftime("%H:%M"),
            "contact_type": saved.contact_type, "outcome": saved.outcome, "seen_alone": "no",
            "location": saved.location, "made_by": saved.made_by_id, "notes": saved.notes,
            "version": saved.version, **changes}


def test_the_adviser_corrects_a_contact_and_the_old_version_is_kept(client, staff, person):
    saved = contact(person, staff["pa"], notes="First draft")
    client.force_login(staff["pa"])

    response = client.post(edit_url(saved), edit_post(saved, notes="Corrected notes"))

    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.notes, saved.version) == ("Corrected notes", 2)
    history = list(saved.history.order_by("history_id"))
    assert [row.notes for row in history] == ["First draft", "Corrected notes"]
    assert history[-1].history_user == staff["pa"]


def test_the_edit_form_shows_the_contact_as_saved(client, staff, person):
    saved = contact(person, staff["pa"], on=days_ago(4), outcome="spoke", notes="Phone chat",
                    seen_alone=None)
    client.force_login(staff["pa"])

    form = client.get(edit_url(saved)).context["form"]

    assert form["contact_at"].value() == days_ago(4)
    assert form["outcome"].value() == "spoke"
    assert form["seen_alone"].value() == "not_applicable"
    assert form["notes"].value() == "Phone chat"
    assert form["version"].value() == 1


def test_each_contacts_change_page_is_titled_for_that_contact(client, staff, person):
    visit = contact(person, staff["pa"], on=days_ago(4))
    call = contact(person, staff["pa"], on=days_ago(2), contact_type="phone", outcome="spoke",
                   seen_alone=None)
    client.force_login(staff["pa"])

    titles = [re.search(r"<title>(.*?)</title>", client.get(edit_url(saved)).content.decode(),
                        re.S).group(1) for saved in (visit, call)]

    assert titles[0].startswith(f"Change the home visit on {long_date(days_ago(4))}")
    assert titles[1].startswith(f"Change the phone call on {long_date(days_ago(2))}")


def test_a_stale_edit_is_refused_keeping_what_was_typed(client, staff, person):
    saved = contact(person, staff["pa"], notes="First draft")
    client.force_login(staff["manager"])
    client.post(edit_url(saved), edit_post(saved, notes="The manager's notes"))
    client.force_login(staff["pa"])

    response = client.post(edit_url(saved), edit_post(saved, notes="My typed notes"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else changed this record while you were editing" in body
    assert "My typed notes</textarea>" in body
    assert "The manager&#x27;s notes" in body  # what they changed
    assert response.context["form"]["version"].value() == "2"
    saved.refresh_from_db()
    assert saved.notes == "The manager's notes"

    client.post(edit_url(saved), edit_post(saved, notes="My typed notes"))

    saved.refresh_from_db()
    assert (saved.notes, saved.version) == ("My typed notes", 3)


def test_a_future_date_is_refused_when_editing(client, staff, person):
    saved = contact(person, staff["pa"])
    client.force_login(staff["pa"])

    response = client.post(edit_url(saved), edit_post(saved, **date_post("contact_at",
                                                                         days_ago(-2))))

    assert error_next_to(response, "id_contact_at") == (
        "The date of the contact must be today or in the past")
    saved.refresh_from_db()
    assert saved.version == 1


def test_a_colleague_covering_can_correct_the_advisers_contact(client, staff, person):
    saved = contact(person, staff["pa"])
    cover(person, staff["colleague"])
    client.force_login(staff["colleague"])

    response = client.post(edit_url(saved), edit_post(saved, notes="Added by cover"))

    assert response.status_code == 302


def test_whoever_made_a_contact_can_correct_it(client, staff, person):
    saved = contact(person, staff["colleague"])
    client.force_login(staff["colleague"])

    assert client.get(edit_url(saved)).status_code == 200


@pytest.mark.parametrize(
    "persona, status",
    [("colleague", 403), ("other_pa", 404), ("other_manager", 404), ("duty", 403),
     ("service", 403), ("board", 404), ("admin", 404)],
)
def test_someone_else_cannot_change_a_contact(client, staff, person, persona, status):
    saved = contact(person, staff["pa"], notes="As recorded")
    client.force_login(staff[persona])

    assert client.get(edit_url(saved)).status_code == status
    response = client.post(edit_url(saved), edit_post(saved, notes="Changed"))

    assert response.status_code == status
    saved.refresh_from_db()
    assert saved.notes == "As recorded"


def test_contacts_cannot_be_deleted_from_the_service(client, staff, person):
    saved = contact(person, staff["pa"])
    client.force_login(staff["pa"])

    body = client.get(edit_url(saved)).content.decode()

    assert "Delete" not in body
    assert client.delete(edit_url(saved)).status_code in (200, 405)
    assert Contact.objects.filter(pk=saved.pk).exists()
