"""Choosing a record (a team, the staff named on a restricted record) with a value no browser
would send gets the field's own error, never a server error."""

import importlib
import pkgutil

import pytest
from django import forms
from django.urls import reverse

from careleavers.forms import RecordChoiceField, RecordMultipleChoiceField
from careleavers.models import YoungPerson
from tests.careleavers.records import add_young_person, allocate, identity_post

pytestmark = pytest.mark.django_db

NOT_A_ROW = ["99999999999999999999", "-99999999999999999999", "9223372036854775808", "abc",
             "1e400", "1.5", "7\x00"]


@pytest.fixture
def young_person(staff, teams):
    person = add_young_person(team=teams["north"], first_name="Amani", last_name="Okafor")
    allocate(person, staff["pa"])
    return person


@pytest.mark.parametrize("value", NOT_A_ROW)
def test_staff_named_on_a_restricted_record_by_an_impossible_id_is_not_a_valid_choice(
    client, staff, young_person, value
):
    client.force_login(staff["manager"])

    response = client.post(
        reverse("young-person-edit", args=[young_person.pk]),
        {**identity_post(young_person, restricted=True), "restricted_to": [value]},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["restricted_to"][0].startswith("Select a valid choice.")
    young_person.refresh_from_db()
    assert not young_person.restricted and young_person.version == 1


@pytest.mark.parametrize("value", NOT_A_ROW)
def test_a_team_chosen_by_an_impossible_id_is_not_a_valid_choice(client, staff, young_person,
                                                                  value):
    client.force_login(staff["manager"])

    response = client.post(reverse("young-person-edit", args=[young_person.pk]),
                           {**identity_post(young_person), "team": value})

    assert response.status_code == 200
    assert response.context["form"].errors["team"][0].startswith("Select a valid choice.")
    assert YoungPerson.objects.get(pk=young_person.pk).version == 1


def _project_form_classes():
    for package in ("accounts", "careleavers", "eligibility", "advisers", "pathways",
                    "accommodation", "eet", "dashboard", "alerts", "returns", "boardpack"):
        root = importlib.import_module(package)
        for module in pkgutil.walk_packages(root.__path__, f"{package}."):
            if "forms" in module.name.rsplit(".", 1)[-1]:
                importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return [form for form in subclasses(forms.BaseForm)
            if form.__module__.split(".")[0] != "django" and "admin" not in form.__module__]


def test_every_form_choosing_records_refuses_impossible_ids_before_asking_the_database():
    plain = [
        f"{form.__module__}.{form.__qualname__}.{name}"
        for form in _project_form_classes()
        for name, field in getattr(form, "base_fields", {}).items()
        if isinstance(field, forms.ModelChoiceField)
        and not isinstance(field, RecordChoiceField | RecordMultipleChoiceField)
    ]

    assert _project_form_classes()
    assert plain == []
