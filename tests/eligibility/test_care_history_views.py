from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from careleavers.models import RecordView
from eligibility.models import CareFacts, CarePeriod, StatusChange
from eligibility.rules import Status
from eligibility.services import care_facts_update, care_period_add
from tests.careleavers.records import add_young_person, allocate, date_post, years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def young_person(staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"],
                              date_of_birth=years_ago(17), first_name="Amani",
                              last_name="Okafor")
    allocate(person, staff["pa"])
    return person


def period_post(start_on, end_on=None, short_break=False) -> dict:
    return {**date_post("start_on", start_on), **date_post("end_on", end_on),
            "short_break": "yes" if short_break else "no"}


def facts_post(version=1, **values) -> dict:
    data = {
        "detained_on_16th_birthday": "no", "special_guardianship_order": "no",
        "privately_fostered_after_16": "no", "in_education_or_training": "no",
        **date_post("returned_home_on", None), "version": str(version),
    }
    for name, value in values.items():
        if isinstance(value, bool):
            data[name] = "yes" if value else "no"
        else:
            data.update(date_post(name, value))
    return data


def urls(person, period=None):
    period_pk = period.pk if period else 1
    return {
        "care-history": reverse("care-history", args=[person.pk]),
        "care-period-add": reverse("care-period-add", args=[person.pk]),
        "care-period-edit": reverse("care-period-edit", args=[person.pk, period_pk]),
        "care-facts-edit": reverse("care-facts-edit", args=[person.pk]),
    }


# --- reading -------------------------------------------------------------------------------------

def test_care_history_shows_periods_facts_and_every_status_change(client, staff, young_person):
    today = timezone.localdate()
    care_period_add(actor=staff["manager"], young_person=young_person,
                    start_on=years_ago(2), end_on=years_ago(2) + timedelta(days=10),
                    short_break=True)
    care_period_add(actor=staff["manager"], young_person=young_person, start_on=years_ago(1))
    care_facts_update(actor=staff["manager"], young_person=young_person, version=1,
                      in_education_or_training=True)
    StatusChange.objects.create(
        young_person=young_person, status=Status.RELEVANT, previous_status=Status.ELIGIBLE,
        reason="Left care", effective_on=today, recorded_by=None,
    )
    client.force_login(staff["colleague"])

    response = client.get(reverse("care-history", args=[young_person.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Short break" in page
    assert "Still in care" in page
    assert "In education or training, or wants to be" in page
    assert "Left care" in page
    assert "The nightly check" in page
    assert escape(staff["manager"]) in page
    assert len(response.context["changes"]) == StatusChange.objects.filter(
        young_person=young_person).count()
    view = RecordView.objects.get(young_person=young_person)
    assert (view.viewed_by, view.page) == (staff["colleague"], "care history")


@pytest.mark.parametrize("persona", ["colleague", "duty", "service"])
def test_staff_who_can_read_but_not_change_see_no_change_links(
    client, staff, young_person, persona
):
    client.force_login(staff[persona])

    page = client.get(reverse("care-history", args=[young_person.pk])).content.decode()

    assert reverse("care-period-add", args=[young_person.pk]) not in page
    assert reverse("care-facts-edit", args=[young_person.pk]) not in page


@pytest.mark.parametrize("persona", ["pa", "manager"])
def test_the_allocated_pa_and_team_manager_see_change_links(client, staff, young_person, persona):
    client.force_login(staff[persona])

    page = client.get(reverse("care-history", args=[young_person.pk])).content.decode()

    assert reverse("care-period-add", args=[young_person.pk]) in page
    assert reverse("care-facts-edit", args=[young_person.pk]) in page


# --- adding and changing periods -----------------------------------------------------------------

def test_adding_a_period_in_care_works_out_their_status_again(client, staff, young_person):
    client.force_login(staff["pa"])

    response = client.post(reverse("care-period-add", args=[young_person.pk]),
                           period_post(years_ago(1)))

    assert response.status_code == 302
    assert response.url == reverse("care-history", args=[young_person.pk])
    period = CarePeriod.objects.get(young_person=young_person)
    assert period.end_on is None
    assert period.history.get().history_user == staff["pa"]
    young_person.refresh_from_db()
    assert young_person.statutory_status.status == Status.ELIGIBLE
    change = StatusChange.objects.filter(young_person=young_person).first()
    assert (change.status, change.recorded_by) == (Status.ELIGIBLE, staff["pa"])
    message = str(list(response.wsgi_request._messages)[0])
    assert message == "Period in care added. Their status is now Eligible."


@pytest.mark.parametrize("start, end, field, message", [
    (years_ago(1), years_ago(2), "end_on", "The end date must be on or after the start date"),
    (timezone.localdate() + timedelta(days=1), None, "start_on",
     "The start date must be today or in the past"),
    (years_ago(1), timezone.localdate() + timedelta(days=1), "end_on",
     "The end date must be today or in the past"),
])
def test_a_period_that_cannot_be_right_is_refused_next_to_the_field(
    client, staff, young_person, start, end, field, message
):
    client.force_login(staff["pa"])

    response = client.post(reverse("care-period-add", args=[young_person.pk]),
                           period_post(start, end))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not CarePeriod.objects.exists()


def test_a_period_overlapping_another_is_refused(client, staff, young_person):
    care_period_add(actor=staff["manager"], young_person=young_person,
                    start_on=years_ago(2), end_on=years_ago(1))
    client.force_login(staff["pa"])

    response = client.post(reverse("care-period-add", args=[young_person.pk]),
                           period_post(years_ago(1, days=30)))

    assert "overlaps another" in response.context["form"].errors["start_on"][0]
    assert CarePeriod.objects.count() == 1


def test_a_period_with_a_missing_month_gets_a_clear_message(client, staff, young_person):
    client.force_login(staff["pa"])
    data = period_post(years_ago(1))
    data["start_on_1"] = ""

    response = client.post(reverse("care-period-add", args=[young_person.pk]), data)

    assert response.context["form"].errors["start_on"] == ["The start date must include a month"]


def test_changing_a_period_to_end_it_makes_them_relevant(client, staff, young_person):
    period = care_period_add(actor=staff["manager"], young_person=young_person,
                             start_on=years_ago(1))
    client.force_login(staff["manager"])
    ended = timezone.localdate() - timedelta(days=3)

    response = client.post(reverse("care-period-edit", args=[young_person.pk, period.pk]),
                           period_post(years_ago(1), ended))

    assert response.status_code == 302
    period.refresh_from_db()
    assert period.end_on == ended
    young_person.refresh_from_db()
    assert young_person.statutory_status.status == Status.RELEVANT


def test_a_period_from_another_young_person_is_not_found(client, staff, teams, young_person):
    other = add_young_person(team=teams["north"])
    period = care_period_add(actor=staff["manager"], young_person=other, start_on=years_ago(1))
    client.force_login(staff["manager"])

    response = client.get(reverse("care-period-edit", args=[young_person.pk, period.pk]))

    assert response.status_code == 404


# --- the other facts -----------------------------------------------------------------------------

def test_changing_the_facts_works_out_their_status_again(client, staff, teams):
    person = add_young_person(team=teams["north"], actor=staff["manager"],
                              date_of_birth=years_ago(16, days=30))
    # Looked after for the 13 weeks before their 16th birthday, then in custody on it.
    birthday_16 = years_ago(0, days=30)
    care_period_add(actor=staff["manager"], young_person=person,
                    start_on=birthday_16 - timedelta(days=200),
                    end_on=birthday_16 - timedelta(days=1))
    client.force_login(staff["manager"])

    response = client.post(reverse("care-facts-edit", args=[person.pk]),
                           facts_post(detained_on_16th_birthday=True))

    assert response.status_code == 302
    facts = CareFacts.objects.get(young_person=person)
    assert facts.detained_on_16th_birthday
    assert facts.version == 2
    assert facts.history.first().history_user == staff["manager"]
    person.refresh_from_db()
    assert person.statutory_status.status == Status.RELEVANT


def test_a_return_home_in_the_future_is_refused_next_to_the_field(
    client, staff, young_person
):
    client.force_login(staff["manager"])

    response = client.post(reverse("care-facts-edit", args=[young_person.pk]),
                           facts_post(returned_home_on=timezone.localdate() + timedelta(days=1)))

    assert response.context["form"].errors["returned_home_on"] == [
        "The date must be today or in the past"
    ]
    assert not CareFacts.objects.filter(young_person=young_person, version=2).exists()


def test_a_stale_change_to_the_facts_is_refused_keeping_what_was_typed(
    client, staff, young_person
):
    url = reverse("care-facts-edit", args=[young_person.pk])
    # Both open the form at version 1.
    client.force_login(staff["manager"])
    assert client.post(url, facts_post(version=1, special_guardianship_order=True)).status_code \
        == 302

    client.force_login(staff["pa"])
    response = client.post(url, facts_post(version=1, in_education_or_training=True))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this record while you were editing" in page
    form = response.context["form"]
    assert form["in_education_or_training"].value() == "yes"
    assert form["special_guardianship_order"].value() == "yes"  # theirs, left alone by the PA
    assert form["version"].value() == "2"
    assert response.context["stale"]["rows"] == [{
        "label": "Was a special guardianship order made while they were in care?",
        "value": "Yes",
    }]
    facts = CareFacts.objects.get(young_person=young_person)
    assert (facts.special_guardianship_order, facts.in_education_or_training) == (True, False)


# --- someone else can't --------------------------------------------------------------------------

@pytest.mark.parametrize("persona", ["other_pa", "other_manager", "board", "admin"])
@pytest.mark.parametrize("page", ["care-history", "care-period-add", "care-period-edit",
                                  "care-facts-edit"])
def test_staff_outside_the_team_cannot_see_or_change_care_history(
    client, staff, young_person, persona, page
):
    period = care_period_add(actor=staff["manager"], young_person=young_person,
                             start_on=years_ago(1))
    url = urls(young_person, period)[page]
    client.force_login(staff[persona])

    assert client.get(url).status_code == 404
    response = client.post(url, {**period_post(years_ago(2)), **facts_post(
        special_guardianship_order=True)})

    assert response.status_code == 404
    assert CarePeriod.objects.count() == 1
    assert not CareFacts.objects.filter(young_person=young_person,
                                        special_guardianship_order=True).exists()


@pytest.mark.parametrize("persona", ["colleague", "duty", "service"])
@pytest.mark.parametrize("page", ["care-period-add", "care-period-edit", "care-facts-edit"])
def test_staff_who_can_read_cannot_change_care_history(
    client, staff, young_person, persona, page
):
    period = care_period_add(actor=staff["manager"], young_person=young_person,
                             start_on=years_ago(1))
    url = urls(young_person, period)[page]
    client.force_login(staff[persona])

    assert client.get(url).status_code == 403
    response = client.post(url, {**period_post(years_ago(2)), **facts_post(
        special_guardianship_order=True)})

    assert response.status_code == 403
    period.refresh_from_db()
    assert period.start_on == years_ago(1)
    assert CarePeriod.objects.count() == 1
    assert not CareFacts.objects.filter(young_person=young_person,
                                        special_guardianship_order=True).exists()


def test_a_restricted_record_care_history_is_only_for_named_staff(client, staff, teams):
    person = add_young_person(team=teams["north"], restricted=True,
                              restricted_to=[staff["colleague"]])
    url = reverse("care-history", args=[person.pk])

    client.force_login(staff["manager"])
    assert client.get(url).status_code == 404
    client.force_login(staff["colleague"])
    assert client.get(url).status_code == 200
