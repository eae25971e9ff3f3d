from django import forms
from django.contrib import admin

from careleavers.admin import HistoryAdmin
from eligibility.rules import Status

from .models import Entitlement
from .rules import pence_from_pounds, pounds
from .services import entitlement_save


class PoundsField(forms.CharField):
    """Pounds typed in ('3,000' or '49.99'), held as pence."""

    def prepare_value(self, value):
        if isinstance(value, int):
            return pounds(value).removeprefix("£").replace(",", "")
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return pence_from_pounds(text)
        except ValueError:
            raise forms.ValidationError("Enter an amount in pounds, like 3000 or 49.99") from None


class EntitlementForm(forms.ModelForm):
    amount_pence = PoundsField(
        label="Amount (£)", required=False,
        help_text="Blank for help that is not money, such as council tax exemption",
    )
    manager_over_pence = PoundsField(
        label="A manager agrees requests over (£)", initial="0",
        help_text="0: a manager agrees every request. Requests up to this are agreed as they "
                  "are asked for.",
    )
    statuses = forms.MultipleChoiceField(
        label="Who can have it", choices=Status.choices, widget=forms.CheckboxSelectMultiple,
        help_text="Their statutory status now",
    )

    class Meta:
        model = Entitlement
        fields = ["key", "name", "description", "amount_pence", "paid", "statuses",
                  "youngest_age", "oldest_age", "manager_over_pence", "order", "active"]

    def clean(self):
        cleaned = super().clean()
        youngest, oldest = cleaned.get("youngest_age"), cleaned.get("oldest_age")
        if youngest is not None and oldest is not None and oldest < youngest:
            self.add_error("oldest_age", "The oldest age must be the same as or more than the "
                                         "youngest")
        return cleaned


@admin.register(Entitlement)
class EntitlementAdmin(HistoryAdmin):
    """The council's local offer (DOMAIN.md §7): what care leavers can have, how much, who
    qualifies and when a manager must agree. Never deleted: untick "offered now" to retire one,
    and what was paid from it is kept."""

    form = EntitlementForm
    list_display = ["name", "amount_shown", "paid", "ages", "limit", "active"]
    list_filter = ["active"]
    ordering = ["order", "name"]

    @admin.display(description="Amount")
    def amount_shown(self, entitlement):
        return entitlement.amount

    @admin.display(description="Ages")
    def ages(self, entitlement):
        return f"{entitlement.youngest_age} to {entitlement.oldest_age}"

    @admin.display(description="A manager agrees over")
    def limit(self, entitlement):
        return pounds(entitlement.manager_over_pence, whole=True)

    def save_model(self, request, obj, form, change):
        entitlement_save(actor=request.user, entitlement=obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        # Payments and requests point at it; retire it instead.
        return False
