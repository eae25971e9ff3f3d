"""What a young person asks on their own pages (a message, new contact details, a plan review,
support after 21), and their PA's pages for answering. The young person's pages are
`@young_person_required` and never take their id from the address; an ask's id in the address
is looked for among their own asks only. The PA's pages are staff pages, authorised through
`careleavers.access`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from careleavers.access import (
    can_edit_young_person,
    get_child_record_for,
    get_young_person_for,
)
from careleavers.listing import paginate

from . import ask_selectors as selectors
from . import services
from .access import record_visit, young_person_required
from .ask_forms import DecideForm, DetailsForm, MarkReadForm, MessageForm, ReviewForm, SupportForm
from .models import Ask, AskKind

# --- the young person's pages --------------------------------------------------------------


def _ask_page(request, data, *, form_class, page: str, template: str, send, sent: str,
              form_kwargs=None, context=None):
    """Bind the form to `data` (None for a GET), send what it holds through
    `send(form.cleaned_data)`, and go to their asks; or the page again with what was wrong next
    to the field."""
    if data is None:
        # Opening the page is kept in the access log; what they send is kept as itself, and a
        # refusal keeps nothing.
        record_visit(request, page)
    form = form_class(data, **(form_kwargs or {}))
    if data is not None and form.is_valid():
        try:
            send(form.cleaned_data)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, sent)
            return redirect("portal-asks")
    return render(request, template, {"form": form, **(context or {})})


@young_person_required
def message(request):
    return _ask_page(
        request, request.POST if request.method == "POST" else None,
        form_class=MessageForm, page="Send a message", template="portal/ask_message.html",
        send=lambda data: services.message_send(access=request.portal_access, text=data["text"]),
        sent="Your message has been sent to your PA",
    )


@young_person_required
def details(request):
    young_person = request.young_person
    current = {"phone": young_person.phone, "email": young_person.email,
               "address": young_person.address}
    return _ask_page(
        request, request.POST if request.method == "POST" else None,
        form_class=DetailsForm, page="Update your details",
        template="portal/ask_details.html",
        form_kwargs={"initial": current},
        send=lambda data: services.details_change_propose(access=request.portal_access, **data),
        sent="Your new details have been sent to your PA. They will check them, then change "
             "your record.",
    )


@young_person_required
def review(request):
    if not services.may_ask_for_review(request.young_person):
        raise Http404("No plan to review")
    return _ask_page(
        request, request.POST if request.method == "POST" else None,
        form_class=ReviewForm, page="Ask for a plan review",
        template="portal/ask_review.html",
        send=lambda data: services.review_ask(access=request.portal_access, reason=data["text"]),
        sent="You have asked for a review of your plan. Your PA will get back to you.",
    )


@young_person_required
def support(request):
    wish = services.support_wish_open_to(request.young_person)
    if wish is None:
        raise Http404("Not open to this young person")
    return _ask_page(
        request, request.POST if request.method == "POST" else None,
        form_class=SupportForm, page="Support after 21",
        template="portal/ask_support.html", form_kwargs={"wish": wish},
        context={"wish": wish},
        send=lambda data: services.support_ask(access=request.portal_access,
                                               support=data["support"], reason=data["text"]),
        sent="Your PA has been told. They will get back to you.",
    )


@young_person_required
@require_GET
def asks(request):
    """Everything they have asked, newest first, and where each stands."""
    record_visit(request, "Your requests")
    young_person = request.young_person
    return render(request, "portal/ask_list.html", {
        "asks": selectors.asks_of(young_person),
        "can_review": services.may_ask_for_review(young_person),
        "support_wish": services.support_wish_open_to(young_person),
    })


@young_person_required
@require_GET
def ask(request, ask_id):
    """One of their own asks; another young person's is not found."""
    found = Ask.objects.filter(young_person=request.young_person, pk=ask_id).first()
    if found is None:
        raise Http404("No such request")
    record_visit(request, "One of your requests")
    return render(request, "portal/ask_detail.html", {"ask": found})


# --- the PA's pages ------------------------------------------------------------------------


@require_GET
@login_required
def staff_asks(request, pk):
    """What this young person asked on their own pages: waiting first, then answered."""
    young_person = get_young_person_for(request.user, pk,
                                        log_view="requests from their own pages")
    return render(request, "portal/staff_asks.html", {
        "young_person": young_person,
        "asks": selectors.asks_of(young_person),
        "can_answer": can_edit_young_person(request.user, young_person),
        "today": timezone.localdate(),
    })


@login_required
def staff_decide(request, pk, ask_pk):
    """Confirm what they asked, or say no with a reason; a message is marked read."""
    user = request.user
    young_person, found = get_child_record_for(
        user, pk, Ask.objects, ask_pk, write=True,
        log_view="" if request.method == "POST" else "answer a request from their own pages",
        missing="No such request",
    )
    if not found.waiting:
        messages.info(request, "This has already been answered")
        return redirect("portal-staff-asks", pk=young_person.pk)
    is_message = found.kind == AskKind.MESSAGE
    form_class = MarkReadForm if is_message else DecideForm
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if is_message or form.cleaned_data["decision"] == "confirm":
                services.ask_confirm(actor=user, ask=found)
                done = "Marked as read" if is_message else f"Confirmed: {found.summary.lower()}"
            else:
                services.ask_decline(actor=user, ask=found,
                                     reason=form.cleaned_data["decline_reason"])
                done = f"Said no: {found.summary.lower()}"
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, done)
            return redirect("portal-staff-asks", pk=young_person.pk)
    return render(request, "portal/staff_decide.html", {
        "form": form, "young_person": young_person, "ask": found,
        "current": {"Phone number": young_person.phone, "Email address": young_person.email,
                    "Address": young_person.address},
    })


@require_GET
@login_required
def staff_waiting(request):
    """Asks from young people waiting for this member of staff, the longest waiting first, 50 a
    page: a PA's own young people's; a team manager's, those in their teams with no PA."""
    if not selectors.has_asks_to_answer(request.user):
        raise PermissionDenied
    pages = paginate(request, selectors.asks_waiting_for(request.user), noun="requests")
    return render(request, "portal/staff_waiting.html", {"asks": pages.rows, "pages": pages})
