"""Who may read, write and decide pathway plans and needs assessments (DOMAIN.md §2, §6). Views
fetch plans only through here; templates never decide access.

- Reading: anyone who may see the young person's record.
- Writing (a draft, a needs assessment, asking for an early review): the plan's author, or
  whoever may change the young person's record (their Personal Adviser or cover, their team
  manager).
- Deciding (authorising or returning): a team manager of the young person's team, or a duty
  manager (any team, for when the team manager is away); never the plan's author.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from careleavers.access import can_edit_young_person
from careleavers.models import RecordView, Role, YoungPerson

from .models import NeedsAssessment, PathwayPlan, PlanAction

#: Roles that authorise plans, and see a queue of plans waiting.
DECIDING_ROLES = (Role.TEAM_MANAGER, Role.DUTY_MANAGER)


def may_authorise_plans(user) -> bool:
    """Whether this user has a queue of plans to authorise at all."""
    return user.is_authenticated and user.role in DECIDING_ROLES


def is_deciding_manager_for(user, young_person: YoungPerson) -> bool:
    """A team manager of the young person's team, or any duty manager (DOMAIN.md §2: "a team
    manager, or a duty manager when the team manager is away")."""
    if user.role == Role.DUTY_MANAGER:
        return True
    return user.role == Role.TEAM_MANAGER and user.teams.filter(pk=young_person.team_id).exists()


def can_decide_plan(user, plan: PathwayPlan) -> bool:
    """An author never authorises their own plan (DOMAIN.md §2)."""
    return plan.author_id != user.pk and is_deciding_manager_for(user, plan.young_person)


def can_write_plan(user, plan: PathwayPlan) -> bool:
    return plan.author_id == user.pk or can_edit_young_person(user, plan.young_person)


def get_plan_for(user, pk, *, write: bool | str = False, log_view: str = "") -> PathwayPlan:
    """A plan on a record this user may see (404 otherwise). `write=True`: they may change it;
    `write="decide"`: they may authorise or return it (403 otherwise). `log_view` names the page,
    and records that this user opened the young person's plan."""
    plan = (
        PathwayPlan.objects.filter(pk=pk, young_person__in=YoungPerson.objects.visible_to(user))
        .select_related("young_person__team", "author", "decided_by", "based_on")
        .first()
    )
    if plan is None:
        raise Http404("No pathway plan found")
    if write == "decide":
        if not can_decide_plan(user, plan):
            raise PermissionDenied
    elif write and not can_write_plan(user, plan):
        raise PermissionDenied
    if log_view:
        RecordView.objects.create(young_person=plan.young_person, viewed_by=user, page=log_view)
    return plan


def get_action_for(user, pk, *, write: bool = False) -> PlanAction:
    """An action on a plan this user may see (404 otherwise), and may change if `write`."""
    action = (
        PlanAction.objects.filter(
            pk=pk, section__plan__young_person__in=YoungPerson.objects.visible_to(user)
        )
        .select_related("section__plan__young_person__team", "section__plan__author")
        .first()
    )
    if action is None:
        raise Http404("No action found")
    if write and not can_write_plan(user, action.section.plan):
        raise PermissionDenied
    return action


def get_needs_assessment_for(
    user, pk, *, write: bool = False, log_view: str = ""
) -> NeedsAssessment:
    assessment = (
        NeedsAssessment.objects.filter(
            pk=pk, young_person__in=YoungPerson.objects.visible_to(user)
        )
        .select_related("young_person__team", "completed_by")
        .first()
    )
    if assessment is None:
        raise Http404("No needs assessment found")
    if write and not can_edit_young_person(user, assessment.young_person):
        raise PermissionDenied
    if log_view:
        RecordView.objects.create(
            young_person=assessment.young_person, viewed_by=user, page=log_view
        )
    return assessment
