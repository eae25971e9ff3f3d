"""Staff sign-in: password, lockout, password reset, the second factor and staying signed in."""

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from .forms import OneTimeCodeForm, PasswordResetForm, SetPasswordForm, SignInForm

_TIMED_OUT_MESSAGES = {
    "idle": "You were signed out because you had not done anything for 30 minutes.",
    "absolute": "You were signed out because you had been signed in for 12 hours.",
}


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/sign_in.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timed_out_message"] = _TIMED_OUT_MESSAGES.get(self.request.GET.get("timed_out"))
        return context


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "registration/password_reset.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "registration/password_reset_confirm.html"


@login_required
@require_POST
def keep_alive(request):
    """The 'Stay signed in' button: any request resets the idle clock in the middleware."""
    return JsonResponse({"signed_in": True})


def _next_url(request) -> str:
    """Where to go once the code is right: a page of this service, or the home page. Only a
    path will do: redirect() would take any other word for the name of a view, and fail."""
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return "/"


# The key of the authenticator app being set up, kept in the session until its first code is
# entered: opening the setup page stores nothing else.
_PENDING_TOTP_KEY = "two_factor_pending_key"


@never_cache
@login_required
def two_factor_setup(request):
    """First sign-in with MFA required: add an authenticator app by scanning a QR code.

    Showing the page saves no device. The key the QR code shows is kept in the session, so the
    code the user then enters is checked against the very key they scanned; the device is saved
    when they send a code (unconfirmed, so wrong codes are slowed down as at every sign-in), and
    confirmed once the code is right."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("two-factor-verify")
    key = _pending_totp_key(request)
    if request.method == "POST":
        device = _unconfirmed_device(request.user, key)
    else:
        device = TOTPDevice(user=request.user, key=key, confirmed=False)
    form = OneTimeCodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        del request.session[_PENDING_TOTP_KEY]
        otp_login(request, device)
        return redirect(_next_url(request))
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": buffer.getvalue().decode(),
            "secret": _base32(device.bin_key),
            "next": _next_url(request),
        },
    )


def _pending_totp_key(request) -> str:
    """The key being set up: this session's, else that of an app already sent a code for."""
    key = request.session.get(_PENDING_TOTP_KEY)
    if not key:
        unconfirmed = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        key = unconfirmed.key if unconfirmed else random_hex(20)
        request.session[_PENDING_TOTP_KEY] = key
    return key


def _unconfirmed_device(user, key: str) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        return TOTPDevice.objects.create(user=user, key=key, confirmed=False,
                                         name="Authenticator app")
    if device.key != key:
        device.key = key
        device.save(update_fields=["key"])
    return device


@never_cache
@login_required
def two_factor_verify(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("two-factor-setup")
    form = OneTimeCodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next_url(request))
    return render(request, "registration/two_factor_verify.html", {"form": form,
                                                                   "next": _next_url(request)})


def _base32(key: bytes) -> str:
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
