from django import forms

from careleavers.forms import LongSelect, RecordChoiceField
from careleavers.models import User
from eligibility.rules import Status

from .figures import AGE_BANDS


class DashboardFilters(forms.Form):
    """Narrow the dashboard and its lists: a team, a Personal Adviser, an age band, a status.
    Bound from the query string, so a list keeps the filters of the figure it came from."""

    team = RecordChoiceField(queryset=None, required=False, to_field_name="team_id",
                             empty_label="All teams", widget=LongSelect)
    adviser = RecordChoiceField(queryset=None, required=False, to_field_name="username",
                                empty_label="Any Personal Adviser", label="Personal Adviser",
                                widget=LongSelect)
    age_band = forms.ChoiceField(
        required=False, label="Age",
        choices=[("", "Any age")] + [(band, band.replace("-", " to ")) for band in AGE_BANDS],
    )
    status = forms.ChoiceField(
        required=False,
        choices=[("", "Any status")] + [(s.value, s.label) for s in Status
                                        if s != Status.NOT_ENTITLED],
    )

    def __init__(self, data=None, *, teams):
        super().__init__(data)
        self.fields["team"].queryset = teams
        self.fields["adviser"].queryset = (
            User.objects.personal_advisers().filter(teams__in=teams).distinct()
            .only("username", "full_name").order_by("full_name", "username")
        )
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select"

    #: The query parameters that are filters (and what the dashboard's links carry besides them).
    NAMES = ("team", "adviser", "age_band", "status")

    def chosen(self) -> dict:
        """The filters chosen, ignoring any that are not valid choices for this user."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def selected(self, query, *, path: str) -> tuple[list[dict], str]:
        """The filters chosen as the MOJ filter component shows them, each under its label with
        a link that removes it (keeping the rest of `query`: the other filters, the figure, the
        sort), and a link that clears them all. A filter removed goes back to the first page, and
        the filters left at "any" (sent empty by the form) are left out."""
        def without(*names) -> str:
            kept = query.copy()
            for name in [*names, "page", *(key for key, value in query.items() if not value)]:
                kept.pop(name, None)
            return f"{path}?{kept.urlencode()}" if kept else path

        categories = []
        for name, value in self.chosen().items():
            field = self.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                text = value.get_full_name() if name == "adviser" else value.name
            else:
                text = dict(field.choices).get(value, value)
            categories.append({"heading": self[name].label,
                               "items": [{"text": text, "href": without(name)}]})
        return categories, without(*self.NAMES)
