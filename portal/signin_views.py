"""Signing in to the young person's own pages with a code sent by email, and signing out.
Whatever email is typed, the answer is the same: nobody learns whose email the service knows."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .access import (
    TIMED_OUT_KEY,
    end_session,
    record_visit,
    signed_in_access,
    staff_not_young_person,
    start_session,
)
from .services import sign_in_code_check, sign_in_code_send
from .signin_forms import SignInCodeForm, SignInEmailForm

#: The email typed on the first page, waiting for its code on the second.
EMAIL_KEY = "portal_sign_in_email"

TIMED_OUT = {
    "idle": "You were signed out because you had not done anything for a while. "
            "Sign in again to carry on.",
    "absolute": "You were signed out because you had been signed in for a long time. "
                "Sign in again to carry on.",
}


def sign_in(request):
    """Their email address; a code is sent if it is one the service knows."""
    if request.user.is_authenticated:
        return staff_not_young_person(request)
    if signed_in_access(request) is not None:
        return redirect("portal-home")
    form = SignInEmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        sign_in_code_send(email=email)
        request.session[EMAIL_KEY] = email
        return redirect("portal-sign-in-code")
    return render(request, "portal/sign_in.html", {
        "form": form, "timed_out": TIMED_OUT.get(request.session.pop(TIMED_OUT_KEY, "")),
    })


def sign_in_code(request):
    """The code from the email: signs them in, on a new session key."""
    if request.user.is_authenticated:
        return staff_not_young_person(request)
    email = request.session.get(EMAIL_KEY)
    if not email:
        return redirect("portal-sign-in")
    form = SignInCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        checked = sign_in_code_check(email=email, code=form.cleaned_data["code"])
        if checked.access is not None:
            start_session(request, checked.access)
            request.session.pop(EMAIL_KEY, None)
            return redirect("portal-home")
        form.add_error("code", checked.refusal)
    return render(request, "portal/sign_in_code.html", {
        "form": form, "email": email, "code_minutes": settings.PORTAL_CODE_MINUTES})


@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        return staff_not_young_person(request)
    access = signed_in_access(request)
    if access is not None:
        request.portal_access = access
        record_visit(request, "Signed out")
    end_session(request)
    messages.success(request, "You have signed out")
    return redirect("portal-sign-in")
