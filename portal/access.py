"""Who the young person on a portal page is. A portal page never takes a young person's id
from the address: it is the one whose access the session holds, so another young person's
anything cannot be asked for by guessing numbers."""

from functools import wraps

from django.shortcuts import redirect
from django.utils import timezone

from .models import Access

#: The session key holding the id of the signed-in young person's access.
SESSION_KEY = "portal_access_id"


def signed_in_access(request) -> Access | None:
    """The access this session signed in with, if it may still be used; None otherwise (and a
    withdrawn access is forgotten by the session at once)."""
    access_id = request.session.get(SESSION_KEY)
    if access_id is None:
        return None
    access = (Access.objects.select_related("young_person", "young_person__team")
              .filter(pk=access_id).first())
    if access is None or not access.usable_at(timezone.now()):
        request.session.pop(SESSION_KEY, None)
        return None
    return access


def young_person_required(view):
    """A portal page: only for a signed-in young person, whose access sets
    `request.portal_access` and `request.young_person`; anyone else goes to the portal's
    sign-in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        access = signed_in_access(request)
        if access is None:
            return redirect("portal-sign-in")
        request.portal_access = access
        request.young_person = access.young_person
        return view(request, *args, **kwargs)

    return wrapper
