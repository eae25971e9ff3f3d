"""Finding, adding, reading and changing a young person's record. Thin: authorise through
careleavers.access, bind the form, call the service, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from .access import (
    can_add_young_person,
    can_edit_young_person,
    can_see_young_people,
    get_young_person_for,
)
from .concurrency import StaleEditError
from .history import changes_of
from .listing import paginate
from .models import YoungPerson
from .record import ChronologyEntry, build_record, chronology_filtered, chronology_kinds
from .record_forms import (
    AddYoungPersonForm,
    ChronologyFilterForm,
    SearchForm,
    YoungPersonForm,
)
from .services import young_person_create, young_person_update


@login_required
def search(request):
    if not can_see_young_people(request.user):
        raise PermissionDenied
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    people = (
        YoungPerson.objects.visible_to(request.user)
        .search(query)
        .select_related("team", "statutory_status")
        .order_by("last_name", "first_name", "pk")
    )
    return render(request, "careleavers/search.html", {
        "search_form": form,
        "query": query,
        "pages": paginate(request, people, noun="young people"),
        "today": timezone.localdate(),
        "can_add": can_add_young_person(request.user),
    })


@login_required
def add(request):
    user = request.user
    if not can_add_young_person(user):
        raise PermissionDenied
    form = AddYoungPersonForm(request.POST if request.method == "POST" else None, user=user)
    duplicates = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        matches = list(
            YoungPerson.objects.likely_duplicates_of(
                date_of_birth=data["date_of_birth"], first_name=data["first_name"],
                last_name=data["last_name"], person_id=data["person_id"], upn=data["upn"],
            ).select_related("team").order_by("last_name", "first_name")[:20]
        )
        if matches and not data["different_person"]:
            duplicates = _as_seen_by(user, matches)
            if request.POST.get("duplicates_shown"):
                form.add_error(
                    "different_person",
                    "Tick ‘This is a different person’ if none of these records is them, or open "
                    "their record instead",
                )
            form.ask_different_person()
        else:
            try:
                young_person = young_person_create(
                    actor=user, today=timezone.localdate(), restricted_to=form.named_staff(),
                    **form.service_fields(),
                )
            except ValidationError as error:
                form.add_service_error(error)
            else:
                messages.success(request, f"{young_person.display_name}’s record has been added")
                return redirect("young-person", pk=young_person.pk)
    return render(request, "careleavers/add.html", {"form": form, "duplicates": duplicates})


def _as_seen_by(user, matches) -> list:
    """Likely duplicates, with the ones this user may not see replaced by None: say that such a
    record exists, never whose it is."""
    visible = set(
        YoungPerson.objects.visible_to(user)
        .filter(pk__in=[match.pk for match in matches])
        .values_list("pk", flat=True)
    )
    return [match if match.pk in visible else None for match in matches]


#: How many of the latest chronology entries the overview shows.
OVERVIEW_ENTRIES = 3


def _chronology(young_person, user, today):
    """Every part of the record, and the whole chronology, newest first."""
    parts, chronology = build_record(young_person=young_person, user=user, today=today)
    created = young_person.history.filter(history_type="+").select_related("history_user").first()
    # By day, not time, so it sits below whatever else happened on the day it was added.
    chronology.append(ChronologyEntry(
        at=timezone.localdate(young_person.created_at), kind="Record", title="Record added",
        by=str(created.history_user) if created and created.history_user else "",
    ))
    chronology.sort(key=lambda entry: entry.sort_key, reverse=True)  # stable: added stays last
    return parts, chronology


def _record_context(user, young_person, today) -> dict:
    return {
        "young_person": young_person,
        "today": today,
        "can_edit": can_edit_young_person(user, young_person),
        "named_staff": list(young_person.restricted_to.all()) if young_person.restricted else [],
    }


@login_required
def record(request, pk):
    """The overview: where they stand, in one panel for each part of the record, each linking to
    its page, and what happened last."""
    user = request.user
    young_person = get_young_person_for(user, pk, log_view="record")
    today = timezone.localdate()
    parts, chronology = _chronology(young_person, user, today)
    shared = {"young_person": young_person, "user": user, "today": today}
    panels = [
        render_to_string(part.template, {**part.context, **shared}, request=request)
        for part in parts
    ]
    return render(request, "careleavers/record.html", {
        **_record_context(user, young_person, today),
        "panels": panels,
        "latest": chronology[:OVERVIEW_ENTRIES],
        "more": len(chronology) > OVERVIEW_ENTRIES,
    })


@login_required
def chronology(request, pk):
    """Everything that happened, newest first, narrowed by kind, days and words."""
    user = request.user
    young_person = get_young_person_for(user, pk, log_view="chronology")
    today = timezone.localdate()
    _parts, entries = _chronology(young_person, user, today)
    form = ChronologyFilterForm(request.GET or None, kinds=chronology_kinds(entries))
    chosen = form.chosen()
    shown = chronology_filtered(entries, **chosen)
    return render(request, "careleavers/chronology.html", {
        **_record_context(user, young_person, today),
        "form": form,
        "narrowed": any(chosen.values()),
        "total": len(entries),
        "pages": paginate(request, shown, noun="entries"),
    })


@login_required
def history(request, pk):
    """Who they are, and every change made to it, with who made it and when."""
    user = request.user
    young_person = get_young_person_for(user, pk, log_view="history")
    today = timezone.localdate()
    return render(request, "careleavers/details_history.html", {
        **_record_context(user, young_person, today),
        "changes": changes_of(young_person.history.all()),
    })


@login_required
def edit(request, pk):
    user = request.user
    young_person = get_young_person_for(
        user, pk, write=True, log_view="change details" if request.method == "GET" else ""
    )
    form = YoungPersonForm(
        request.POST if request.method == "POST" else None, user=user, young_person=young_person
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        try:
            saved = young_person_update(
                actor=user, young_person=young_person, version=version,
                today=timezone.localdate(), restricted_to=form.named_staff(),
                **form.service_fields(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        except StaleEditError as error:
            stale = form.refuse_stale(error, read_version=version)
        else:
            messages.success(request, "Their details have been saved")
            if not YoungPerson.objects.visible_to(user).filter(pk=saved.pk).exists():
                # They restricted the record to others, or moved it out of their team.
                messages.info(request, "You can no longer see this record")
                return redirect("young-person-search")
            return redirect("young-person-history", pk=saved.pk)
    return render(request, "careleavers/edit.html", {
        "form": form, "young_person": young_person, "stale": stale,
    })
