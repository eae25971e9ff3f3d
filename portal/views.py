"""The young person's own pages. Every one is `@young_person_required` (portal.access) or part
of signing in. A page finds its young person from the session, never the address: the only ids
an address carries are of their own things (a document), looked for among theirs alone, so
another young person's id finds nothing (404). Nothing here is kept in a browser's cache: a
young person may read these pages on a phone they share."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accommodation.rules import AccommodationType
from eet.rules import ActivityCode

from . import selectors
from .access import record_visit, young_person_required


def _page(view):
    """A portal page: GET only, for the signed-in young person, never cached."""
    return never_cache(young_person_required(require_GET(view)))


@_page
def home(request):
    """Hello, who their PA is and how to reach them, and when they will next hear from them."""
    young_person = request.young_person
    today = timezone.localdate()
    people = selectors.people_of(young_person, today=today)
    standing = selectors.standing_of(young_person)
    record_visit(request, "Home")
    return render(request, "portal/home.html", {
        "young_person": young_person,
        "people": people,
        "contact_due_on": standing.contact_due_on if standing else None,
        "plan_review_due_on": standing.plan_review_due_on if standing else None,
        "today": today,
        "out_of_hours": settings.PORTAL_OUT_OF_HOURS,
        "team_contact": settings.PORTAL_TEAM_CONTACT,
    })


@_page
def plan(request):
    """Their latest authorised plan, as their version of it says it."""
    young_person = request.young_person
    their_plan = selectors.plan_of(young_person)
    record_visit(request, "Your plan")
    return render(request, "portal/plan.html", {
        "young_person": young_person,
        "their_plan": their_plan,
        "plan": their_plan.plan if their_plan else None,
        "team_contact": settings.PORTAL_TEAM_CONTACT,
    })


@_page
def money(request):
    """What the local offer gives them, what they have had and what is left."""
    young_person = request.young_person
    money = selectors.money_of(young_person, today=timezone.localdate())
    record_visit(request, "Money and support")
    return render(request, "portal/money.html", {
        "young_person": young_person,
        "money": money,
    })


@_page
def documents(request):
    """The documents their PA has shared with them."""
    young_person = request.young_person
    shared = selectors.documents_shared_with(young_person)
    record_visit(request, "Your documents")
    return render(request, "portal/documents.html", {
        "young_person": young_person, "documents": shared,
    })


@_page
def document(request, document_pk):
    """One document shared with them, as an attachment; another young person's, or one not
    shared, is not found."""
    found = selectors.shared_document(request.young_person, document_pk)
    if found is None:
        raise Http404("No document found")
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file for this document cannot be found") from None
    record_visit(request, f"Downloaded the document “{found.title}”")
    response = FileResponse(handle, as_attachment=True, filename=found.original_name,
                            content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@_page
def what_we_hold(request):
    """A summary of what the service holds about them, and how to ask for all of it."""
    young_person = request.young_person
    today = timezone.localdate()
    people = selectors.people_of(young_person, today=today)
    standing = selectors.standing_of(young_person)
    held = selectors.held_about(young_person)
    place = activity = ""
    if standing is not None:
        if standing.place_type in AccommodationType.values:
            place = AccommodationType(standing.place_type).label
        if standing.activity_code in ActivityCode.values:
            activity = ActivityCode(standing.activity_code).label
    record_visit(request, "What we hold about you")
    return render(request, "portal/what_we_hold.html", {
        "young_person": young_person,
        "people": people,
        "held": held,
        "place": place,
        "activity": activity,
        "data_protection_email": settings.PORTAL_DATA_PROTECTION_EMAIL,
    })
