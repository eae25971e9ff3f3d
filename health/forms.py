"""Forms for a young person's health and their own children, in the GOV.UK style. They check
the shape of what was typed; the services check the rules."""

from crispy_forms_gds.layout import HTML, Field, Fluid, Size
from django import forms

from careleavers.forms import GDSFormMixin, GOVUKDateField

from .rules import Answer, LivesWith
from .services import CHILD_FIELDS, HEALTH_FIELDS

_SMALL_LEGEND = {"legend_size": Size.for_legend(Size.SMALL)}


def _heading(text: str) -> HTML:
    return HTML(f'<h2 class="govuk-heading-m govuk-!-margin-top-6">{text}</h2>')


def _answer(label: str, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, widget=forms.RadioSelect, choices=Answer.choices,
        error_messages={"required": required_message,
                        "invalid_choice": "Select yes, no or not known"},
    )


class HealthForm(GDSFormMixin, forms.Form):
    """Their health record, carrying the version it was read at."""

    submit_label = "Save"

    gp_registered = _answer("Are they registered with a GP?",
                            "Select yes if they are registered with a GP")
    gp_practice = forms.CharField(
        label="GP practice (if they are registered)", required=False, max_length=200,
        help_text="For example, Canal Street Surgery",
    )
    dentist_registered = _answer("Are they registered with a dentist?",
                                 "Select yes if they are registered with a dentist")
    dentist_practice = forms.CharField(
        label="Dental practice (if they are registered)", required=False, max_length=200,
    )
    history_given_on = GOVUKDateField(
        label="When was their health history given to them? (optional)",
        subject="The date their health history was given to them", required=False,
        help_text="The summary of their health while they were looked after. Leave blank if "
                  "they have not had it yet. For example, 27 3 2026",
    )
    health_needs = forms.CharField(
        label="Their health needs, in their own words (optional)", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mental_health_support = forms.CharField(
        label="The support they get for their mental health, in their own words (optional)",
        required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Who supports them and how, for example the counsellor at college every week",
    )
    disability = _answer("Do they have a disability?", "Select yes if they have a disability")
    disability_details = forms.CharField(
        label="What is their disability? (optional)", required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="In the words they use for it",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, record=None, **kwargs):
        if record is not None:
            initial = {name: getattr(record, name) for name in HEALTH_FIELDS}
            initial["version"] = record.version
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        return [
            Field.radios("gp_registered", inline=True, legend_size=Size.SMALL),
            Field.text("gp_practice", field_width=Fluid.TWO_THIRDS),
            Field.radios("dentist_registered", inline=True, legend_size=Size.SMALL),
            Field.text("dentist_practice", field_width=Fluid.TWO_THIRDS),
            Field("history_given_on", context=_SMALL_LEGEND),
            _heading("In their own words"),
            Field.textarea("health_needs", rows=3),
            Field.textarea("mental_health_support", rows=3),
            _heading("Disability"),
            Field.radios("disability", inline=True, legend_size=Size.SMALL),
            Field.textarea("disability_details", rows=2),
            Field("version"),
        ]

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in HEALTH_FIELDS}


class ChildForm(GDSFormMixin, forms.Form):
    """A child of theirs, born or expected. With `child`, a change carrying its version."""

    submit_label = "Save"

    name = forms.CharField(label="Child’s first name (optional)", required=False,
                           max_length=100)
    born_on = GOVUKDateField(
        label="Date of birth", subject="The child’s date of birth", required=False,
        help_text="Leave blank for a baby not yet born. For example, 27 3 2025",
    )
    expected_on = GOVUKDateField(
        label="Or, if the baby is not born yet, the date it is due", required=False,
        subject="The date the baby is due", help_text="For example, 27 3 2026",
    )
    lives_with_them = forms.ChoiceField(
        label="Does the child live with them?", widget=forms.RadioSelect,
        choices=LivesWith.choices,
        error_messages={"required": "Select whether the child lives with them",
                        "invalid_choice": "Select whether the child lives with them"},
    )
    notes = forms.CharField(label="Notes (optional)", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, child=None, **kwargs):
        if child is not None:
            initial = {name: getattr(child, name) for name in CHILD_FIELDS}
            initial["version"] = child.version
            kwargs.setdefault("initial", initial)
            self.submit_label = "Save changes"
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        return [
            Field.text("name", field_width=Fluid.ONE_HALF),
            Field("born_on", context=_SMALL_LEGEND),
            Field("expected_on", context=_SMALL_LEGEND),
            Field.radios("lives_with_them", small=True, legend_size=Size.SMALL),
            Field.textarea("notes", rows=3),
            Field("version"),
        ]

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in CHILD_FIELDS}


class RemoveChildForm(GDSFormMixin, forms.Form):
    submit_label = "Remove from their record"

    reason = forms.CharField(
        label="Why are you removing this child from their record?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, recorded in error. It stays in the record’s history.",
        error_messages={"required": "Enter why you are removing this child from the record"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def layout_fields(self):
        return [Field.textarea("reason", rows=3), Field("version")]
