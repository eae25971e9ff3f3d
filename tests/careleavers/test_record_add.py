import pytest
from django.urls import reverse

from careleavers.models import YoungPerson
from eligibility.models import StatutoryStatus
from tests.careleavers.records import add_young_person, date_post, identity_post, years_ago

pytestmark = pytest.mark.django_db

ADD = reverse("young-person-add")


def errors_next_to(response, field: str) -> list[str]:
    return [str(error) for error in response.context["form"].errors.get(field, [])]


@pytest.mark.parametrize("persona", ["pa", "manager"])
def test_pa_or_team_manager_adds_a_young_person_to_their_team(client, staff, teams, persona):
    client.force_login(staff[persona])

    response = client.post(ADD, identity_post(team=teams["north"], uasc=True))

    person = YoungPerson.objects.get(person_id="NEW00001")
    assert response.status_code == 302
    assert response.url == reverse("young-person", args=[person.pk])
    assert person.team == teams["north"]
    assert person.uasc is True
    assert person.history.get().history_user == staff[persona]
    assert StatutoryStatus.objects.filter(young_person=person).exists()


def test_the_form_offers_only_the_users_own_teams(client, staff, teams):
    client.force_login(staff["pa"])

    form = client.get(ADD).context["form"]

    assert list(form.fields["team"].queryset) == [teams["north"]]


def test_adding_to_another_team_is_refused(client, staff, teams):
    client.force_login(staff["pa"])

    response = client.post(ADD, identity_post(team=teams["south"]))

    assert response.status_code == 200
    assert errors_next_to(response, "team")
    assert not YoungPerson.objects.exists()


@pytest.mark.parametrize("persona", ["duty", "service", "board", "admin"])
def test_others_cannot_add_a_young_person(client, staff, teams, persona):
    client.force_login(staff[persona])

    assert client.get(ADD).status_code == 403
    assert client.post(ADD, identity_post(team=teams["north"])).status_code == 403
    assert not YoungPerson.objects.exists()


@pytest.mark.parametrize("age_years, days, message", [
    (13, 0, "Date of birth must make them at least 14 years old today"),
    (27, 0, "Date of birth must make them no more than 26 years old today"),
])
def test_date_of_birth_outside_14_to_26_is_refused_next_to_the_field(
    client, staff, teams, age_years, days, message
):
    client.force_login(staff["pa"])

    response = client.post(
        ADD, identity_post(team=teams["north"], date_of_birth=years_ago(age_years, days=days))
    )

    assert response.status_code == 200
    assert errors_next_to(response, "date_of_birth") == [message]
    assert 'class="govuk-error-message"' in response.content.decode()
    assert not YoungPerson.objects.exists()


@pytest.mark.parametrize("age_years", [14, 26])
def test_date_of_birth_at_14_and_26_is_accepted(client, staff, teams, age_years):
    client.force_login(staff["pa"])

    response = client.post(
        ADD, identity_post(team=teams["north"], date_of_birth=years_ago(age_years))
    )

    assert response.status_code == 302


@pytest.mark.parametrize("day, month, year, message", [
    ("", "", "", "Enter their date of birth"),
    ("12", "", "2008", "Date of birth must include a month"),
    ("", "", "2008", "Date of birth must include a day and month"),
    ("31", "2", "2008", "Date of birth must be a real date"),
    ("twelve", "3", "2008", "Date of birth must be a real date"),
    ("12", "3", "08", "Year must include 4 numbers"),
])
def test_date_of_birth_typed_wrongly_gets_a_clear_message(
    client, staff, teams, day, month, year, message
):
    client.force_login(staff["pa"])
    data = identity_post(team=teams["north"])
    data.update({"date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": year})

    response = client.post(ADD, data)

    assert errors_next_to(response, "date_of_birth") == [message]
    assert not YoungPerson.objects.exists()


def test_date_of_birth_accepts_month_names(client, staff, teams):
    client.force_login(staff["pa"])
    born = years_ago(17)
    data = identity_post(team=teams["north"])
    data.update(date_post("date_of_birth", born))
    data["date_of_birth_1"] = born.strftime("%b")

    client.post(ADD, data)

    assert YoungPerson.objects.get().date_of_birth == born


def test_likely_duplicate_is_flagged_and_nothing_saved_until_confirmed(client, staff, teams):
    existing = add_young_person(team=teams["north"], first_name="Amani", last_name="Okafor",
                                date_of_birth=years_ago(17), person_id="CL1")
    client.force_login(staff["pa"])
    data = identity_post(team=teams["north"], first_name="Amany", last_name="Okafor",
                         date_of_birth=years_ago(17))

    first = client.post(ADD, data)

    assert first.status_code == 200
    page = first.content.decode()
    assert "This young person may already have a record" in page
    assert reverse("young-person", args=[existing.pk]) in page
    assert "This is a different person" in page
    assert YoungPerson.objects.count() == 1

    again = client.post(ADD, {**data, "duplicates_shown": "1"})

    assert errors_next_to(again, "different_person")
    assert YoungPerson.objects.count() == 1

    confirmed = client.post(ADD, {**data, "duplicates_shown": "1", "different_person": "on"})

    assert confirmed.status_code == 302
    assert YoungPerson.objects.count() == 2


def test_a_duplicate_the_user_cannot_see_is_mentioned_without_its_details(client, staff, teams):
    add_young_person(team=teams["south"], first_name="Amani", last_name="Okafor",
                     date_of_birth=years_ago(17), person_id="SOUTH-1")
    client.force_login(staff["pa"])

    response = client.post(ADD, identity_post(team=teams["north"], date_of_birth=years_ago(17)))

    page = response.content.decode()
    assert "a record you cannot see" in page
    assert "SOUTH-1" not in page
    assert "South" not in page
    assert response.context["duplicates"] == [None]
    assert YoungPerson.objects.count() == 1


def test_same_council_id_is_refused_even_when_confirmed_different(client, staff, teams):
    add_young_person(team=teams["north"], person_id="NEW00001", first_name="Someone",
                     last_name="Else", date_of_birth=years_ago(20))
    client.force_login(staff["pa"])

    response = client.post(
        ADD, {**identity_post(team=teams["north"]), "different_person": "on"}
    )

    assert errors_next_to(response, "person_id") == [
        "Another young person already has this council ID"
    ]
    assert YoungPerson.objects.count() == 1


def test_a_restricted_record_names_the_person_who_adds_it(client, staff, teams):
    client.force_login(staff["pa"])

    client.post(ADD, identity_post(team=teams["north"], restricted=True,
                                   restricted_to=[staff["manager"]]))

    person = YoungPerson.objects.get()
    assert person.restricted
    assert set(person.restricted_to.all()) == {staff["manager"], staff["pa"]}


def test_required_questions_are_asked_in_plain_words(client, staff, teams):
    client.force_login(staff["pa"])

    response = client.post(ADD, {})

    errors = response.context["form"].errors
    assert errors["first_name"] == ["Enter their first name"]
    assert errors["uasc"] == [
        "Select yes if they came as an unaccompanied asylum-seeking child"
    ]
    assert response.content.decode().count('class="govuk-error-message"') >= 8
    assert "<title>Error: Add a young person" in response.content.decode()
