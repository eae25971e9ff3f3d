"""Forms for recording contacts and allocating Personal Advisers, in the GOV.UK style."""

import re
from datetime import datetime, time

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fixed, Fluid, Layout, Size, Submit
from django import forms
from django.db.models import Q
from django.utils import timezone

from careleavers.dates import long_date
from careleavers.forms import (
    GDSFormMixin,
    GOVUKDateField,
    RecordChoiceField,
    RecordMultipleChoiceField,
)
from careleavers.models import Role, User, YoungPerson

from .models import FACE_TO_FACE_TYPES, AllocationKind, ContactOutcome, ContactType
from .selectors import advisers_with_caseloads


class TimeOfDayField(forms.Field):
    """A time typed on the 24-hour clock, like 14:30 (9.30, 0930 and 2:30pm are understood)."""

    widget = forms.TextInput

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "maxlength": "8", "autocomplete": "off"}

    def to_python(self, value):
        text = str(value or "").strip().lower().replace(".", ":")
        if not text:
            return None
        match = re.fullmatch(r"(\d{1,2}):?(\d{2})\s*(am|pm)?", text) or re.fullmatch(
            r"(\d{1,2})()\s*(am|pm)", text
        )
        if match is None:
            raise forms.ValidationError("Enter the time on the 24-hour clock, like 14:30")
        hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
        if half == "pm" and hour < 12:
            hour += 12
        if half == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            raise forms.ValidationError("Enter a real time, like 14:30")
        return time(hour, minute)


class AdvisersFormMixin(GDSFormMixin):
    """GDSFormMixin with a named submit button, so several forms can share a page."""

    submit_name = "submit"
    submit_class = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lay_out()

    def lay_out(self):
        self.helper.layout = Layout(
            *self.layout_fields(),
            Submit(self.submit_name, self.submit_label, css_class=self.submit_class or None),
        )


class StaffChoiceField(RecordChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name()


class AdviserChoiceField(RecordChoiceField):
    """Personal Advisers with how many young people they hold, against their capacity."""

    def label_from_instance(self, adviser):
        held = adviser.caseload
        if adviser.caseload_capacity:
            load = f"{held} of {adviser.caseload_capacity}"
            if held >= adviser.caseload_capacity:
                load += ", full" if held == adviser.caseload_capacity else ", over capacity"
        else:
            load = f"{held} young {'person' if held == 1 else 'people'}"
        return f"{adviser.get_full_name()} ({load})"


SEEN_ALONE_CHOICES = [("yes", "Yes"), ("no", "No"), ("not_applicable", "Not applicable")]
_SEEN_ALONE_VALUES = {"yes": True, "no": False, "not_applicable": None, "": None}


class ContactForm(AdvisersFormMixin, forms.Form):
    """A visit, call or message. Date and time start at now and 'made by' at the user, so a
    Personal Adviser back from a visit chooses the type and outcome and saves."""

    submit_label = "Save contact"

    contact_at = GOVUKDateField(
        label="Date of contact", subject="The date of the contact",
        help_text="For example, 27 3 2026",
    )
    contact_time = TimeOfDayField(
        label="Time", help_text="On the 24-hour clock, for example 14:30",
        error_messages={"required": "Enter the time of the contact, like 14:30"},
    )
    contact_type = forms.ChoiceField(
        label="Type of contact", choices=ContactType.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select the type of contact"},
    )
    outcome = forms.ChoiceField(
        label="What happened", choices=ContactOutcome.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )
    seen_alone = forms.ChoiceField(
        label="If you met in person, did you see them on their own?",
        choices=SEEN_ALONE_CHOICES, widget=forms.RadioSelect, required=False,
        help_text="Not asked for a phone or video call, a message or an email",
    )
    location = forms.CharField(
        label="Where (optional)", required=False, max_length=200,
        help_text="For example, their flat, the office or a café",
    )
    made_by = StaffChoiceField(
        label="Who made the contact", queryset=User.objects.none(), empty_label=None,
        help_text="Change this if you are recording a colleague’s visit",
        error_messages={"required": "Select who made the contact",
                        "invalid_choice": "Select someone from the young person’s team"},
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, young_person, user, contact=None, **kwargs):
        self.now = timezone.localtime()
        if contact is None:
            kwargs.setdefault("initial", {}).update(
                contact_at=self.now.date(), contact_time=self.now.strftime("%H:%M"),
                made_by=user.pk,
            )
        else:
            when = timezone.localtime(contact.contact_at)
            seen_alone = {True: "yes", False: "no", None: "not_applicable"}[contact.seen_alone]
            kwargs.setdefault("initial", {}).update(
                contact_at=when.date(), contact_time=when.strftime("%H:%M"),
                contact_type=contact.contact_type, outcome=contact.outcome,
                seen_alone=seen_alone, location=contact.location, made_by=contact.made_by_id,
                notes=contact.notes, version=contact.version,
            )
        super().__init__(*args, **kwargs)
        team_staff = Q(role=Role.PERSONAL_ADVISER, is_active=True, teams=young_person.team_id)
        also = Q(pk=user.pk) | (Q(pk=contact.made_by_id) if contact else Q(pk__in=[]))
        self.fields["made_by"].queryset = (
            User.objects.filter(team_staff | also).distinct().order_by("full_name", "username")
        )

    def layout_fields(self):
        return [
            Field("contact_at", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text("contact_time", field_width=Fixed.FIVE),
            Field.radios("contact_type", legend_size=Size.SMALL, small=True),
            Field.radios("outcome", legend_size=Size.SMALL, small=True),
            Field.radios("seen_alone", legend_size=Size.SMALL, small=True),
            Field.text("location", field_width=Fluid.TWO_THIRDS),
            Field.select("made_by"),
            Field.textarea("notes", rows=5),
            Field("version"),
        ]

    def clean(self):
        cleaned = super().clean()
        day, at = cleaned.get("contact_at"), cleaned.get("contact_time")
        if day is not None and day > self.now.date():
            self.add_error("contact_at", "The date of the contact must be today or in the past")
        elif day is not None and at is not None:
            when = timezone.make_aware(datetime.combine(day, at))
            if when > self.now:
                self.add_error("contact_time", "The time must be now or earlier today")
            else:
                cleaned["contact_at"] = when
        cleaned["seen_alone"] = _SEEN_ALONE_VALUES[cleaned.get("seen_alone") or ""]
        kind = cleaned.get("contact_type")
        if kind and kind not in FACE_TO_FACE_TYPES and cleaned["seen_alone"] is not None:
            self.add_error("seen_alone", "Select ‘Not applicable’ for a phone or video call, a "
                                         "message or an email: they were not met in person")
        return cleaned

    def contact_values(self) -> dict:
        data = self.cleaned_data
        return {
            "contact_at": data["contact_at"], "contact_type": data["contact_type"],
            "outcome": data["outcome"], "seen_alone": data["seen_alone"],
            "location": data["location"], "notes": data["notes"],
        }


class AllocateForm(AdvisersFormMixin, forms.Form):
    """Allocate a Personal Adviser, or choose a new one (the current allocation ends the day
    before the new one starts)."""

    submit_name = "allocate"
    submit_label = "Allocate"

    adviser = AdviserChoiceField(label="Personal Adviser", queryset=User.objects.none(),
                                 empty_label="Choose a Personal Adviser")
    start_on = GOVUKDateField(label="Start date", subject="The start date",
                              help_text="For example, 27 3 2026")
    reason = forms.CharField(label="Reason (optional)", required=False, max_length=200,
                             help_text="For example, new to the service, or moved area")

    def __init__(self, *args, young_person, today, reallocating=False, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("start_on", today)
        super().__init__(*args, **kwargs)
        adviser = self.fields["adviser"]
        adviser.queryset = advisers_with_caseloads(young_person.team, today=today)
        adviser.error_messages = {
            "required": "Select a Personal Adviser",
            "invalid_choice": f"Select a Personal Adviser in the {young_person.team.called}",
        }
        if reallocating:
            adviser.label = "New Personal Adviser"
            self.submit_label = "Change Personal Adviser"
            self.lay_out()

    def layout_fields(self):
        return [
            Field.select("adviser"),
            Field("start_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text("reason", field_width=Fluid.TWO_THIRDS),
        ]


class CoverForm(AdvisersFormMixin, forms.Form):
    """A colleague covering for a while, for example during leave."""

    submit_name = "add_cover"
    submit_label = "Add cover"
    submit_class = "govuk-button--secondary"

    adviser = AdviserChoiceField(label="Colleague covering", queryset=User.objects.none(),
                                 empty_label="Choose a colleague")
    start_on = GOVUKDateField(label="Start date", subject="The start date",
                              help_text="For example, 27 3 2026")
    end_on = GOVUKDateField(label="End date (optional)", subject="The end date",
                            required=False, help_text="Leave blank if you do not know yet")
    reason = forms.CharField(label="Reason (optional)", required=False, max_length=200,
                             help_text="For example, Personal Adviser on leave")

    def __init__(self, *args, young_person, today, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("start_on", today)
        super().__init__(*args, **kwargs)
        adviser = self.fields["adviser"]
        adviser.queryset = advisers_with_caseloads(young_person.team, today=today)
        adviser.error_messages = {
            "required": "Select a colleague to cover",
            "invalid_choice": f"Select a Personal Adviser in the {young_person.team.called}",
        }

    def layout_fields(self):
        return [
            Field.select("adviser"),
            Field("start_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field("end_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text("reason", field_width=Fluid.TWO_THIRDS),
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_on"), cleaned.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", "The end date must be on or after the start date")
        return cleaned


class AllocationChoiceField(RecordChoiceField):
    def label_from_instance(self, allocation):
        role = ("Personal Adviser" if allocation.kind == AllocationKind.PERSONAL_ADVISER
                else "covering")
        return (f"{allocation.adviser.get_full_name()}, {role} since "
                f"{long_date(allocation.start_on)}")


class EndAllocationForm(AdvisersFormMixin, forms.Form):
    submit_name = "end_allocation"
    submit_label = "End allocation"
    submit_class = "govuk-button--warning"

    allocation = AllocationChoiceField(
        label="Which allocation is ending?", queryset=None, widget=forms.RadioSelect,
        empty_label=None, error_messages={"required": "Select the allocation that is ending",
                                          "invalid_choice": "Select the allocation that is ending"},
    )
    end_on = GOVUKDateField(label="Last day", subject="The last day",
                            help_text="The last day they are responsible, for example 27 3 2026")
    reason = forms.CharField(label="Reason", max_length=200,
                             error_messages={"required": "Enter why the allocation is ending"},
                             help_text="For example, left the service, or no longer needs a PA")

    def __init__(self, *args, allocations, today, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("end_on", today)
        super().__init__(*args, **kwargs)
        self.fields["allocation"].queryset = allocations

    def layout_fields(self):
        return [
            Field.radios("allocation", legend_size=Size.SMALL, small=True),
            Field("end_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text("reason", field_width=Fluid.TWO_THIRDS),
        ]


MOVE_KINDS = [
    Choice(AllocationKind.PERSONAL_ADVISER.value, "A new Personal Adviser",
           hint="A lasting change from the start date: their Personal Adviser’s allocation "
                "ends the day before"),
    Choice(AllocationKind.COVER.value, "A colleague covering for a while",
           hint="For example, while their Personal Adviser is off sick or on leave: their "
                "Personal Adviser stays the same"),
]


class MoveForm(AdvisersFormMixin, forms.Form):
    """Move several young people of one team to another Personal Adviser, or to a colleague
    covering, together. The page draws the young people's checkboxes itself, grouped by the
    Personal Adviser they have now; the rest is laid out here."""

    submit_name = "check"
    submit_label = "Continue"

    young_people = RecordMultipleChoiceField(
        label="Who is moving?", queryset=YoungPerson.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the young people to move",
                        "invalid_choice": "Select young people in your team"},
    )
    kind = forms.ChoiceField(
        label="What kind of change is it?", choices=MOVE_KINDS, widget=forms.RadioSelect,
        initial=AllocationKind.PERSONAL_ADVISER.value,
        error_messages={"required": "Select a new Personal Adviser or a colleague covering"},
    )
    adviser = AdviserChoiceField(label="Who are they moving to?", queryset=User.objects.none(),
                                 empty_label="Choose a Personal Adviser")
    start_on = GOVUKDateField(label="Start date", subject="The start date",
                              help_text="For example, 27 3 2026")
    end_on = GOVUKDateField(
        label="End date, for cover only (optional)", subject="The end date", required=False,
        help_text="The last day the colleague covers. Leave blank for a new Personal Adviser, "
                  "or if you do not know yet",
    )
    reason = forms.CharField(
        label="Reason", max_length=200,
        error_messages={"required": "Enter why they are moving"},
        help_text="For example, Personal Adviser leaving, or off sick",
    )

    def __init__(self, *args, team, user, today, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("start_on", today)
        super().__init__(*args, **kwargs)
        self.fields["young_people"].queryset = YoungPerson.objects.visible_to(user)
        adviser = self.fields["adviser"]
        adviser.queryset = advisers_with_caseloads(team, today=today)
        adviser.error_messages = {
            "required": "Select who they are moving to",
            "invalid_choice": f"Select a Personal Adviser in the {team.called}",
        }

    def layout_fields(self):
        # The young people's checkboxes are drawn by the page (advisers/_move_checkboxes.html).
        return [
            Field.radios("kind", legend_size=Size.MEDIUM),
            Field.select("adviser"),
            Field("start_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field("end_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text("reason", field_width=Fluid.TWO_THIRDS),
        ]

    def clean(self):
        cleaned = super().clean()
        kind, start, end = cleaned.get("kind"), cleaned.get("start_on"), cleaned.get("end_on")
        if kind == AllocationKind.PERSONAL_ADVISER and end is not None:
            self.add_error("end_on", "Leave the end date blank for a new Personal Adviser: only "
                                     "cover has an end date")
        elif start and end and end < start:
            self.add_error("end_on", "The end date must be on or after the start date")
        return cleaned
