"""Needs assessments, pathway plans, their actions, authorisation, early reviews and the plan as
a PDF. Thin: authorise through pathways.access, bind the form, call the service, redirect."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from careleavers.access import can_edit_young_person, get_young_person_for
from careleavers.concurrency import StaleEditError
from careleavers.dates import long_date
from careleavers.forms import STALE_EDIT_MESSAGE
from careleavers.listing import paginate
from careleavers.models import Team
from careleavers.pdf import pdf_response, render_pdf
from careleavers.record import build_plan_section_facts
from eligibility.models import StatutoryStatus

from . import access, selectors, services
from .forms import (
    ActionForm,
    DecisionForm,
    EarlyReviewForm,
    NeedsAssessmentForm,
    PlanForm,
    RefusalForm,
    SubmitPlanForm,
)
from .models import OPEN_STATES, EarlyReview, NeedsAssessment, PathwayPlan, PlanState, Section
from .record_parts import standing_cell

_SECTION_ORDER = {key: index for index, key in enumerate(Section.values)}


def _sections(plan) -> list:
    """The plan's sections in the order of the plan, with their actions (two queries), and what
    the rest of the record says on each (`record_facts`: the local offer on money, say)."""
    facts = build_plan_section_facts(young_person=plan.young_person, today=timezone.localdate())
    sections = sorted(plan.sections.prefetch_related("actions"),
                      key=lambda section: _SECTION_ORDER[section.key])
    for section in sections:
        section.record_facts = facts.get(section.key, [])
    return sections


# --- a young person's plans --------------------------------------------------------------------


@login_required
def plan_list(request, pk):
    """Every version of their plan (only authorised ones count), needs assessments and early
    reviews, with where the plan stands today."""
    user = request.user
    young_person = get_young_person_for(user, pk, log_view="pathway plans")
    return _plan_list_page(request, young_person)


def _plan_list_page(request, young_person, *, form=None, status=200):
    user = request.user
    today = timezone.localdate()
    plans = list(
        PathwayPlan.objects.filter(young_person=young_person)
        .select_related("author", "decided_by").order_by("-number")
    )
    position = selectors.plan_position_for(young_person, on=today)
    return render(request, "pathways/plan_list.html", {
        "young_person": young_person,
        "plans": plans,
        "open_plan": next((plan for plan in plans if plan.state in OPEN_STATES), None),
        "in_force": next((plan for plan in plans if plan.is_authorised), None),
        "standing_cell": standing_cell(
            selectors.plan_standing(position, today), selectors.plan_due_on(position), today
        ),
        "explanation": selectors.explain_plan_due(position),
        "assessments": list(
            NeedsAssessment.objects.filter(young_person=young_person).select_related(
                "completed_by"
            )
        ),
        "early_reviews": list(
            EarlyReview.objects.filter(young_person=young_person).select_related("met_by_plan")
        ),
        "can_write": can_edit_young_person(user, young_person),
        "form": form,
        "today": today,
    }, status=status)


@login_required
@require_POST
def plan_start(request, pk):
    """Start the next version: a first plan, or a review from the plan in force."""
    user = request.user
    young_person = get_young_person_for(user, pk, write=True)
    try:
        plan = services.plan_start(actor=user, young_person=young_person,
                                   today=timezone.localdate())
    except ValidationError as error:
        return _plan_list_page(request, young_person, form=RefusalForm(error))
    if plan.based_on is not None:
        messages.success(request, f"Review started. Plan {plan.number} is filled in from plan "
                                  f"{plan.based_on.number}: change what is different now.")
    else:
        messages.success(request, f"Plan {plan.number} started")
    return redirect("plan-edit", plan_id=plan.pk)


# --- one version -------------------------------------------------------------------------------


@login_required
def plan_detail(request, plan_id):
    plan = access.get_plan_for(request.user, plan_id, log_view="pathway plan")
    return _plan_page(request, plan)


def _plan_page(request, plan, *, submit_form=None, status=200):
    user = request.user
    can_write = plan.is_editable and access.can_write_plan(user, plan)
    if can_write and submit_form is None:
        submit_form = SubmitPlanForm(initial={"version": plan.version})
    deciding = (plan.state == PlanState.SUBMITTED
                and access.is_deciding_manager_for(user, plan.young_person))
    worked_on = deciding and access.worked_on_plan(user, plan)
    return render(request, "pathways/plan_detail.html", {
        "plan": plan,
        "young_person": plan.young_person,
        "sections": _sections(plan),
        "can_write": can_write,
        "can_decide": deciding and not worked_on,
        "worked_on_it": worked_on,
        "form": submit_form if can_write else None,
        "today": timezone.localdate(),
    }, status=status)


@login_required
def plan_edit(request, plan_id):
    user = request.user
    plan = access.get_plan_for(
        user, plan_id, write=True,
        log_view="change pathway plan" if request.method == "GET" else "",
    )
    if not plan.is_editable:
        messages.info(request, _why_not_editable(plan))
        return redirect("plan-detail", plan_id=plan.pk)
    sections = _sections(plan)
    form = PlanForm(request.POST if request.method == "POST" else None, plan=plan,
                    sections=sections)
    stale = None
    if request.method == "POST" and form.is_valid():
        then = request.POST.get("then", "save")
        version = form.cleaned_data["version"]
        try:
            # Saving and sending are one step: if the plan cannot be sent, nothing is saved and
            # the user's text stays on the page with the reason.
            with transaction.atomic():
                saved = services.plan_update(
                    actor=user, plan=plan, version=version, sections=form.section_values(),
                    today=timezone.localdate(), **form.plan_values(),
                )
                if then == "submit":
                    saved = services.plan_submit(actor=user, plan=saved, version=saved.version)
        except StaleEditError as error:
            stale = form.refuse_stale(error, read_version=version)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if then == "add-action":
                return redirect("plan-action-add", plan_id=plan.pk)
            if then == "submit":
                messages.success(request, _sent_message(saved))
            else:
                messages.success(request, f"Plan {saved.number} saved")
            return redirect("plan-detail", plan_id=plan.pk)
    return render(request, "pathways/plan_edit.html", {
        "form": form, "plan": plan, "young_person": plan.young_person, "sections": sections,
        "plan_actions": [action for section in sections for action in section.actions.all()],
        "stale": stale,
    })


def _why_not_editable(plan) -> str:
    if plan.state == PlanState.SUBMITTED:
        return (f"Plan {plan.number} is waiting for authorisation and cannot be changed until it "
                "is decided")
    return f"Plan {plan.number} has been authorised and cannot be changed: start a review instead"


def _sent_message(plan) -> str:
    return (f"Plan {plan.number} sent for authorisation. A manager of the "
            f"{plan.young_person.team.called}, or a duty manager, will decide it.")


@login_required
@require_POST
def plan_submit(request, plan_id):
    user = request.user
    plan = access.get_plan_for(user, plan_id, write=True)
    form = SubmitPlanForm(request.POST)
    if form.is_valid():
        try:
            saved = services.plan_submit(actor=user, plan=plan,
                                         version=form.cleaned_data["version"])
        except StaleEditError as error:
            form.add_error(None, STALE_EDIT_MESSAGE)
            form.data = form.data.copy()
            form.data["version"] = str(error.current.version)
            plan = access.get_plan_for(user, plan_id)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _sent_message(saved))
            return redirect("plan-detail", plan_id=plan.pk)
    return _plan_page(request, plan, submit_form=form)


# --- actions -----------------------------------------------------------------------------------


@login_required
def plan_action_add(request, plan_id):
    user = request.user
    plan = access.get_plan_for(user, plan_id, write=True,
                               log_view="" if request.method == "POST" else "add a plan action")
    if not plan.is_editable:
        messages.info(request, _why_not_editable(plan))
        return redirect("plan-detail", plan_id=plan.pk)
    form = ActionForm(request.POST if request.method == "POST" else None,
                      section_key=request.GET.get("section", ""))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_action_add(actor=user, plan=plan,
                                     section=form.cleaned_data["section"], **form.action_values())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, "Action added")
            return redirect(reverse("plan-edit", args=[plan.pk]) + "#actions")
    return render(request, "pathways/action_form.html", {
        "form": form, "plan": plan, "young_person": plan.young_person, "action": None,
    })


@login_required
def plan_action_edit(request, action_id):
    user = request.user
    action = access.get_action_for(
        user, action_id, write=True,
        log_view="" if request.method == "POST" else "change a plan action",
    )
    plan = action.section.plan
    if not plan.is_editable:
        messages.info(request, _why_not_editable(plan))
        return redirect("plan-detail", plan_id=plan.pk)
    form = ActionForm(request.POST if request.method == "POST" else None, action=action)
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                services.plan_action_remove(actor=user, action=action)
                messages.success(request, "Action taken off the plan")
                return redirect(reverse("plan-edit", args=[plan.pk]) + "#actions")
            if form.is_valid():
                services.plan_action_update(actor=user, action=action, **form.action_values())
                messages.success(request, "Action saved")
                return redirect(reverse("plan-edit", args=[plan.pk]) + "#actions")
        except ValidationError as error:
            form.add_service_error(error)
    return render(request, "pathways/action_form.html", {
        "form": form, "plan": plan, "young_person": plan.young_person, "action": action,
    })


# --- authorisation -----------------------------------------------------------------------------


@login_required
def plan_queue(request):
    """Plans waiting for authorisation, oldest first, with how long each has waited, 50 a page.
    Team managers see their teams'; duty managers every team's, and may pick one."""
    user = request.user
    if not access.may_authorise_plans(user):
        raise PermissionDenied
    plans = selectors.authorisation_queue(user)
    teams, team = None, None
    if access.decides_for_every_team(user):
        teams = list(Team.objects.order_by("name"))
        team_id = request.GET.get("team", "")
        if team_id:
            team = next((choice for choice in teams if choice.team_id == team_id), None)
            if team is None:
                raise Http404("No team found")
            plans = plans.filter(young_person__team=team)
    pages = paginate(request, plans, noun="plans")
    return render(request, "pathways/plan_queue.html", {
        "plans": pages.rows, "pages": pages, "teams": teams, "team": team,
    })


@login_required
def plan_decide(request, plan_id):
    user = request.user
    try:
        plan = access.get_plan_for(
            user, plan_id, write="decide",
            log_view="authorise pathway plan" if request.method == "GET" else "",
        )
    except access.WorkedOnPlan as refusal:
        return _plan_page(request, refusal.plan, status=403)
    if plan.state != PlanState.SUBMITTED:
        messages.info(request, f"Plan {plan.number} is not waiting for authorisation")
        return redirect("plan-detail", plan_id=plan.pk)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "authorise":
                decided = services.plan_authorise(actor=user, plan=plan)
                message = (f"Plan {decided.number} for {plan.young_person.display_name} "
                           f"authorised. Their next review is due by "
                           f"{long_date(decided.next_review_due)}.")
            else:
                decided = services.plan_return(actor=user, plan=plan,
                                               reasons=form.cleaned_data["reasons"])
                message = (f"Plan {decided.number} for {plan.young_person.display_name} "
                           f"returned to {plan.author} with what needs changing")
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, message)
            return redirect("plan-queue")
    return render(request, "pathways/plan_decide.html", {
        "form": form, "plan": plan, "young_person": plan.young_person,
        "sections": _sections(plan),
        "changes": selectors.changes_since_last_authorised(plan, on=timezone.localdate()),
    })


# --- early reviews -----------------------------------------------------------------------------


@login_required
def early_review_request(request, pk):
    user = request.user
    young_person = get_young_person_for(
        user, pk, write=True, log_view="ask for an early review" if request.method == "GET" else ""
    )
    today = timezone.localdate()
    form = EarlyReviewForm(request.POST if request.method == "POST" else None,
                           initial={"requested_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            early_review = services.early_review_request(
                actor=user, young_person=young_person, today=today, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if early_review.met_by_plan_id:
                text = (f"Early review recorded. Plan {early_review.met_by_plan.number}, reviewed "
                        "since, already meets it.")
            else:
                text = f"Early review asked for. It is due by {long_date(early_review.due_on)}."
            messages.success(request, text)
            return redirect("plan-list", pk=young_person.pk)
    return render(request, "pathways/early_review_form.html", {
        "form": form, "young_person": young_person,
    })


# --- needs assessments -------------------------------------------------------------------------


@login_required
@require_POST
def needs_assessment_start(request, pk):
    user = request.user
    young_person = get_young_person_for(user, pk, write=True)
    try:
        assessment = services.needs_assessment_start(
            actor=user, young_person=young_person, today=timezone.localdate()
        )
    except ValidationError as error:
        return _plan_list_page(request, young_person, form=RefusalForm(error))
    messages.success(request, "Needs assessment started")
    return redirect("needs-assessment", assessment_id=assessment.pk)


@login_required
def needs_assessment(request, assessment_id):
    """A needs assessment: a form while it is being done, and to read once completed."""
    user = request.user
    write = request.method == "POST"
    assessment = access.get_needs_assessment_for(
        user, assessment_id, write=write, log_view="" if write else "needs assessment"
    )
    young_person = assessment.young_person
    can_write = not assessment.is_complete and can_edit_young_person(user, young_person)
    form = stale = None
    if can_write:
        form = NeedsAssessmentForm(request.POST if write else None, assessment=assessment)
    elif write:
        messages.info(request, "This needs assessment has been completed and cannot be changed")
        return redirect("needs-assessment", assessment_id=assessment.pk)
    if write and form.is_valid():
        version = form.cleaned_data["version"]
        values = {"areas": form.areas(),
                  "young_persons_views": form.cleaned_data["young_persons_views"]}
        completing = request.POST.get("then") == "complete"
        try:
            if completing:
                services.needs_assessment_complete(
                    actor=user, assessment=assessment, version=version,
                    completed_on=form.cleaned_data["completed_on"], today=timezone.localdate(),
                    **values,
                )
            else:
                services.needs_assessment_update(actor=user, assessment=assessment,
                                                 version=version, **values)
        except StaleEditError as error:
            stale = form.refuse_stale(error, read_version=version)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if completing:
                messages.success(request, "Needs assessment completed. It fills in their first "
                                          "plan when you start it.")
                return redirect("plan-list", pk=young_person.pk)
            messages.success(request, "Needs assessment saved")
            return redirect("needs-assessment", assessment_id=assessment.pk)
    areas = [(label, assessment.areas.get(key, "")) for key, label in Section.choices]
    return render(request, "pathways/needs_assessment.html", {
        "form": form, "assessment": assessment, "young_person": young_person, "areas": areas,
        "stale": stale,
    })


# --- the plan as a document --------------------------------------------------------------------


def _authorised_plan_for_pdf(request, plan_id, *, which: str):
    plan = access.get_plan_for(request.user, plan_id,
                               log_view=f"pathway plan PDF ({which})")
    if not plan.is_authorised:
        # Only an authorised plan is the plan: drafts are never printed and handed over.
        raise Http404("Only an authorised plan can be downloaded")
    return plan


def _pdf_context(request, plan, *, sections) -> dict:
    young_person = plan.young_person
    status = StatutoryStatus.objects.filter(young_person=young_person).first()
    return {
        "plan": plan,
        "young_person": young_person,
        "sections": sections,
        "next_review_due": plan.next_review_due,
        "status_label": status.get_status_display() if status else "",
        "council_name": settings.COUNCIL_NAME,
        "service_name": settings.SERVICE_NAME,
        "made_at": timezone.now(),
        "made_by": request.user,
    }


def _css_string(text: str) -> str:
    """Text for a CSS `content` string in the page margins."""
    return text.replace("\\", "").replace('"', "").replace("\n", " ")


@login_required
def plan_pdf_young_person(request, plan_id):
    """The young person's copy: plain words, their own words first, the sections they have."""
    plan = _authorised_plan_for_pdf(request, plan_id, which="young person's copy")
    sections = [section for section in _sections(plan)
                if section.is_filled or section.actions.all()]
    context = _pdf_context(request, plan, sections=sections)
    context["running_foot"] = _css_string(settings.COUNCIL_NAME or "")
    pdf = render_pdf("pathways/pdf/young_person.html", context,
                     base_url=request.build_absolute_uri("/"))
    return pdf_response(pdf, filename=f"my-pathway-plan-{plan.number}.pdf")


@login_required
def plan_pdf_full(request, plan_id):
    """The full record of the plan for the file: every field, every section, every action."""
    plan = _authorised_plan_for_pdf(request, plan_id, which="full")
    context = _pdf_context(request, plan, sections=_sections(plan))
    context["running_head"] = _css_string(
        f"Pathway plan {plan.number}, council ID {plan.young_person.person_id}"
    )
    context["running_foot"] = "Confidential"
    pdf = render_pdf("pathways/pdf/full.html", context, base_url=request.build_absolute_uri("/"))
    return pdf_response(pdf, filename=f"pathway-plan-{plan.number}.pdf")
