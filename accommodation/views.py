"""Where a young person lives: the history, recording a move, corrections and suitability
assessments. Thin: authorise through accommodation.access, bind the form, call the service,
redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from careleavers.access import get_young_person_for
from careleavers.concurrency import StaleEditError
from careleavers.dates import long_date

from . import services
from .access import can_change_accommodation, get_episode_for
from .forms import AssessmentForm, EpisodeForm
from .rules import MOVED_TO, accom_code
from .selectors import episodes_of, latest_assessment, visit_due


@login_required
def history(request, pk):
    user = request.user
    young_person = get_young_person_for(user, pk, log_view="accommodation")
    today = timezone.localdate()
    episodes = episodes_of(young_person)
    for episode in episodes:
        episode.young_person = young_person
        episode.latest = latest_assessment(episode)
        episode.dfe_code = (accom_code(episode.type_code, episode.latest.suitable)
                            if episode.latest else "")
    current = next((e for e in episodes if e.covers(today)), None)
    return render(request, "accommodation/history.html", {
        "young_person": young_person,
        "episodes": episodes,
        "current": current,
        "visit": visit_due(current, today=today),
        "can_change": can_change_accommodation(user, young_person),
        "today": today,
    })


@login_required
def add(request, pk):
    user = request.user
    young_person = get_young_person_for(
        user, pk, write=True, log_view="" if request.method == "POST" else "record a move"
    )
    form = EpisodeForm(request.POST if request.method == "POST" else None,
                       today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            episode = services.accommodation_record(
                actor=user, young_person=young_person, today=timezone.localdate(),
                **form.service_values(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _recorded_message(episode))
            if episode.end_on is None:
                return redirect("accommodation-assess", pk=young_person.pk,
                                episode_pk=episode.pk)
            return redirect("accommodation", pk=young_person.pk)
    return render(request, "accommodation/episode_form.html", {
        "form": form, "young_person": young_person, "adding": True,
    })


def _recorded_message(episode) -> str:
    text = f"{MOVED_TO[episode.type_code]} from {long_date(episode.start_on)}."
    visit = visit_due(episode, today=timezone.localdate())
    if visit is not None and visit["first"]:
        text += f" Visit them there by {long_date(visit['due_on'])}."
    if hasattr(episode, "placement_alert"):
        text += " Their team manager has been told."
    return text


@login_required
def edit(request, pk, episode_pk):
    user = request.user
    young_person, episode = get_episode_for(
        user, pk, episode_pk, write=True,
        log_view="" if request.method == "POST" else "change accommodation",
    )
    form = EpisodeForm(request.POST if request.method == "POST" else None, episode=episode)
    stale = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        try:
            services.accommodation_update(
                actor=user, episode=episode, version=version, today=timezone.localdate(),
                **form.service_values(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        except StaleEditError as error:
            stale = form.refuse_stale(error, read_version=version)
        else:
            messages.success(request, "Accommodation changed")
            return redirect("accommodation", pk=young_person.pk)
    return render(request, "accommodation/episode_form.html", {
        "form": form, "young_person": young_person, "adding": False, "episode": episode,
        "stale": stale,
    })


@login_required
def assess(request, pk, episode_pk):
    user = request.user
    young_person, episode = get_episode_for(
        user, pk, episode_pk, write=True,
        log_view="" if request.method == "POST" else "assess accommodation",
    )
    today = timezone.localdate()
    form = AssessmentForm(request.POST if request.method == "POST" else None, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.suitability_assess(
                actor=user, episode=episode, today=today, **form.service_values(),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request, f"Assessment saved: the accommodation is "
                         f"{assessment.get_outcome_display().lower()}",
            )
            return redirect("young-person", pk=young_person.pk)
    return render(request, "accommodation/assessment_form.html", {
        "form": form, "young_person": young_person, "episode": episode,
    })
