"""Forms for where a young person lives and whether it suits them, in the GOV.UK style."""

from crispy_forms_gds.layout import HTML, Field, Fluid, Size
from django import forms

from careleavers.forms import GDSFormMixin, GOVUKDateField, YesNoField

from .rules import FACTOR_NAMES, SCHEDULE_2_FACTORS, AccommodationType, Suitability
from .services import EPISODE_FIELDS

_SMALL_LEGEND = {"legend_size": Size.for_legend(Size.SMALL)}


def _heading(text: str) -> HTML:
    return HTML(f'<h2 class="govuk-heading-m govuk-!-margin-top-6">{text}</h2>')


class EpisodeForm(GDSFormMixin, forms.Form):
    """A place they live (a move) or lived. With `episode`, a correction carrying its version."""

    submit_label = "Save"

    type_code = forms.ChoiceField(
        label="Where do they live?", widget=forms.RadioSelect,
        choices=[(code, f"{label} ({code})") for code, label in AccommodationType.choices],
        help_text="The letter is the code the Department for Education uses",
        error_messages={"required": "Select where they live",
                        "invalid_choice": "Select one of the types of accommodation listed"},
    )
    start_on = GOVUKDateField(
        label="When did they move in?", subject="The date they moved in",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date they moved in"},
    )
    end_on = GOVUKDateField(
        label="When did they move out? (optional)", subject="The date they moved out",
        required=False,
        help_text="Leave blank if they live there now: the place they lived before is ended the "
                  "day before they moved in. For example, 27 3 2026",
    )
    address = forms.CharField(label="Address (optional)", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    postcode = forms.CharField(label="Postcode (optional)", required=False, max_length=10)
    provider = forms.CharField(
        label="Provider or landlord (optional)", required=False, max_length=200,
        help_text="Who runs it, for example the supported lodgings scheme or housing association",
    )
    council_provided = YesNoField(
        label="Does the council provide it?",
        help_text="The council arranges and pays for it. A Personal Adviser must then visit within "
                  "7 days of the move, and at least every 2 months after that.",
        error_messages={"required": "Select yes if the council provides the accommodation"},
    )
    staying_put_carer = forms.CharField(
        label="Staying Put: former foster carer’s name (optional)", required=False,
        max_length=200, help_text="Only if they are Staying Put with their former foster carers",
    )
    staying_put_agreed_on = GOVUKDateField(
        label="Staying Put: when was it agreed? (optional)",
        subject="The date Staying Put was agreed", required=False,
        help_text="For example, 27 3 2026",
    )
    staying_close = forms.BooleanField(
        label="They are Staying Close", required=False,
        help_text="They left a children’s home and live near it, with support from the home",
    )
    staying_close_home = forms.CharField(
        label="Staying Close: the children’s home that supports them (optional)",
        required=False, max_length=200, help_text="Only if they are Staying Close",
    )
    staying_close_agreed_on = GOVUKDateField(
        label="Staying Close: when was it agreed? (optional)",
        subject="The date Staying Close was agreed", required=False,
        help_text="For example, 27 3 2026",
    )
    custody_establishment = forms.CharField(
        label="Custody: prison or young offender institution (optional)", required=False,
        max_length=200, help_text="Only if they are in custody",
    )
    expected_release_on = GOVUKDateField(
        label="Custody: when are they expected to be released? (optional)",
        subject="The expected release date", required=False,
        help_text="Their Personal Adviser is reminded in good time to arrange somewhere to live "
                  "for when they come out. For example, 27 3 2026",
    )
    custody_worker = forms.CharField(
        label="Custody: youth justice or probation worker (optional)", required=False,
        max_length=200,
    )
    custody_worker_contact = forms.CharField(
        label="Custody: their phone or email (optional)", required=False, max_length=200,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, episode=None, today=None, **kwargs):
        if episode is None and today is not None:
            kwargs.setdefault("initial", {}).setdefault("start_on", today)
        if episode is not None:
            initial = {name: getattr(episode, name) for name in EPISODE_FIELDS}
            initial["version"] = episode.version
            kwargs.setdefault("initial", initial)
            self.submit_label = "Save changes"
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        return [
            Field.radios("type_code", small=True),
            Field("start_on", context=_SMALL_LEGEND),
            Field("end_on", context=_SMALL_LEGEND),
            Field.textarea("address", rows=3),
            Field.text("postcode", field_width=10),
            Field.text("provider", field_width=Fluid.TWO_THIRDS),
            Field.radios("council_provided", inline=True, legend_size=Size.SMALL),
            _heading("Staying Put"),
            Field.text("staying_put_carer", field_width=Fluid.TWO_THIRDS),
            Field("staying_put_agreed_on", context=_SMALL_LEGEND),
            _heading("Staying Close"),
            Field.checkboxes("staying_close", small=True),
            Field.text("staying_close_home", field_width=Fluid.TWO_THIRDS),
            Field("staying_close_agreed_on", context=_SMALL_LEGEND),
            _heading("Custody"),
            Field.text("custody_establishment", field_width=Fluid.TWO_THIRDS),
            Field("expected_release_on", context=_SMALL_LEGEND),
            Field.text("custody_worker", field_width=Fluid.TWO_THIRDS),
            Field.text("custody_worker_contact", field_width=Fluid.TWO_THIRDS),
            Field("version"),
        ]

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in EPISODE_FIELDS}


class AssessmentForm(GDSFormMixin, forms.Form):
    """A suitability assessment: each factor of CLR Schedule 2, their views, and the outcome."""

    submit_label = "Save assessment"

    assessed_on = GOVUKDateField(
        label="Date of the assessment", subject="The date of the assessment",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date of the assessment"},
    )
    young_persons_views = forms.CharField(
        label="What do they think of it? (optional)", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In their own words, if you can",
    )
    outcome = forms.ChoiceField(
        label="Is the accommodation suitable for them?", widget=forms.RadioSelect,
        choices=Suitability.choices,
        error_messages={"required": "Select whether the accommodation is suitable"},
    )
    reason = forms.CharField(
        label="Why?", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why it is suitable or not"},
    )

    def __init__(self, *args, today, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("assessed_on", today)
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        factors = []
        for name in SCHEDULE_2_FACTORS:
            factors += [Field.radios(name, inline=True, legend_size=Size.SMALL),
                        Field.textarea(f"{name}_note", rows=2)]
        return [
            Field("assessed_on", context=_SMALL_LEGEND),
            _heading("The accommodation"),
            *factors,
            _heading("Their views and the outcome"),
            Field.textarea("young_persons_views", rows=3),
            Field.radios("outcome", inline=True, legend_size=Size.SMALL),
            Field.textarea("reason", rows=3),
        ]

    def service_values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in
                  ("assessed_on", "young_persons_views", "outcome", "reason")}
        for name in SCHEDULE_2_FACTORS:
            values[name] = self.cleaned_data[name]
            values[f"{name}_note"] = self.cleaned_data[f"{name}_note"]
        return values


def _with_factors(fields: dict) -> dict:
    """The form's fields in page order, with a yes or no and a note for each factor. The factors
    are not required by the form: the service refuses an outcome given without them, naming each
    one missing."""
    factors = {}
    for name, question in SCHEDULE_2_FACTORS.items():
        factors[name] = YesNoField(label=question, required=False)
        factors[f"{name}_note"] = forms.CharField(
            label=f"Notes about {FACTOR_NAMES[name]} (optional)", required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    return {"assessed_on": fields.pop("assessed_on"), **factors, **fields}


AssessmentForm.base_fields = _with_factors(dict(AssessmentForm.base_fields))
