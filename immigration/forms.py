"""The form for an unaccompanied asylum-seeking young person's immigration position, in the
GOV.UK style and plain words."""

from crispy_forms_gds.layout import HTML, Field, Fluid, Size
from django import forms

from careleavers.forms import GDSFormMixin, GOVUKDateField

from .rules import LeaveKind, Stage
from .services import RECORD_FIELDS

_SMALL_LEGEND = {"legend_size": Size.for_legend(Size.SMALL)}
_EXAMPLE = "For example, 27 3 2026"


def _heading(text: str, hint: str = "") -> HTML:
    hint_html = f'<p class="govuk-body">{hint}</p>' if hint else ""
    return HTML(f'<h2 class="govuk-heading-m govuk-!-margin-top-6">{text}</h2>{hint_html}')


class ImmigrationForm(GDSFormMixin, forms.Form):
    """Their position from a date. With `record`, a correction carrying its version."""

    submit_label = "Save"

    stage = forms.ChoiceField(
        label="Where has their claim got to?", widget=forms.RadioSelect, choices=Stage.choices,
        error_messages={"required": "Select where their claim has got to",
                        "invalid_choice": "Select one of the stages listed"},
    )
    since = GOVUKDateField(
        label="Since when?", subject="The date this became their position",
        help_text="For example the date of the Home Office’s decision, or the date they made "
                  "their claim. " + _EXAMPLE,
        error_messages={"required": "Enter the date this became their position"},
    )
    leave_kind = forms.ChoiceField(
        label="What leave were they granted?", widget=forms.RadioSelect, required=False,
        choices=LeaveKind.choices,
        help_text="Only if they were allowed to stay. It is on their eVisa or Home Office letter.",
        error_messages={"invalid_choice": "Select one of the kinds of leave listed"},
    )
    leave_granted_on = GOVUKDateField(
        label="When was their leave granted?", subject="The date their leave was granted",
        required=False, help_text=_EXAMPLE,
    )
    leave_expires_on = GOVUKDateField(
        label="When does their leave end?", subject="The date their leave ends", required=False,
        help_text="Leave blank for indefinite leave to remain or British citizenship, which do "
                  "not end. " + _EXAMPLE,
    )
    appeal_lodged_on = GOVUKDateField(
        label="When was the appeal lodged? (optional)", subject="The date the appeal was lodged",
        required=False, help_text=_EXAMPLE,
    )
    appeal_decided_on = GOVUKDateField(
        label="When was the appeal decided? (optional)",
        subject="The date the appeal was decided", required=False, help_text=_EXAMPLE,
    )
    home_office_reference = forms.CharField(
        label="Home Office reference (optional)", required=False, max_length=40,
        help_text="On letters from the Home Office, for example H1234567",
    )
    solicitor = forms.CharField(
        label="Immigration solicitor (optional)", required=False, max_length=200,
        help_text="Their name and firm",
    )
    solicitor_contact = forms.CharField(
        label="Solicitor’s phone or email (optional)", required=False, max_length=200,
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What happens next, in words the young person would understand",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, record=None, today=None, **kwargs):
        if record is None and today is not None:
            kwargs.setdefault("initial", {}).setdefault("since", today)
        if record is not None:
            initial = {name: getattr(record, name) for name in RECORD_FIELDS}
            initial["version"] = record.version
            kwargs.setdefault("initial", initial)
            self.submit_label = "Save changes"
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        return [
            Field.radios("stage", small=True, legend_size=Size.MEDIUM),
            Field("since", context=_SMALL_LEGEND),
            _heading("Leave to stay", "Only if they were allowed to stay."),
            Field.radios("leave_kind", small=True, legend_size=Size.SMALL),
            Field("leave_granted_on", context=_SMALL_LEGEND),
            Field("leave_expires_on", context=_SMALL_LEGEND),
            _heading("Appeal", "Only if they appealed against a refusal."),
            Field("appeal_lodged_on", context=_SMALL_LEGEND),
            Field("appeal_decided_on", context=_SMALL_LEGEND),
            _heading("Who is helping"),
            Field.text("home_office_reference", field_width=10),
            Field.text("solicitor", field_width=Fluid.TWO_THIRDS),
            Field.text("solicitor_contact", field_width=Fluid.TWO_THIRDS),
            Field.textarea("notes", rows=3),
            Field("version"),
        ]

    def service_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in RECORD_FIELDS}
