"""The form for what a young person does each day, in the GOV.UK style. The Personal Adviser says
what it is and how many hours a week; the DfE code follows from that."""

from crispy_forms_gds.layout import Field, Fluid, Size
from django import forms

from careleavers.forms import GDSFormMixin, GOVUKDateField

from .rules import FULL_TIME_HOURS, Activity, activity_code, activity_of, is_eet

_SMALL_LEGEND = {"legend_size": Size.for_legend(Size.SMALL)}
_NEET = (Activity.NEET_ILLNESS, Activity.NEET_PARENTING, Activity.NEET_OTHER)


class ActivityForm(GDSFormMixin, forms.Form):
    submit_label = "Save"

    activity = forms.ChoiceField(
        label="What are they doing?", choices=Activity.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select what they are doing"},
    )
    hours_per_week = forms.IntegerField(
        label="Hours a week", required=False, min_value=1, max_value=80,
        # A text box taking numbers, as the GOV.UK Design System asks (not type="number").
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        help_text=f"For education, an apprenticeship, training or a job. {FULL_TIME_HOURS} hours "
                  "or more is full time.",
        error_messages={"invalid": "Enter hours a week as a whole number, like 30",
                        "min_value": "Hours a week must be between 1 and 80",
                        "max_value": "Hours a week must be between 1 and 80"},
    )
    course_or_job = forms.CharField(
        label="Course or job (optional)", required=False, max_length=200,
        help_text="For example, Level 2 Plumbing, or Kitchen assistant",
    )
    provider_or_employer = forms.CharField(
        label="College, university, training provider or employer (optional)", required=False,
        max_length=200,
    )
    neet_reason = forms.CharField(
        label="If they are not in education, employment or training, why? (optional)",
        required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In plain words, for example waiting for a course to start in September",
    )
    start_on = GOVUKDateField(
        label="When did they start?", subject="The date they started",
        help_text="For example, 1 9 2025",
        error_messages={"required": "Enter the date they started"},
    )
    end_on = GOVUKDateField(
        label="When did it end? (optional)", subject="The date it ended", required=False,
        help_text="Leave blank if they still do it: what they did before is ended the day before "
                  "this started. For example, 1 9 2025",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, activity=None, today=None, **kwargs):
        if activity is None and today is not None:
            kwargs.setdefault("initial", {}).setdefault("start_on", today)
        if activity is not None:
            kwargs.setdefault("initial", {
                "activity": activity_of(activity.activity_code),
                "hours_per_week": activity.hours_per_week,
                "course_or_job": activity.course_or_job,
                "provider_or_employer": activity.provider_or_employer,
                "neet_reason": activity.neet_reason,
                "start_on": activity.start_on,
                "end_on": activity.end_on,
                "version": activity.version,
            })
            self.submit_label = "Save changes"
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        return [
            Field.radios("activity", small=True),
            Field.text("hours_per_week", field_width=3),
            Field.text("course_or_job", field_width=Fluid.TWO_THIRDS),
            Field.text("provider_or_employer", field_width=Fluid.TWO_THIRDS),
            Field.textarea("neet_reason", rows=3),
            Field("start_on", context=_SMALL_LEGEND),
            Field("end_on", context=_SMALL_LEGEND),
            Field("version"),
        ]

    def clean(self):
        cleaned = super().clean()
        activity = cleaned.get("activity")
        hours = cleaned.get("hours_per_week")
        if activity and activity not in _NEET and hours is None and "hours_per_week" not in (
            self.errors
        ):
            self.add_error("hours_per_week", "Enter how many hours a week they do it, like 30")
        return cleaned

    def service_values(self) -> dict:
        data = self.cleaned_data
        code = activity_code(data["activity"], data["hours_per_week"])
        return {
            "activity_code": code,
            "hours_per_week": data["hours_per_week"] if is_eet(code) else None,
            "course_or_job": data["course_or_job"],
            "provider_or_employer": data["provider_or_employer"],
            "neet_reason": data["neet_reason"],
            "start_on": data["start_on"],
            "end_on": data["end_on"],
        }
