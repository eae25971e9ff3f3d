"""Sign-in lockout: an account locks after AXES_FAILURE_LIMIT wrong passwords, from anywhere;
one internet address pauses only after SIGN_IN_ADDRESS_LIMIT wrong passwords, for any accounts.

A whole office often reaches the service through one address, on the same managed browser, so
the address limit is far above the account limit: one person's mistakes never lock colleagues
out, while someone trying many accounts from one place is still stopped. Both limits count
axes' own records of wrong passwords (AccessAttempt), over the same cool-off.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


class SignInLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, with a pause on an address that has too many wrong passwords.

    Axes asks `is_locked` before any password is checked (AxesStandaloneBackend comes first in
    AUTHENTICATION_BACKENDS), so a paused address is refused even with a right password."""

    def address_failures(self, request) -> int:
        """Wrong passwords from the request's address, for any usernames, in the cool-off."""
        if not request.axes_ip_address:
            return 0
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def address_is_paused(self, request) -> bool:
        return self.address_failures(request) >= settings.SIGN_IN_ADDRESS_LIMIT

    def account_is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials)

    def is_locked(self, request, credentials=None) -> bool:
        return self.account_is_locked(request, credentials) or self.address_is_paused(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        """Axes records the wrong password and locks the account at its limit; the try that
        brings the address to its limit (and each try while it is paused) gets the locked page
        the same way."""
        super().user_login_failed(sender, credentials, request, **kwargs)
        if (
            request is None
            or request.axes_locked_out
            or self.is_whitelisted(request, credentials)
            or not self.address_is_paused(request)
        ):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )


def lockout_response(request, original_response=None, credentials=None):
    """The locked-out page, for a locked account and a paused address alike (AXES_LOCKOUT_CALLABLE),
    with the wait in minutes."""
    cool_off = settings.AXES_COOLOFF_TIME
    handler = AxesProxyHandler.get_implementation()
    account_locked = (
        handler.account_is_locked(request, credentials)
        if isinstance(handler, SignInLockoutHandler)
        else True
    )
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {
            "address_paused": not account_locked,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
