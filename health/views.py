"""A young person's health and their own children: the "Health and family" page of their record,
changing the health record, and adding, changing and removing a child. Thin: authorise through
careleavers.access and health.access, bind the form, call the service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from careleavers.access import get_young_person_for
from careleavers.concurrency import StaleEditError

from . import services
from .access import can_change_health, get_child_for
from .forms import ChildForm, HealthForm, RemoveChildForm
from .selectors import children_of


@login_required
def health(request, pk):
    user = request.user
    young_person = get_young_person_for(user, pk, log_view="health and family")
    children = children_of(young_person)
    return render(request, "health/health.html", {
        "young_person": young_person,
        "record": services.health_of(young_person),
        "children": [child for child in children if not child.removed],
        "removed": [child for child in children if child.removed],
        "can_change": can_change_health(user, young_person),
        "today": timezone.localdate(),
    })


@login_required
def health_edit(request, pk):
    user = request.user
    young_person = get_young_person_for(
        user, pk, write=True, log_view="" if request.method == "POST" else "change health"
    )
    record = services.health_of(young_person)
    form = HealthForm(request.POST if request.method == "POST" else None, record=record)
    stale = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        try:
            services.health_update(actor=user, young_person=young_person, version=version,
                                   today=timezone.localdate(), **form.service_values())
        except ValidationError as error:
            form.add_service_error(error)
        except StaleEditError as error:
            stale = form.refuse_stale(error, read_version=version)
        else:
            messages.success(request, "Health record saved")
            return redirect("health", pk=young_person.pk)
    return render(request, "health/health_form.html", {
        "form": form, "young_person": young_person, "stale": stale,
    })


@login_required
def child_add(request, pk):
    user = request.user
    young_person = get_young_person_for(
        user, pk, write=True, log_view="" if request.method == "POST" else "add a child"
    )
    form = ChildForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.child_add(actor=user, young_person=young_person,
                               today=timezone.localdate(), **form.service_values())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Child added to their record")
            return redirect("health", pk=young_person.pk)
    return render(request, "health/child_form.html", {
        "form": form, "young_person": young_person, "adding": True,
    })


@login_required
def child_edit(request, pk, child_pk):
    user = request.user
    young_person, child = get_child_for(
        user, pk, child_pk, write=True,
        log_view="" if request.method == "POST" else "change a child",
    )
    if child.removed:
        return redirect("health", pk=young_person.pk)
    form = ChildForm(request.POST if request.method == "POST" else None, child=child)
    stale = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        try:
            services.child_update(actor=user, child=child, version=version,
                                  today=timezone.localdate(), **form.service_values())
        except ValidationError as error:
            form.add_service_error(error)
        except StaleEditError as error:
            stale = form.refuse_stale(error, read_version=version)
        else:
            messages.success(request, "Child’s details changed")
            return redirect("health", pk=young_person.pk)
    return render(request, "health/child_form.html", {
        "form": form, "young_person": young_person, "adding": False, "child": child,
        "stale": stale,
    })


@login_required
def child_remove(request, pk, child_pk):
    user = request.user
    young_person, child = get_child_for(
        user, pk, child_pk, write=True,
        log_view="" if request.method == "POST" else "remove a child",
    )
    if child.removed:
        return redirect("health", pk=young_person.pk)
    form = RemoveChildForm(request.POST if request.method == "POST" else None,
                           initial={"version": child.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.child_remove(actor=user, child=child,
                                  version=form.cleaned_data["version"] or 0,
                                  reason=form.cleaned_data["reason"],
                                  today=timezone.localdate())
        except ValidationError as error:
            form.add_service_error(error)
        except StaleEditError as error:
            form.add_error(None, "Someone else changed this child’s details while you were "
                                 "looking: check them, then remove the child again if you "
                                 "still need to.")
            form.data = form.data.copy()
            form.data["version"] = str(error.current.version)
        else:
            messages.success(request, "Child removed from their record")
            return redirect("health", pk=young_person.pk)
    return render(request, "health/child_remove.html", {
        "form": form, "young_person": young_person, "child": child,
    })
