"""What a young person does each day: the history, recording a new activity and corrections.
Thin: authorise through eet.access, bind the form, call the service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from careleavers.access import get_young_person_for
from careleavers.concurrency import StaleEditError
from careleavers.dates import long_date

from . import services
from .access import can_change_activities, get_activity_for
from .forms import ActivityForm
from .selectors import activities_of


@login_required
def history(request, pk):
    user = request.user
    young_person = get_young_person_for(user, pk, log_view="education and work")
    today = timezone.localdate()
    activities = activities_of(young_person)
    return render(request, "eet/history.html", {
        "young_person": young_person,
        "activities": activities,
        "current": next((a for a in activities if a.covers(today)), None),
        "can_change": can_change_activities(user, young_person),
        "today": today,
    })


@login_required
def add(request, pk):
    user = request.user
    young_person = get_young_person_for(
        user, pk, write=True, log_view="" if request.method == "POST" else "record an activity"
    )
    form = ActivityForm(request.POST if request.method == "POST" else None,
                        today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_record(
                actor=user, young_person=young_person, today=timezone.localdate(),
                **form.service_values(),
            )
        except ValidationError as error:
            _add_error(form, error)
        else:
            messages.success(request, f"Saved: {activity.get_activity_code_display().lower()} "
                                      f"from {long_date(activity.start_on)}")
            return redirect("young-person", pk=young_person.pk)
    return render(request, "eet/activity_form.html", {
        "form": form, "young_person": young_person, "adding": True,
    })


@login_required
def edit(request, pk, activity_pk):
    user = request.user
    young_person, activity = get_activity_for(
        user, pk, activity_pk, write=True,
        log_view="" if request.method == "POST" else "change an activity",
    )
    form = ActivityForm(request.POST if request.method == "POST" else None, activity=activity)
    stale = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        try:
            services.activity_update(
                actor=user, activity=activity, version=version, today=timezone.localdate(),
                **form.service_values(),
            )
        except ValidationError as error:
            _add_error(form, error)
        except StaleEditError as error:
            stale = form.refuse_stale(error, read_version=version)
        else:
            messages.success(request, "Activity changed")
            return redirect("eet", pk=young_person.pk)
    return render(request, "eet/activity_form.html", {
        "form": form, "young_person": young_person, "adding": False, "activity": activity,
        "stale": stale,
    })


def _add_error(form, error):
    # The service speaks of the DfE code; the form asks what they do.
    if hasattr(error, "error_dict") and "activity_code" in error.error_dict:
        error.error_dict["activity"] = error.error_dict.pop("activity_code")
    form.add_service_error(error)
