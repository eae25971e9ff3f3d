"""Who may read, write and decide pathway plans and needs assessments (DOMAIN.md §2, §6). Views
fetch plans only through here; templates never decide access.

- Reading: anyone who may see the young person's record.
- Writing (a draft, a needs assessment, asking for an early review): the plan's author, or
  whoever may change the young person's record (their Personal Adviser or cover, their team
  manager).
- Deciding (authorising or returning): a team manager of the young person's team, or a duty
  manager (any team, for when the team manager is away); never anyone who worked on the plan:
  its author, whoever saved a change to it, its sections or actions, or sent it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from careleavers.access import can_edit_young_person, get_visible_record_for, record_view
from careleavers.models import Role, YoungPerson

from .models import NeedsAssessment, PathwayPlan, PlanAction, PlanSection, PlanState

#: Roles that authorise plans, and see a queue of plans waiting.
DECIDING_ROLES = (Role.TEAM_MANAGER, Role.DUTY_MANAGER)


def may_authorise_plans(user) -> bool:
    """Whether this user has a queue of plans to authorise at all."""
    return user.is_authenticated and user.role in DECIDING_ROLES


def decides_for_every_team(user) -> bool:
    """Duty managers decide plans from any team (for when the team manager is away), and may pick
    which team's queue to see."""
    return user.is_authenticated and user.role == Role.DUTY_MANAGER


def is_deciding_manager_for(user, young_person: YoungPerson) -> bool:
    """A team manager of the young person's team, or any duty manager (DOMAIN.md §2: "a team
    manager, or a duty manager when the team manager is away")."""
    if decides_for_every_team(user):
        return True
    return user.role == Role.TEAM_MANAGER and user.teams.filter(pk=young_person.team_id).exists()


def worked_on_by(user) -> Q:
    """A condition on plans: `user` wrote the plan, saved any change to it, to a section or an
    action of it, or sent it for authorisation. Four eyes (DOMAIN.md §2) means none of them
    decides it: a manager who fills in a plan a PA started must not then authorise it.

    Deciding is not working on it: the manager who returned a plan (the saved row that follows
    the one in which it was waiting) may decide it when it comes back, unless they changed it in
    between.
    """
    decision = PathwayPlan.history.filter(
        id=OuterRef("id"), version=OuterRef("version") - 1, state=PlanState.SUBMITTED
    )
    plan_saves = PathwayPlan.history.filter(id=OuterRef("pk"), history_user=user).exclude(
        Q(state__in=(PlanState.RETURNED, PlanState.AUTHORISED)) & Exists(decision)
    )
    section_saves = PlanSection.history.filter(plan_id=OuterRef("pk"), history_user=user)
    action_saves = PlanAction.history.filter(
        section_id__in=PlanSection.history.filter(plan_id=OuterRef(OuterRef("pk"))).values("id"),
        history_user=user,
    )
    return (Q(author=user) | Exists(plan_saves) | Exists(section_saves)
            | Exists(action_saves))


def worked_on_plan(user, plan: PathwayPlan) -> bool:
    return PathwayPlan.objects.filter(worked_on_by(user), pk=plan.pk).exists()


def can_write_plan(user, plan: PathwayPlan) -> bool:
    return plan.author_id == user.pk or can_edit_young_person(user, plan.young_person)


class WorkedOnPlan(PermissionDenied):
    """A deciding manager may see the plan but not decide it, having worked on it: the page
    shows the plan and says why, rather than a bare refusal."""

    def __init__(self, plan: PathwayPlan):
        super().__init__("You wrote, changed or sent this plan")
        self.plan = plan


def get_plan_for(user, pk, *, write: bool | str = False, log_view: str = "") -> PathwayPlan:
    """A plan on a record this user may see (404 otherwise). `write=True`: they may change it;
    `write="decide"`: they may authorise or return it (403 otherwise; WorkedOnPlan if only
    because they worked on it). `log_view` names the page,
    and records that this user opened the young person's plan."""
    plan = (
        PathwayPlan.objects.filter(pk=pk, young_person__in=YoungPerson.objects.visible_to(user))
        .select_related("young_person__team", "author", "decided_by", "based_on")
        .first()
    )
    if plan is None:
        raise Http404("No pathway plan found")
    worked_on = False
    if write == "decide":
        if not is_deciding_manager_for(user, plan.young_person):
            raise PermissionDenied
        worked_on = worked_on_plan(user, plan)
    elif write and not can_write_plan(user, plan):
        raise PermissionDenied
    record_view(user, plan.young_person, log_view)
    if worked_on:
        # They may read it (and the opening is logged above), but not decide it.
        raise WorkedOnPlan(plan)
    return plan


def get_action_for(user, pk, *, write: bool = False, log_view: str = "") -> PlanAction:
    """An action on a plan this user may see (404 otherwise), and may change if `write`.
    `log_view` names the page, and records that this user opened it."""
    return get_visible_record_for(
        user,
        PlanAction.objects.select_related("section__plan__young_person__team",
                                          "section__plan__author"),
        pk, through="section__plan__young_person",
        may_change=lambda user, action: can_write_plan(user, action.section.plan),
        write=write, log_view=log_view, missing="No action found",
    )


def get_needs_assessment_for(
    user, pk, *, write: bool = False, log_view: str = ""
) -> NeedsAssessment:
    return get_visible_record_for(
        user, NeedsAssessment.objects.select_related("young_person__team", "completed_by"), pk,
        write=write, log_view=log_view, missing="No needs assessment found",
    )
