"""The pages of the service itself: home, the health check and the error pages."""

import sys

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views import defaults

from careleavers.record import build_home_panels


@login_required
def home(request):
    today = timezone.localdate()
    return render(request, "careleavers/home.html", {
        "role_template": _home_template(request.user),
        "panels": build_home_panels(user=request.user, today=today),
        "today": today,
    })


def _home_template(user) -> str:
    return f"careleavers/home/_{user.role or 'no_role'}.html"


def healthz(request):
    """For the load balancer and docker compose: the app is up and its database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


#: Seconds to wait before trying again while the database is away (a restart takes a few).
RETRY_AFTER_SECONDS = 30


def _error_page(request, template: str, status: int, **context) -> HttpResponse:
    # No context processors: they read the signed-in user and so the session, which live in
    # the database that may be what failed. The page needs only the settings.
    context = {"request": request, "service_name": settings.SERVICE_NAME,
               "council_name": settings.COUNCIL_NAME, **context}
    return HttpResponse(loader.render_to_string(template, context), status=status)


def _database_away(error: BaseException | None) -> bool:
    """Whether `error`, or what caused it, is the database not answering."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def service_unavailable(request) -> HttpResponse:
    """The database is briefly away (a restart, a fail-over): say so, and when to try again."""
    response = _error_page(request, "503.html", 503, retry_url=request.get_full_path())
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    # Django calls this while handling the exception, so it is still the one being handled.
    if _database_away(sys.exc_info()[1]):
        return service_unavailable(request)
    return _error_page(request, "500.html", 500)


def bad_request(request, exception):
    # A session that could not be saved because the database is away is not a bad request.
    if _database_away(exception):
        return service_unavailable(request)
    return defaults.bad_request(request, exception)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
