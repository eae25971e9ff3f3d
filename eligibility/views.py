"""Care history and status pages. Thin: authorise through the access functions, bind the form,
call the service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from careleavers.access import can_edit_young_person, get_young_person_for
from careleavers.concurrency import StaleEditError
from careleavers.dates import long_date
from careleavers.record import nightly_checks_last_on

from . import services
from .access import (
    can_record_support_choice,
    get_care_period_for,
    get_young_person_for_support_choice,
)
from .forms import CareFactsForm, CarePeriodForm, SupportChoiceForm
from .models import CareFacts, CarePeriod, StatutoryStatus, SupportChoice
from .record_parts import NIGHTLY_CHECK


def _status_of(young_person):
    return StatutoryStatus.objects.filter(young_person=young_person).first()


def _saved(request, young_person, *, before, what: str):
    """Say what was saved and what it did to their status: that is what the user will check."""
    after = _status_of(young_person)
    if after is None:
        text = f"{what}."
    elif before is None or before.status != after.status:
        text = f"{what}. Their status is now {after.get_status_display()}."
    else:
        text = f"{what}. Their status is still {after.get_status_display()}."
    messages.success(request, text)
    return redirect("care-history", pk=young_person.pk)


@login_required
def care_history(request, pk):
    user = request.user
    young_person = get_young_person_for(user, pk, log_view="care history")
    facts = CareFacts.objects.filter(young_person=young_person).first() or CareFacts(
        young_person=young_person
    )
    today = timezone.localdate()
    periods = list(CarePeriod.objects.filter(young_person=young_person).order_by("start_on"))
    for period in periods:  # inclusive, as the rule counts them; open periods up to today
        period.days = ((period.end_on or today) - period.start_on).days + 1
    status = _status_of(young_person)
    return render(request, "eligibility/care_history.html", {
        "young_person": young_person,
        "periods": periods,
        "facts": facts,
        "status": status,
        # The nightly checks pass over a status the date cannot move: it was checked then too.
        "last_checked": status and max(filter(None, [status.checked_on,
                                                     nightly_checks_last_on()])),
        "changes": young_person.status_changes.select_related("recorded_by"),
        "support_choices": SupportChoice.objects.filter(young_person=young_person)
        .select_related("recorded_by").order_by("-on", "-recorded_at", "-pk"),
        "nightly_check": NIGHTLY_CHECK,
        "can_edit": can_edit_young_person(user, young_person),
        "can_record_support_choice": can_record_support_choice(user, young_person),
        "today": today,
    })


@login_required
def care_period_add(request, pk):
    user = request.user
    young_person = get_young_person_for(
        user, pk, write=True, log_view="add a period in care" if request.method == "GET" else "",
    )
    form = CarePeriodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        before = _status_of(young_person)
        try:
            services.care_period_add(
                actor=user, young_person=young_person, today=timezone.localdate(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _saved(request, young_person, before=before, what="Period in care added")
    return render(request, "eligibility/care_period_form.html", {
        "form": form, "young_person": young_person, "adding": True,
    })


@login_required
def care_period_edit(request, pk, period_pk):
    user = request.user
    young_person, period = get_care_period_for(
        user, pk, period_pk, write=True,
        log_view="change a period in care" if request.method == "GET" else "",
    )
    form = CarePeriodForm(request.POST if request.method == "POST" else None, period=period)
    if request.method == "POST" and form.is_valid():
        before = _status_of(young_person)
        try:
            services.care_period_update(
                actor=user, period=period, today=timezone.localdate(), **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            return _saved(request, young_person, before=before, what="Period in care changed")
    return render(request, "eligibility/care_period_form.html", {
        "form": form, "young_person": young_person, "adding": False,
    })


@login_required
def care_facts_edit(request, pk):
    user = request.user
    young_person = get_young_person_for(
        user, pk, write=True,
        log_view="change care history facts" if request.method == "GET" else "",
    )
    facts = CareFacts.objects.filter(young_person=young_person).first() or CareFacts(
        young_person=young_person
    )
    form = CareFactsForm(request.POST if request.method == "POST" else None, facts=facts)
    stale = None
    if request.method == "POST" and form.is_valid():
        before = _status_of(young_person)
        version = form.cleaned_data["version"]
        try:
            services.care_facts_update(
                actor=user, young_person=young_person, version=version,
                today=timezone.localdate(), **form.service_values(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        except StaleEditError as error:
            stale = form.refuse_stale(error, read_version=version)
        else:
            return _saved(request, young_person, before=before, what="Care history saved")
    return render(request, "eligibility/care_facts_form.html", {
        "form": form, "young_person": young_person, "stale": stale,
    })


@login_required
def support_choice_record(request, pk):
    user = request.user
    young_person = get_young_person_for_support_choice(
        user, pk,
        log_view="record a request for support or an opt-out" if request.method == "GET" else "",
    )
    latest = SupportChoice.objects.filter(young_person=young_person).order_by("-pk").first()
    form = SupportChoiceForm(request.POST if request.method == "POST" else None,
                             latest_seen=latest.pk if latest else 0)
    if request.method == "POST" and form.is_valid():
        before = _status_of(young_person)
        data = form.cleaned_data
        try:
            choice = services.support_choice_record(
                actor=user, young_person=young_person, kind=data["kind"], on=data["on"],
                notes=data["notes"], latest_seen=data["latest_seen"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        except StaleEditError as error:
            form.refuse_stale(error.current)
        else:
            return _saved(request, young_person, before=before,
                          what=f"Saved: {choice.in_a_sentence} on {long_date(choice.on)}")
    return render(request, "eligibility/support_choice_form.html", {
        "form": form, "young_person": young_person, "latest": latest,
    })
