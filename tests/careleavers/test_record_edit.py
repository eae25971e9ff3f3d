import pytest
from django.urls import reverse

from careleavers.models import YoungPerson
from tests.careleavers.records import add_young_person, allocate, identity_post, years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def young_person(staff, teams):
    person = add_young_person(team=teams["north"], first_name="Amani", last_name="Okafor",
                              address="1 First Street")
    allocate(person, staff["pa"])
    return person


def edit_url(person):
    return reverse("young-person-edit", args=[person.pk])


def test_manager_changes_details_and_the_history_records_who(client, staff, young_person):
    client.force_login(staff["manager"])

    response = client.post(edit_url(young_person),
                           identity_post(young_person, phone="07700 900123"))

    assert response.status_code == 302
    assert response.url == reverse("young-person-history", args=[young_person.pk])
    young_person.refresh_from_db()
    assert young_person.phone == "07700 900123"
    assert young_person.version == 2
    latest = young_person.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == staff["manager"]


def test_allocated_pa_changes_details(client, staff, young_person):
    client.force_login(staff["pa"])

    response = client.post(edit_url(young_person),
                           identity_post(young_person, languages="Tigrinya"))

    assert response.status_code == 302
    young_person.refresh_from_db()
    assert young_person.languages == "Tigrinya"
    assert young_person.history.first().history_user == staff["pa"]


def test_the_form_opens_with_their_details_and_logs_the_view(client, staff, young_person):
    client.force_login(staff["manager"])

    response = client.get(edit_url(young_person))

    form = response.context["form"]
    assert form["first_name"].value() == "Amani"
    assert form["version"].value() == young_person.version
    assert "person_id" not in form.fields
    assert young_person.views.get().page == "change details"


def test_date_of_birth_making_them_too_young_is_refused_and_nothing_saved(
    client, staff, young_person
):
    client.force_login(staff["manager"])

    response = client.post(edit_url(young_person), identity_post(
        young_person, date_of_birth=years_ago(13), phone="0123"
    ))

    assert response.context["form"].errors["date_of_birth"] == [
        "Date of birth must make them at least 14 years old today"
    ]
    young_person.refresh_from_db()
    assert young_person.phone == ""
    assert young_person.version == 1


def test_a_stale_save_is_refused_keeping_what_was_typed_and_showing_what_changed(
    client, staff, young_person
):
    # Two people open the form at the same version.
    read_by_manager = identity_post(young_person, address="2 Second Street")
    read_by_pa = identity_post(young_person, address="3 Third Street, typed by the PA")
    client.force_login(staff["manager"])
    assert client.post(edit_url(young_person), read_by_manager).status_code == 302

    client.force_login(staff["pa"])
    response = client.post(edit_url(young_person), read_by_pa)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this record while you were editing" in page
    assert "3 Third Street, typed by the PA" in page  # what they typed is kept
    stale = response.context["stale"]
    assert stale["rows"] == [{"label": "Address", "value": "2 Second Street"}]
    assert stale["changed_by"] == staff["manager"]
    assert response.context["form"]["version"].value() == "2"
    young_person.refresh_from_db()
    assert young_person.address == "2 Second Street"

    # Saving again, having seen the other change, is deliberate and goes through.
    again = client.post(edit_url(young_person), {**read_by_pa, "version": "2"})

    assert again.status_code == 302
    young_person.refresh_from_db()
    assert young_person.address == "3 Third Street, typed by the PA"
    assert young_person.version == 3


def test_a_version_that_is_not_a_number_is_refused_with_a_message_and_nothing_saved(
    client, staff, young_person
):
    client.force_login(staff["manager"])

    response = client.post(edit_url(young_person), identity_post(
        young_person, version="not-a-number", phone="0123"
    ))

    assert response.status_code == 200
    assert ("This page did not send what it should have. Nothing has been saved: open the page "
            "again, then make your changes") in response.content.decode()
    young_person.refresh_from_db()
    assert (young_person.phone, young_person.version) == ("", 1)


def test_making_the_record_restricted_needs_someone_named(client, staff, young_person):
    client.force_login(staff["manager"])

    response = client.post(edit_url(young_person), identity_post(young_person, restricted=True))

    assert response.context["form"].errors["restricted_to"]
    young_person.refresh_from_db()
    assert not young_person.restricted


def test_restricting_the_record_to_others_takes_the_editor_back_to_search(
    client, staff, young_person
):
    client.force_login(staff["manager"])

    response = client.post(edit_url(young_person), identity_post(
        young_person, restricted=True, restricted_to=[staff["pa"]]
    ))

    assert response.url == reverse("young-person-search")
    assert not YoungPerson.objects.visible_to(staff["manager"]).filter(pk=young_person.pk).exists()
    assert YoungPerson.objects.visible_to(staff["pa"]).filter(pk=young_person.pk).exists()


@pytest.mark.parametrize("persona, status", [
    ("colleague", 403), ("duty", 403), ("service", 403),
    ("other_pa", 404), ("other_manager", 404), ("board", 404), ("admin", 404),
])
def test_others_cannot_change_the_details(client, staff, young_person, persona, status):
    client.force_login(staff[persona])

    assert client.get(edit_url(young_person)).status_code == status
    response = client.post(edit_url(young_person), identity_post(young_person, phone="999"))

    assert response.status_code == status
    young_person.refresh_from_db()
    assert young_person.phone == ""
    assert young_person.version == 1


def test_after_a_stale_save_the_form_takes_their_changes_to_answers_left_alone(
    client, staff, teams, young_person
):
    read_by_manager = identity_post(young_person, phone="07700 900111",
                                    date_of_birth=years_ago(18), uasc=True)
    read_by_pa = identity_post(young_person, languages="Tigrinya")
    client.force_login(staff["manager"])
    assert client.post(edit_url(young_person), read_by_manager).status_code == 302

    client.force_login(staff["pa"])
    response = client.post(edit_url(young_person), read_by_pa)

    form = response.context["form"]
    assert form["languages"].value() == "Tigrinya"
    assert form["phone"].value() == "07700 900111"
    assert form["uasc"].value() == "yes"
    born = years_ago(18)
    assert form["date_of_birth"].value() == [str(born.day), str(born.month), str(born.year)]
    labels = [row["label"] for row in response.context["stale"]["rows"]]
    assert labels == ["Date of birth", "Did they come to the UK as an unaccompanied "
                      "asylum-seeking child (UASC)?", "Phone number"]

    # Saving again keeps both people's changes.
    client.post(edit_url(young_person), response.context["form"].data)
    young_person.refresh_from_db()
    assert (young_person.languages, young_person.phone, young_person.uasc) == (
        "Tigrinya", "07700 900111", True
    )
    assert young_person.date_of_birth == born
