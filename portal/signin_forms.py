"""The forms for inviting a young person, withdrawing their access and signing in, in the GOV.UK
style. They check the shape of what was typed; the services check the rest."""

import re

from crispy_forms_gds.layout import Field, Fluid
from django import forms

from careleavers.forms import GDSFormMixin

_EMAIL_ERRORS = {
    "required": "Enter an email address",
    "invalid": "Enter an email address in the correct format, like name@example.com",
    "max_length": "The email address must be 254 characters or fewer",
}


class InviteForm(GDSFormMixin, forms.Form):
    submit_label = "Send the invitation"

    email = forms.EmailField(
        label="Their email address", max_length=254, error_messages=_EMAIL_ERRORS,
        help_text="We will email them a link to sign in. Each time they sign in, we email them "
                  "a code.",
    )

    def layout_fields(self):
        return [Field.text("email", field_width=Fluid.TWO_THIRDS, autocomplete="off",
                           spellcheck=False)]


class WithdrawAccessForm(GDSFormMixin, forms.Form):
    submit_label = "Withdraw access"

    reason = forms.CharField(
        label="Why are you withdrawing their access?", max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, their phone was lost or someone else has been using their email. "
                  "They are signed out at once.",
        error_messages={"required": "Enter why you are withdrawing their access",
                        "max_length": "The reason must be 2,000 characters or fewer"},
    )

    def layout_fields(self):
        return [Field.textarea("reason", rows=3)]


class SignInEmailForm(GDSFormMixin, forms.Form):
    submit_label = "Send me a code"

    email = forms.EmailField(
        label="Your email address", max_length=254, error_messages={
            **_EMAIL_ERRORS, "required": "Enter your email address"},
        help_text="The one your PA invited you with",
    )

    def layout_fields(self):
        return [Field.text("email", autocomplete="email", spellcheck=False)]


class SignInCodeForm(GDSFormMixin, forms.Form):
    submit_label = "Sign in"

    code = forms.CharField(
        label="Code", max_length=20,
        help_text="The 6 numbers in the email we sent you",
        error_messages={"required": "Enter the code from the email",
                        "max_length": "The code is 6 numbers, like 123456",
                        "null_characters_not_allowed": "The code is 6 numbers, like 123456"},
    )

    def layout_fields(self):
        return [Field.text("code", field_width=10, autocomplete="one-time-code",
                           inputmode="numeric", spellcheck=False)]

    def clean_code(self):
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"[0-9]{6}", code):
            raise forms.ValidationError("The code is 6 numbers, like 123456")
        return code
