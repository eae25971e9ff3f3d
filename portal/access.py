"""Who the young person on a portal page is. A portal page never takes a young person's id
from the address: it is the one whose access the session holds, so another young person's
anything cannot be asked for by guessing numbers.

A young person's session is short: it ends after `PORTAL_SESSION_IDLE` without a request and
`PORTAL_SESSION_ABSOLUTE` after signing in, whatever happens (settings)."""

import time
from functools import wraps

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .models import Access, PortalVisit

#: The session key holding the id of the signed-in young person's access.
SESSION_KEY = "portal_access_id"
_SIGNED_IN_AT = "portal_signed_in_at"
_LAST_SEEN = "portal_last_seen"
#: Why the last session ended by itself ("idle" or "absolute"), for the sign-in page to say.
TIMED_OUT_KEY = "portal_timed_out"


def _forget(session) -> None:
    for key in (SESSION_KEY, _SIGNED_IN_AT, _LAST_SEEN):
        session.pop(key, None)


def signed_in_access(request) -> Access | None:
    """The access this session signed in with, if it may still be used; None otherwise (and a
    withdrawn access, or a session that has run its time, is forgotten by the session at once)."""
    session = request.session
    access_id = session.get(SESSION_KEY)
    if access_id is None:
        return None
    now = time.time()
    signed_in_at = session.setdefault(_SIGNED_IN_AT, now)
    last_seen = session.get(_LAST_SEEN, now)
    if now - signed_in_at > settings.PORTAL_SESSION_ABSOLUTE.total_seconds():
        _forget(session)
        session[TIMED_OUT_KEY] = "absolute"
        return None
    if now - last_seen > settings.PORTAL_SESSION_IDLE.total_seconds():
        _forget(session)
        session[TIMED_OUT_KEY] = "idle"
        return None
    access = (Access.objects.select_related("young_person", "young_person__team")
              .filter(pk=access_id).first())
    if access is None or not access.usable_at(timezone.now()):
        _forget(session)
        return None
    session[_LAST_SEEN] = now
    return access


def start_session(request, access: Access) -> None:
    """This browser is now signed in as the young person of `access`: a new session key, so a
    key known before signing in is worth nothing after."""
    request.session.cycle_key()
    now = time.time()
    request.session[SESSION_KEY] = access.pk
    request.session[_SIGNED_IN_AT] = now
    request.session[_LAST_SEEN] = now
    request.session.pop(TIMED_OUT_KEY, None)


def end_session(request) -> None:
    request.session.flush()


def staff_not_young_person(request):
    """A member of staff signed in to the staff side is not a young person: they are told so,
    and shown nothing of any young person's own pages."""
    return render(request, "portal/staff_not_young_person.html", status=403)


def young_person_required(view):
    """A portal page: only for a signed-in young person, whose access sets
    `request.portal_access` and `request.young_person`; anyone else goes to the portal's
    sign-in (a signed-in member of staff is told these pages are not for them)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return staff_not_young_person(request)
        access = signed_in_access(request)
        if access is None:
            return redirect("portal-sign-in")
        request.portal_access = access
        request.young_person = access.young_person
        response = view(request, *args, **kwargs)
        # Nothing of theirs is kept by the browser: on a shared phone, the back button after
        # signing out must not bring their pages back.
        add_never_cache_headers(response)
        return response

    return wrapper


def record_visit(request, page: str) -> None:
    """The signed-in young person opened `page` (plain words: "your plan"): kept in their
    record's access log, which their PA sees."""
    PortalVisit.objects.create(access=request.portal_access, page=page)
