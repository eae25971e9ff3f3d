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
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@never_cache
@login_required
def two_factor_setup(request):
    """First sign-in with MFA required: add an authenticator app by scanning a QR code."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("two-factor-verify")
    device, _ = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    form = OneTimeCodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
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
