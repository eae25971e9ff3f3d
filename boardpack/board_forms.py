"""The forms for preparing the board pack, in the GOV.UK style: which month, and the commentary
under each section's heading."""

from datetime import date

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Layout, Size
from django import forms

from careleavers.dates import month_and_year
from careleavers.forms import GDSFormMixin
from dashboard.snapshots import month_start, previous_month
from eligibility.rules import add_months

from .board import SECTIONS
from .board_pack import COMMENTARY_MAX_CHARACTERS

#: How far back a pack can be chosen.
MONTHS_OFFERED = 36


def months_offered(today: date) -> list[date]:
    """This month and the months before it, newest first."""
    this_month = month_start(today)
    return [add_months(this_month, -back) for back in range(MONTHS_OFFERED)]


def month_slug(month: date) -> str:
    return f"{month:%Y-%m}"


class BoardMonthForm(GDSFormMixin, forms.Form):
    """Which month the pack is for: last month unless chosen (a GET form)."""

    submit_label = "Continue"

    month = forms.ChoiceField(label="Which month is the pack for?",
                              help_text="The figures are as they stood on the month’s last day.",
                              error_messages={"required": "Select the month the pack is for",
                                              "invalid_choice": "Select the month the pack is for"})

    def __init__(self, *args, today: date, **kwargs):
        kwargs.setdefault("initial", {"month": month_slug(previous_month(today))})
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [
            (month_slug(month), f"{month_and_year(month)}") for month in months_offered(today)
        ]

    def layout_fields(self):
        return [Field("month", context={"label_size": Size.for_label(Size.MEDIUM)})]


def _field_name(key: str) -> str:
    return f"commentary_{key}"


class BoardCommentaryForm(GDSFormMixin, forms.Form):
    """One text area for each section of the pack, and the version read (concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, pack, **kwargs):
        initial = {_field_name(key): text for key, text in pack.commentary.items()}
        kwargs.setdefault("initial", {**initial, "version": pack.version})
        super().__init__(*args, **kwargs)
        for spec in SECTIONS:
            self.fields[_field_name(spec.key)] = forms.CharField(
                label=spec.heading, required=False, widget=forms.Textarea,
                max_length=COMMENTARY_MAX_CHARACTERS,
                help_text=spec.about,
                error_messages={"max_length": f"The commentary on {spec.heading.lower()} must "
                                              f"be {COMMENTARY_MAX_CHARACTERS} characters or "
                                              "fewer"},
            )
        # The page has two buttons (save; save and make the PDF): no submit from the layout.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(*self.layout_fields())

    def layout_fields(self):
        return [
            # Each section's figures for the month (the page's `glance`), above its commentary.
            *[part for spec in SECTIONS if _field_name(spec.key) in self.fields for part in (
                HTML('{% include "boardpack/_commentary_figures.html" with '
                     f'tables=glance.{spec.key} key="{spec.key}" %}}'),
                Field.textarea(_field_name(spec.key), label_size=Size.SMALL, rows=4,
                               max_characters=COMMENTARY_MAX_CHARACTERS),
            )],
            Field("version"),
        ]

    def commentary(self) -> dict[str, str]:
        return {spec.key: self.cleaned_data.get(_field_name(spec.key)) or ""
                for spec in SECTIONS}

    def refuse_stale(self, stale_error, *, read_version: int) -> dict:
        """Someone else saved first. Keep what this user typed; where they left a section as it
        was, put the other person's text in; show what the other person changed."""
        current = stale_error.current
        self.add_error(None, "Someone else changed this commentary while you were writing. "
                             "Nothing you typed has been saved yet: check their changes, then "
                             "save again.")
        self.data = self.data.copy()
        self.data["version"] = str(current.version)
        before = current.history.filter(version=read_version).first()
        latest = current.history.select_related("history_user").first()
        read = before.commentary if before is not None else {}
        rows = []
        for spec in SECTIONS:
            theirs = current.commentary.get(spec.key, "")
            if theirs == read.get(spec.key, ""):
                continue
            rows.append({"label": spec.heading, "value": theirs or "(removed)"})
            typed = (self.cleaned_data.get(_field_name(spec.key)) or "").replace("\r\n", "\n")
            if typed.strip() == read.get(spec.key, "").strip():
                self.data[_field_name(spec.key)] = theirs
        return {
            "rows": rows,
            "changed_by": latest.history_user if latest is not None else None,
            "changed_at": latest.history_date if latest is not None else None,
        }
