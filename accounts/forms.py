"""The sign-in, password reset and second-factor forms."""

from crispy_forms_gds.layout import Field, Fluid
from django import forms
from django.contrib.auth import forms as auth_forms
from django.core import validators

from careleavers.forms import GDSFormMixin


class SignInForm(GDSFormMixin, auth_forms.AuthenticationForm):
    submit_label = "Sign in"
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your administrator.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        # Django sets the box's maxlength but does not check it: a longer name would reach the
        # sign-in lockout's record of failed attempts, which holds 255 characters, and fail.
        username.validators.append(validators.MaxLengthValidator(
            username.max_length, f"Username must be {username.max_length} characters or fewer",
        ))

    def layout_fields(self):
        return [
            Field.text("username", field_width=Fluid.TWO_THIRDS),
            Field.text("password", field_width=Fluid.TWO_THIRDS),
        ]


class PasswordResetForm(GDSFormMixin, auth_forms.PasswordResetForm):
    submit_label = "Send me a reset link"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Work email address"
        self.fields["email"].error_messages["required"] = "Enter your work email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@council.gov.uk"
        )


class SetPasswordForm(GDSFormMixin, auth_forms.SetPasswordForm):
    submit_label = "Save new password"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"


class OneTimeCodeForm(GDSFormMixin, forms.Form):
    """The six-digit code from the user's authenticator app, checked against their device."""

    submit_label = "Continue"
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code shown in the app, for example 123456",
        max_length=6,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def __init__(self, *args, device, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        return [Field.text("code", field_width=5)]

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("The code must be 6 numbers, like 123456")
        verified, _ = self.device.verify_is_allowed()
        if not verified or not self.device.verify_token(code):
            raise forms.ValidationError(
                "That code is not right or has run out. Enter the code the app shows now."
            )
        return code
