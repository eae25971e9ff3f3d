"""The local offer on a young person's record ("Money and support"): what they can have, their
requests and payments, and the forms to ask, agree or decline, pay and cancel; the requests
waiting for a manager; the payments file for the council's finance system. Thin: authorise
through localoffer.access, bind the form, call the service, redirect."""

import io
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from careleavers.access import get_young_person_for, record_download
from careleavers.dates import long_date
from careleavers.listing import paginate
from careleavers.models import Team
from careleavers.spreadsheets import csv_writer

from . import access, selectors, services
from .forms import AskForm, CancelPaymentForm, DecideForm, PaymentForm, PaymentsFileForm
from .models import RequestState
from .rules import plain_pounds, pounds

logger = logging.getLogger(__name__)

#: The columns of the payments file, in order: fixed, only ever added to.
PAYMENTS_FILE_COLUMNS = ["payment_id", "person_id", "entitlement", "amount", "paid_on",
                         "method", "reference", "agreed_by", "cancelled_on"]


@login_required
def money(request, pk):
    user = request.user
    young_person = get_young_person_for(user, pk, log_view="money and support")
    today = timezone.localdate()
    requests = selectors.requests_of(young_person)
    payments = selectors.payments_of(young_person)
    offer = selectors.offer_for(young_person, today=today, requests=requests)
    can_pay = access.can_pay(user, young_person)
    return render(request, "localoffer/money.html", {
        "young_person": young_person,
        "offer": [line for line in offer if line.can_have or line.had_any],
        "requests": requests,
        "payments": payments,
        "can_ask": access.can_ask(user, young_person) and any(line.can_have for line in offer),
        "can_pay": can_pay,
        "can_decide": access.is_deciding_manager_for(user, young_person),
        "today": today,
    })


@login_required
def ask(request, pk):
    user = request.user
    young_person = get_young_person_for(
        user, pk, write=True,
        log_view="" if request.method == "POST" else "ask for money or support",
    )
    today = timezone.localdate()
    offer = selectors.offer_for(young_person, today=today)
    form = AskForm(request.POST if request.method == "POST" else None, offer=offer,
                   initial={"entitlement": request.GET.get("entitlement", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            asked = services.request_ask(
                actor=user, young_person=young_person, entitlement=data["entitlement"],
                amount_pence=data["amount"], reason=data["reason"], today=today,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if asked.within_limit:
                messages.success(request, f"Agreed: {asked.amount_text} from the "
                                          f"{asked.entitlement.name.lower()}, within the limit "
                                          "for which no manager needs to agree it")
            else:
                messages.success(request, f"Asked for: {asked.amount_text} from the "
                                          f"{asked.entitlement.name.lower()}. A manager will "
                                          "agree or decline it.")
            return redirect("local-offer", pk=young_person.pk)
    return render(request, "localoffer/ask.html", {
        "form": form, "young_person": young_person,
        "can_have": [line for line in offer if line.can_have],
    })


@login_required
def decide(request, pk, request_pk):
    user = request.user
    young_person, asked = access.get_request_for(
        user, pk, request_pk, write="decide",
        log_view="" if request.method == "POST" else "agree or decline a request",
    )
    if asked.state != RequestState.WAITING:
        messages.info(request, "This request is not waiting for a manager")
        return redirect("local-offer", pk=young_person.pk)
    form = DecideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "agree":
                services.request_agree(actor=user, request=asked)
                message = f"Agreed: {asked.amount_text} from the {asked.entitlement.name.lower()}"
            else:
                services.request_decline(actor=user, request=asked,
                                         reason=form.cleaned_data["decision_reason"])
                message = (f"Declined: {asked.amount_text} from the "
                           f"{asked.entitlement.name.lower()}")
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, message)
            return redirect("local-offer", pk=young_person.pk)
    return render(request, "localoffer/decide.html", {
        "form": form, "young_person": young_person, "asked": asked,
        "asked_by_user": asked.asked_by_id == user.pk,
    })


@login_required
def pay(request, pk, request_pk):
    user = request.user
    young_person, asked = access.get_request_for(
        user, pk, request_pk, write="pay",
        log_view="" if request.method == "POST" else "record a payment",
    )
    today = timezone.localdate()
    form = PaymentForm(request.POST if request.method == "POST" else None, today=today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            payment = services.payment_record(
                actor=user, request=asked, paid_on=data["paid_on"], amount_pence=data["amount"],
                method=data["method"], reference=data["reference"], today=today,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Payment of {payment.amount} on "
                                      f"{long_date(payment.paid_on)} recorded")
            return redirect("local-offer", pk=young_person.pk)
    paid = sum(p.amount_pence for p in asked.payments.live())
    return render(request, "localoffer/pay.html", {
        "form": form, "young_person": young_person, "asked": asked,
        "paid": pounds(paid),
        "left": pounds(max((asked.amount_pence or 0) - paid, 0)),
    })


@login_required
def cancel_payment(request, pk, payment_pk):
    user = request.user
    young_person, payment = access.get_payment_for(
        user, pk, payment_pk, write=True,
        log_view="" if request.method == "POST" else "cancel a payment",
    )
    if payment.cancelled:
        messages.info(request, "This payment was cancelled already")
        return redirect("local-offer", pk=young_person.pk)
    form = CancelPaymentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_cancel(actor=user, payment=payment,
                                    reason=form.cleaned_data["cancel_reason"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Payment of {payment.amount} on "
                                      f"{long_date(payment.paid_on)} cancelled")
            return redirect("local-offer", pk=young_person.pk)
    return render(request, "localoffer/cancel_payment.html", {
        "form": form, "young_person": young_person, "payment": payment,
    })


@login_required
def waiting(request):
    """Requests waiting for a manager, the longest waiting first, 50 a page. Team managers see
    their teams'; duty managers every team's, and may pick one."""
    user = request.user
    if not access.may_agree_requests(user):
        raise PermissionDenied
    requests = selectors.requests_waiting(user)
    teams, team = None, None
    if access.decides_for_every_team(user):
        teams = list(Team.objects.order_by("name"))
        team_id = request.GET.get("team", "")
        if team_id:
            team = next((choice for choice in teams if choice.team_id == team_id), None)
            if team is None:
                raise Http404("No team found")
            requests = requests.filter(young_person__team=team)
    pages = paginate(request, requests, noun="requests")
    return render(request, "localoffer/waiting.html", {
        "requests": pages.rows, "pages": pages, "teams": teams, "team": team,
    })


@never_cache
@login_required
def payments_file(request):
    """The payments for the council's finance system, for the dates asked: the young person's
    council ID, never their name. Each download is logged on every record in it."""
    user = request.user
    teams = access.payments_file_teams(user)
    if teams is None:
        raise PermissionDenied
    form = PaymentsFileForm(request.GET if "since_0" in request.GET else None)
    if not form.is_valid():
        return render(request, "localoffer/payments_file.html", {"form": form})
    since, until = form.cleaned_data["since"], form.cleaned_data["until"]
    payments = list(selectors.payments_between(teams, since=since, until=until))
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(PAYMENTS_FILE_COLUMNS)
    for payment in payments:
        agreed_by = payment.request.decided_by
        writer.writerow([
            payment.pk, payment.young_person.person_id, payment.entitlement.key,
            plain_pounds(payment.amount_pence), payment.paid_on.isoformat(), payment.method,
            payment.reference, agreed_by.username if agreed_by else "",
            timezone.localdate(payment.cancelled_at).isoformat() if payment.cancelled else "",
        ])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="payments-{since.isoformat()}-to-{until.isoformat()}.csv"')
    record_download(user, sorted({payment.young_person_id for payment in payments}),
                    f"payments from {since.isoformat()} to {until.isoformat()} (CSV)")
    logger.info("Payments file (%d payments) downloaded by %s", len(payments), user.username)
    return response
