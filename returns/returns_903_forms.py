from datetime import date

from crispy_forms_gds.layout import Layout
from django import forms

from careleavers.forms import GDSFormMixin

from .returns_903 import FIRST_YEAR, collection_year_of, latest_ended_year

#: How many ended collection years the page offers, besides the one in progress.
YEARS_OFFERED = 5


def year_label(year: int) -> str:
    return f"April {year - 1} to March {year}"


class CollectionYearForm(GDSFormMixin, forms.Form):
    """The collection year of the 903 page, bound from the query string."""

    year = forms.TypedChoiceField(label="Collection year", coerce=int, choices=())

    def __init__(self, data=None, *, today: date):
        super().__init__(data)
        # The page writes its own button: a submit field would add itself to the query string.
        self.helper.layout = Layout("year")
        self.default = latest_ended_year(today)
        current = collection_year_of(today)
        years = [y for y in range(current, current - YEARS_OFFERED - 1, -1) if y >= FIRST_YEAR]
        self.fields["year"].choices = [
            (y, year_label(y) + (" (so far)" if y == current else "")) for y in years
        ]
        self.fields["year"].error_messages["invalid_choice"] = (
            "Select a collection year from the list"
        )
        if not self.is_bound:
            self.initial["year"] = self.default

    def chosen_year(self) -> int:
        """The year chosen, or the latest that has ended if none (or one not offered) is."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["year"]
        return self.default
