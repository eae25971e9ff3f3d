"""The record's "Their own access" page for staff: whether the young person may use their own
pages, the invitation and its withdrawal, and what they opened. Thin: authorise through
careleavers.access, bind the form, call the service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from careleavers.access import can_edit_young_person, get_young_person_for

from .selectors import accesses_of, visits_of
from .services import access_invite, access_withdraw
from .signin_forms import InviteForm, WithdrawAccessForm


@login_required
def own_access(request, pk):
    """The page; a POST invites them."""
    user = request.user
    posting = request.method == "POST"
    young_person = get_young_person_for(user, pk, write=posting,
                                        log_view="" if posting else "their own access")
    form = InviteForm(request.POST if posting else None,
                      initial={"email": young_person.email})
    if posting and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            access_invite(actor=user, young_person=young_person, email=email,
                          sign_in_url=request.build_absolute_uri(reverse("portal-sign-in")))
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Invitation sent to {email}")
            return redirect("portal-own-access", pk=young_person.pk)
    return _page(request, young_person, invite_form=form)


@require_POST
@login_required
def withdraw(request, pk):
    user = request.user
    young_person = get_young_person_for(user, pk, write=True)
    current = accesses_of(young_person).current
    form = WithdrawAccessForm(request.POST)
    if current is None:
        form.add_error(None, "They have no access to withdraw.")
    elif form.is_valid():
        try:
            access_withdraw(actor=user, access=current, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Their access is withdrawn. They are signed out.")
            return redirect("portal-own-access", pk=young_person.pk)
    return _page(request, young_person, withdraw_form=form)


def _page(request, young_person, *, invite_form=None, withdraw_form=None):
    user = request.user
    today = timezone.localdate()
    accesses = accesses_of(young_person)
    can_change = can_edit_young_person(user, young_person)
    current = accesses.current
    usable = current is not None and current.usable_at(timezone.now())
    # A form that was sent back with an error is shown again, whichever it was.
    if invite_form is not None and invite_form.is_bound:
        form = invite_form
    elif withdraw_form is not None:
        form = withdraw_form
    elif can_change and not usable:
        form = InviteForm(initial={"email": young_person.email})
    elif can_change:
        form = WithdrawAccessForm()
    else:
        form = None
    return render(request, "portal/own_access.html", {
        "young_person": young_person,
        "today": today,
        "can_edit": can_change,
        "form": form,
        "inviting": isinstance(form, InviteForm),
        "accesses": accesses,
        "current": current,
        "latest": accesses.latest,
        "usable": usable,
        "sign_in_link": request.build_absolute_uri(reverse("portal-sign-in")),
        "visits": visits_of(young_person),
    })
