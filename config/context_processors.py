from django.conf import settings

from .navigation import navigation_for


def service(request):
    user = getattr(request, "user", None)
    return {
        "service_name": settings.SERVICE_NAME,
        "council_name": settings.COUNCIL_NAME,
        "navigation": navigation_for(user) if user is not None else [],
        "session_idle_seconds": int(settings.SESSION_IDLE_TIMEOUT.total_seconds()),
        "session_warning_seconds": int(settings.SESSION_IDLE_WARNING.total_seconds()),
    }
