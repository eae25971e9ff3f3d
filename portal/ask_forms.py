"""Forms for what a young person asks on their own pages, and for their PA's answer."""

import copy

from crispy_forms_gds.layout import Field, Fluid, Size
from django import forms

from careleavers.forms import GDSFormMixin
from careleavers.record_forms import YoungPersonForm

from .models import SupportWish
from .services import TEXT_MAX_LENGTH


def _staff_field(name: str, label: str) -> forms.Field:
    """The staff form's own field, so a young person's phone, email and address are checked
    exactly as a PA's typing is; in the young person's words."""
    field = copy.deepcopy(YoungPersonForm.base_fields[name])
    field.label = label
    field.required = False
    return field


def _text_area(label: str, *, required: str = "", help_text: str = "") -> forms.CharField:
    errors = {"max_length": f"This must be {TEXT_MAX_LENGTH:,} characters or fewer"}
    if required:
        errors["required"] = required
    return forms.CharField(
        label=label, help_text=help_text, required=bool(required), max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}), error_messages=errors,
    )


class MessageForm(GDSFormMixin, forms.Form):
    submit_label = "Send message"

    text = _text_area("Your message", required="Write your message",
                      help_text=f"Up to {TEXT_MAX_LENGTH:,} characters. If you are in danger "
                                "now, call 999.")

    def layout_fields(self):
        return [Field.textarea("text", rows=6, label_size=Size.MEDIUM)]


class DetailsForm(GDSFormMixin, forms.Form):
    submit_label = "Send to your PA"

    phone = _staff_field("phone", "Phone number")
    email = _staff_field("email", "Email address")
    address = _staff_field("address", "Address")

    def layout_fields(self):
        return [
            Field.text("phone", field_width=20),
            Field.text("email", field_width=Fluid.FULL),
            Field.textarea("address", rows=4),
        ]

    def clean_address(self):
        return self.cleaned_data["address"].replace("\r\n", "\n")


class ReviewForm(GDSFormMixin, forms.Form):
    submit_label = "Ask for a review"

    text = _text_area("Why would you like your plan looked at again?",
                      required="Tell us why you would like your plan looked at again",
                      help_text="For example, you have moved, started a course or things have "
                                "changed at home")

    def layout_fields(self):
        return [Field.textarea("text", rows=6, label_size=Size.MEDIUM)]


class SupportForm(GDSFormMixin, forms.Form):
    """One choice, the one the rules let this young person make (see
    `services.support_wish_open_to`), so the page asks them to say it rather than pick it."""

    submit_label = "Send to your PA"

    support = forms.ChoiceField(widget=forms.HiddenInput)
    text = _text_area("Anything you would like to tell us (optional)")

    def __init__(self, *args, wish: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support"].choices = [(wish, SupportWish(wish).label)]
        self.fields["support"].initial = wish

    def layout_fields(self):
        return [Field("support"), Field.textarea("text", rows=4)]


DECISIONS = [("confirm", "Confirm it"), ("decline", "Say no")]


class DecideForm(GDSFormMixin, forms.Form):
    """The PA's answer to an ask: confirm it, or say no with a reason the young person sees."""

    submit_label = "Save"

    decision = forms.ChoiceField(
        label="What is your answer?", choices=DECISIONS, widget=forms.RadioSelect,
        error_messages={"required": "Select whether to confirm it or say no"},
    )
    decline_reason = forms.CharField(
        label="Why are you saying no?", required=False, max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only if you say no. They will see this on their own pages, so use words "
                  "they will understand.",
    )

    def layout_fields(self):
        return [
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.textarea("decline_reason", rows=4),
        ]

    def clean(self):
        cleaned = super().clean()
        cleaned["decline_reason"] = (cleaned.get("decline_reason") or "").strip()
        if cleaned.get("decision") == "decline" and not cleaned["decline_reason"]:
            self.add_error("decline_reason", "Enter why you are saying no: they will see this")
        return cleaned


class MarkReadForm(GDSFormMixin, forms.Form):
    submit_label = "Mark as read"

    def layout_fields(self):
        return []
