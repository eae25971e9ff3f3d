"""Forms for the facts behind a young person's status (DOMAIN.md §1)."""

from crispy_forms_gds.layout import Field
from django import forms

from careleavers.dates import long_date
from careleavers.forms import HIDDEN_FIELD_MESSAGE, GDSFormMixin, GOVUKDateField, YesNoField

from .models import CareFacts, SupportChoiceKind
from .services import FACT_FIELDS


class CarePeriodForm(GDSFormMixin, forms.Form):
    submit_label = "Save period"

    start_on = GOVUKDateField(
        label="When did this period in care start?", subject="The start date",
        help_text="For example, 27 3 2023",
        error_messages={"required": "Enter the date this period in care started"},
    )
    end_on = GOVUKDateField(
        label="When did it end? (optional)", subject="The end date", required=False,
        help_text="The last day they were looked after. Leave blank if they are still in care. "
                  "For example, 27 3 2024",
    )
    short_break = YesNoField(
        label="Was it a pre-planned short break?",
        help_text="Respite of 4 weeks or less, going home after it. Short breaks do not count "
                  "towards the 13 weeks in care.",
        error_messages={"required": "Select yes if it was a pre-planned short break"},
    )

    def __init__(self, *args, period=None, **kwargs):
        if period is not None:
            kwargs.setdefault("initial", {
                "start_on": period.start_on, "end_on": period.end_on,
                "short_break": period.short_break,
            })
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        return [
            Field("start_on"),
            Field("end_on"),
            Field.radios("short_break", inline=True),
        ]


class CareFactsForm(GDSFormMixin, forms.Form):
    """The facts other than periods in care, with the version they were read at."""

    submit_label = "Save"

    detained_on_16th_birthday = YesNoField(
        label="Were they in custody or in hospital on their 16th birthday?",
        error_messages={"required": "Select yes if they were in custody or hospital on their "
                                    "16th birthday"},
    )
    special_guardianship_order = YesNoField(
        label="Was a special guardianship order made while they were in care?",
        error_messages={"required": "Select yes if a special guardianship order was made"},
    )
    privately_fostered_after_16 = YesNoField(
        label="Were they privately fostered, or accommodated by another organisation, after "
              "turning 16?",
        help_text="For example, by a health or education authority, in a care home or in a "
                  "hospital for 3 months or more",
        error_messages={"required": "Select yes if they were privately fostered or accommodated "
                                    "after turning 16"},
    )
    returned_home_on = GOVUKDateField(
        label="If they went home to live with their parents, when? (optional)",
        subject="The date they went home", required=False,
        help_text="Only if the return home has been agreed as successful. For example, 27 3 2025",
    )
    in_education_or_training = YesNoField(
        label="Are they in education or training, or do they want to be?",
        error_messages={"required": "Select yes if they are in, or want, education or training"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, facts: CareFacts, **kwargs):
        initial = {name: getattr(facts, name) for name in FACT_FIELDS}
        initial["version"] = facts.version
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        fields = []
        for name in FACT_FIELDS:
            if isinstance(self.fields[name], YesNoField):
                fields.append(Field.radios(name, inline=True))
            else:
                fields.append(Field(name))
        return [*fields, Field("version")]

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in FACT_FIELDS}


class SupportChoiceForm(GDSFormMixin, forms.Form):
    """A young person aged 21 to 24 asked for support, or said they no longer want it, with the
    latest such choice the user was shown (so one recorded meanwhile is not missed)."""

    submit_label = "Save"

    kind = forms.ChoiceField(
        label="What did they tell you?", choices=SupportChoiceKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they asked for support or said they no "
                                    "longer want it"},
    )
    on = GOVUKDateField(
        label="When did they tell you?", subject="The date",
        help_text="The day they asked, or said no. For example, 3 3 2026",
        error_messages={"required": "Enter the date they told you"},
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, how they got in touch and what they would like help with",
    )
    latest_seen = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, latest_seen: int = 0, **kwargs):
        kwargs.setdefault("initial", {"latest_seen": latest_seen})
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        return [Field.radios("kind"), Field("on"), Field("notes"), Field("latest_seen")]

    def refuse_stale(self, latest) -> None:
        """Someone recorded another choice after this page was opened: say so, keep what was
        typed, and take the newer one as seen, so saving again is deliberate. With none
        recorded, the page sent a choice it never showed."""
        self.data = self.data.copy()
        self.data["latest_seen"] = str(latest.pk if latest is not None else 0)
        if latest is None:
            self.add_error(None, HIDDEN_FIELD_MESSAGE)
            return
        self.add_error(None, (
            f"{latest.recorded_by or 'Someone'} recorded that {latest.in_a_sentence} on "
            f"{long_date(latest.on)} while you had this page open. Nothing has been saved: "
            "check it below, then save again."
        ))
