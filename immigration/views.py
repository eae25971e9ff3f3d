"""An unaccompanied asylum-seeking young person's immigration position: the page, recording a
change, corrections, and marking a decision as seen. Thin: authorise through
immigration.access, bind the form, call the service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careleavers.access import get_young_person_for
from careleavers.concurrency import StaleEditError
from careleavers.dates import long_date

from . import services
from .access import can_change_immigration, get_immigration_record_for
from .forms import ImmigrationForm
from .selectors import position_on, records_of


@login_required
def history(request, pk):
    user = request.user
    young_person = get_young_person_for(user, pk, log_view="immigration")
    today = timezone.localdate()
    records = records_of(young_person)
    return render(request, "immigration/history.html", {
        "young_person": young_person,
        "records": records,
        "current": position_on(records, today),
        "can_change": can_change_immigration(user, young_person) and young_person.uasc,
        "today": today,
    })


@login_required
def add(request, pk):
    user = request.user
    young_person = get_young_person_for(
        user, pk, write=True,
        log_view="" if request.method == "POST" else "record an immigration position",
    )
    today = timezone.localdate()
    form = ImmigrationForm(request.POST if request.method == "POST" else None, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.immigration_record(
                actor=user, young_person=young_person, today=today, **form.service_values(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, f"Saved: {record.summary.lower()}, since "
                                      f"{long_date(record.since)}")
            return redirect("immigration", pk=young_person.pk)
    return render(request, "immigration/record_form.html", {
        "form": form, "young_person": young_person, "adding": True,
    })


@login_required
def edit(request, pk, record_pk):
    user = request.user
    young_person, record = get_immigration_record_for(
        user, pk, record_pk, write=True,
        log_view="" if request.method == "POST" else "change an immigration record",
    )
    form = ImmigrationForm(request.POST if request.method == "POST" else None, record=record)
    stale = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        try:
            services.immigration_update(
                actor=user, record=record, version=version, today=timezone.localdate(),
                **form.service_values(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        except StaleEditError as error:
            stale = form.refuse_stale(error, read_version=version)
        else:
            messages.success(request, "Immigration record changed")
            return redirect("immigration", pk=young_person.pk)
    return render(request, "immigration/record_form.html", {
        "form": form, "young_person": young_person, "adding": False, "record": record,
        "stale": stale,
    })


@login_required
@require_POST
def decision_seen(request, pk, record_pk):
    user = request.user
    young_person, record = get_immigration_record_for(user, pk, record_pk, write=True)
    try:
        services.immigration_decision_mark_seen(actor=user, record=record,
                                                today=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Marked as seen: {record.summary.lower()}")
    return redirect("immigration", pk=young_person.pk)
