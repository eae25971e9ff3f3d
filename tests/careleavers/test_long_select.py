"""`LongSelect` renders what Django's own select renders, without a template per option."""

import re

import pytest
from django import forms

from careleavers.forms import LongSelect, RecordChoiceField
from careleavers.models import User

pytestmark = pytest.mark.django_db


def tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("chosen", ["", "colleague"])
def test_a_long_select_is_the_html_django_renders(staff, chosen):
    def field(widget):
        return RecordChoiceField(queryset=User.objects.order_by("username"), required=False,
                                 to_field_name="username", empty_label="Any <adviser>",
                                 widget=widget)

    attrs = {"id": "id_adviser", "class": "govuk-select"}
    ours = LongSelect(choices=field(LongSelect).choices).render("adviser", chosen, attrs)
    django = forms.Select(choices=field(forms.Select).choices).render("adviser", chosen, attrs)

    assert tags(ours) == tags(django)
    assert ours.count(" selected") == 1
    assert f'<option value="{chosen}" selected>' in ours
    assert "Any &lt;adviser&gt;" in ours
