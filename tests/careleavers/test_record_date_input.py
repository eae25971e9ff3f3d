"""The GOV.UK date input: three boxes, errors linked to the right box."""

import datetime

import pytest
from django import forms
from django.template import Context, Template

from careleavers.forms import GDSFormMixin, GOVUKDateField


class BirthForm(GDSFormMixin, forms.Form):
    date_of_birth = GOVUKDateField(label="Date of birth")


def rendered(form) -> str:
    template = Template(
        "{% load crispy_forms_tags crispy_forms_gds %}{% error_summary form %}{% crispy form %}"
    )
    return template.render(Context({"form": form}))


def test_three_labelled_boxes_show_a_saved_date():
    html = rendered(BirthForm(initial={"date_of_birth": datetime.date(2008, 3, 27)}))

    assert 'id="id_date_of_birth" name="date_of_birth_0" type="text" inputmode="numeric" ' \
           'value="27"' in html
    assert 'name="date_of_birth_1"' in html and 'value="3"' in html
    assert 'value="2008"' in html
    assert ">Day<" in html and ">Month<" in html and ">Year<" in html
    assert "<legend" in html


def test_a_missing_month_links_to_the_month_box_and_outlines_only_it():
    form = BirthForm({"date_of_birth_0": "27", "date_of_birth_1": "", "date_of_birth_2": "2008"})

    assert not form.is_valid()
    html = rendered(form)

    assert '<a href="#id_date_of_birth_1">Date of birth must include a month</a>' in html
    assert html.count("govuk-input--error") == 1


def test_a_date_that_does_not_exist_links_to_the_day_box_and_outlines_all_three():
    form = BirthForm({"date_of_birth_0": "30", "date_of_birth_1": "2", "date_of_birth_2": "2008"})

    assert not form.is_valid()
    html = rendered(form)

    assert '<a href="#id_date_of_birth">Date of birth must be a real date</a>' in html
    assert html.count("govuk-input--error") == 3


def test_an_error_from_a_service_outlines_all_three_boxes():
    form = BirthForm({"date_of_birth_0": "1", "date_of_birth_1": "1", "date_of_birth_2": "2000"})
    assert form.is_valid()

    form.add_error("date_of_birth", "Too old")

    assert rendered(form).count("govuk-input--error") == 3


@pytest.mark.parametrize("day, month, year, expected", [
    ("27", "3", "2008", datetime.date(2008, 3, 27)),
    (" 27 ", "03", "2008", datetime.date(2008, 3, 27)),
    ("27", "March", "2008", datetime.date(2008, 3, 27)),
    ("27", "mar", "2008", datetime.date(2008, 3, 27)),
    ("29", "2", "2008", datetime.date(2008, 2, 29)),
])
def test_dates_are_read_as_people_type_them(day, month, year, expected):
    form = BirthForm({"date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": year})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == expected


def test_an_optional_date_left_blank_is_none():
    class OptionalForm(GDSFormMixin, forms.Form):
        ended = GOVUKDateField(label="Ended", required=False)

    form = OptionalForm({"ended_0": "", "ended_1": "", "ended_2": ""})

    assert form.is_valid()
    assert form.cleaned_data["ended"] is None


@pytest.mark.parametrize("day, month", [
    ("99999999999999999999", "3"),
    ("27", "99999999999999999999"),
    ("-99999999999999999999", "3"),
])
def test_a_number_too_big_for_any_date_is_not_a_real_date(day, month):
    form = BirthForm({"date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": "2008"})

    assert not form.is_valid()
    assert form.errors["date_of_birth"] == ["Date of birth must be a real date"]
