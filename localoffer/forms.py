"""The local offer's forms, in the GOV.UK style. They check the shape of what was typed (an
amount of money, a date); the services check what is left and who may agree."""

from crispy_forms_gds.layout import Field, Fluid, Size
from django import forms

from careleavers.forms import GDSFormMixin, GOVUKDateField

from .rules import PaymentMethod, pence_from_pounds, pounds

_SMALL_LEGEND = {"legend_size": Size.for_legend(Size.SMALL)}
AMOUNT_HINT = "In pounds, for example 250 or 49.99"


def _text(value) -> str:
    return (value or "").replace("\r\n", "\n").strip()


class AmountField(forms.CharField):
    """An amount of money typed in pounds ('250', '£1,200.50'), cleaned to whole pence."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "spellcheck": "false"})

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            pence = pence_from_pounds(text)
        except ValueError:
            raise forms.ValidationError(
                "Enter the amount in pounds and pence, like 250 or 49.99") from None
        if pence == 0:
            raise forms.ValidationError("Enter an amount of more than £0")
        return pence


class AskForm(GDSFormMixin, forms.Form):
    submit_label = "Ask for it"

    entitlement = forms.ChoiceField(
        label="What are they asking for?", widget=forms.RadioSelect,
        error_messages={"required": "Select what they are asking for",
                        "invalid_choice": "Select one of the things they can have"},
    )
    amount = AmountField(
        label="How much?", required=False,
        help_text=f"{AMOUNT_HINT}. Leave blank for help that is not money, such as council tax "
                  "exemption.",
    )
    reason = forms.CharField(
        label="What is it for?", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In plain words, for example a bed, a cooker and a fridge for their new flat",
        error_messages={"required": "Enter what it is for"},
    )

    def __init__(self, *args, offer=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = {str(line.entitlement.pk): line for line in offer if line.can_have}
        self.fields["entitlement"].choices = [
            (key, _choice_label(line)) for key, line in self.lines.items()
        ]

    def layout_fields(self):
        return [
            Field.radios("entitlement", legend_size=Size.MEDIUM, small=True),
            Field.text("amount", field_width=10),
            Field.textarea("reason", rows=4),
        ]

    def clean(self):
        cleaned = super().clean()
        cleaned["reason"] = _text(cleaned.get("reason"))
        line = self.lines.get(cleaned.get("entitlement") or "")
        if line is not None:
            cleaned["entitlement"] = line.entitlement
            if line.entitlement.is_money and cleaned.get("amount") is None and \
                    "amount" not in self.errors:
                self.add_error("amount", "Enter how much they are asking for")
        return cleaned


def _choice_label(line) -> str:
    entitlement = line.entitlement
    if not entitlement.is_money:
        return f"{entitlement.name} (not money)"
    return f"{entitlement.name}: {pounds(line.left_to_ask_pence)} left to ask for"


DECISIONS = [("agree", "Agree it"), ("decline", "Decline it")]


class DecideForm(GDSFormMixin, forms.Form):
    submit_label = "Save decision"

    decision = forms.ChoiceField(
        label="What is your decision?", choices=DECISIONS, widget=forms.RadioSelect,
        error_messages={"required": "Select whether to agree or decline it"},
    )
    decision_reason = forms.CharField(
        label="Why is it declined?", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only if you decline it. Their Personal Adviser will see this.",
    )

    def layout_fields(self):
        return [
            Field.radios("decision", legend_size=Size.MEDIUM),
            Field.textarea("decision_reason", rows=4),
        ]

    def clean(self):
        cleaned = super().clean()
        cleaned["decision_reason"] = _text(cleaned.get("decision_reason"))
        if cleaned.get("decision") == "decline" and not cleaned["decision_reason"]:
            self.add_error("decision_reason", "Enter why it is declined")
        return cleaned


class PaymentForm(GDSFormMixin, forms.Form):
    submit_label = "Record the payment"

    paid_on = GOVUKDateField(
        label="When was it paid?", subject="The date it was paid",
        error_messages={"required": "Enter the date it was paid"},
    )
    amount = AmountField(label="How much was paid?", help_text=AMOUNT_HINT,
                         error_messages={"required": "Enter how much was paid"})
    method = forms.ChoiceField(
        label="How was it paid?", choices=PaymentMethod.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select how it was paid"},
    )
    reference = forms.CharField(
        label="Reference (optional)", required=False, max_length=100,
        help_text="The finance system's or the supplier's reference",
    )

    def __init__(self, *args, today=None, **kwargs):
        if today is not None:
            kwargs.setdefault("initial", {}).setdefault("paid_on", today)
        super().__init__(*args, **kwargs)

    def layout_fields(self):
        return [
            Field("paid_on", context=_SMALL_LEGEND),
            Field.text("amount", field_width=10),
            Field.radios("method", legend_size=Size.SMALL, small=True),
            Field.text("reference", field_width=Fluid.ONE_HALF),
        ]


class CancelPaymentForm(GDSFormMixin, forms.Form):
    submit_label = "Cancel the payment"

    cancel_reason = forms.CharField(
        label="Why is it cancelled?", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, paid twice by mistake. The payment is kept, marked cancelled.",
        error_messages={"required": "Enter why the payment is cancelled"},
    )

    def layout_fields(self):
        return [Field.textarea("cancel_reason", rows=4)]

    def clean_cancel_reason(self):
        return _text(self.cleaned_data.get("cancel_reason"))


class PaymentsFileForm(GDSFormMixin, forms.Form):
    submit_label = "Download the payments (CSV)"

    since = GOVUKDateField(label="Paid from", subject="The first day",
                           error_messages={"required": "Enter the first day"})
    until = GOVUKDateField(label="Paid to", subject="The last day",
                           error_messages={"required": "Enter the last day"})

    def layout_fields(self):
        return [Field("since", context=_SMALL_LEGEND), Field("until", context=_SMALL_LEGEND)]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The last day must be the same as or after the first day")
        return cleaned
