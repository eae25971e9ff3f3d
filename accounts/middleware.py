import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django_otp.plugins.otp_totp.models import TOTPDevice

# Pages a signed-in user may reach before their second factor is checked.
_SECOND_FACTOR_OPEN = ("sign-out", "two-factor-setup", "two-factor-verify", "healthz")


def _sign_in_again(request, reason):
    logout(request)
    query = {"timed_out": reason}
    if request.method == "GET":
        query["next"] = request.get_full_path()
    return redirect(f"{reverse('sign-in')}?{urlencode(query)}")


class SessionTimeoutMiddleware:
    """Ends a session after 30 minutes without a request, and 12 hours after sign-in.

    The page warns two minutes before the idle limit (static/src/timeout.mjs) and offers to stay
    signed in; a request to the keep-alive URL counts as activity like any other.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in_at = session.setdefault("signed_in_at", now)
            last_seen = session.get("last_seen", now)
            if now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds():
                return _sign_in_again(request, "absolute")
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT.total_seconds():
                return _sign_in_again(request, "idle")
            session["last_seen"] = now
        return self.get_response(request)


class RequireSecondFactorMiddleware:
    """When REQUIRE_MFA is on, nothing opens until the user has passed their TOTP check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.REQUIRE_MFA
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(settings.STATIC_URL)
        ):
            match = request.resolver_match or _resolve(request.path_info)
            if match is None or match.url_name not in _SECOND_FACTOR_OPEN:
                has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
                target = "two-factor-verify" if has_device else "two-factor-setup"
                return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """Nothing a signed-in user is sent is kept by the browser or a proxy: on a shared council PC
    the back button after sign-out must not bring a young person's record back. Static files
    (served before this by WhiteNoise) and pages for signed-out visitors stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


def _resolve(path):
    try:
        return resolve(path)
    except Resolver404:
        return None
