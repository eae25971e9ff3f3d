"""Who may record and change contacts, allocate Personal Advisers and see team caseloads
(DOMAIN.md §6). Views ask here; templates never decide access."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from careleavers.access import get_visible_record_for, get_young_person_for
from careleavers.models import Role, Team, YoungPerson

from .models import Allocation, Contact, current_on

#: Roles that see a team's caseloads: the team's own manager, and managers across the service.
TEAM_PAGE_ROLES = (Role.TEAM_MANAGER, Role.DUTY_MANAGER, Role.SERVICE_MANAGER)


def _in_team(user, young_person) -> bool:
    return user.teams.filter(pk=young_person.team_id).exists()


def can_record_contact(user, young_person: YoungPerson) -> bool:
    """Any Personal Adviser or manager in the young person's team: colleagues cover visits."""
    return user.role in (Role.PERSONAL_ADVISER, Role.TEAM_MANAGER) and _in_team(user, young_person)


def has_own_caseload(user) -> bool:
    """Personal Advisers hold a caseload of their own (the "My caseload" page)."""
    return user.is_authenticated and user.role == Role.PERSONAL_ADVISER


def allocates_personal_advisers(user) -> bool:
    """Team managers allocate Personal Advisers for the young people in their teams."""
    return user.is_authenticated and user.role == Role.TEAM_MANAGER


def can_allocate(user, young_person: YoungPerson) -> bool:
    """Only the young person's team manager allocates and changes their Personal Adviser."""
    return allocates_personal_advisers(user) and _in_team(user, young_person)


def holds_case(user, young_person: YoungPerson, *, today: date | None = None) -> bool:
    """The user is the young person's Personal Adviser, or covering, today."""
    return Allocation.objects.filter(
        current_on(today or timezone.localdate()), young_person=young_person, adviser=user
    ).exists()


def contact_change_rule(user, young_person: YoungPerson, *, today: date | None = None):
    """Whether this user may change each contact on one young person's record, with the queries
    done once: whoever made the contact, whoever holds the case, and the team's manager."""
    if user.role == Role.TEAM_MANAGER and _in_team(user, young_person):
        return lambda contact: True
    holds = user.role == Role.PERSONAL_ADVISER and holds_case(user, young_person, today=today)
    return lambda contact: holds or contact.made_by_id == user.pk


def can_change_contact(user, contact: Contact) -> bool:
    return contact_change_rule(user, contact.young_person)(contact)


def get_young_person_for_contact(user, pk, *, log_view: str = "") -> YoungPerson:
    young_person = get_young_person_for(user, pk, log_view=log_view)
    if not can_record_contact(user, young_person):
        raise PermissionDenied
    return young_person


def get_young_person_for_allocation(user, pk, *, log_view: str = "") -> YoungPerson:
    young_person = get_young_person_for(user, pk, log_view=log_view)
    if not can_allocate(user, young_person):
        raise PermissionDenied
    return young_person


def get_team_for_moving(user, team_id: str | None) -> Team:
    """A team whose young people this user may move to another Personal Adviser together: only
    managers who allocate (403 for anyone else), for a team of theirs (404 otherwise)."""
    if not allocates_personal_advisers(user):
        raise PermissionDenied
    team, _ = get_team_for(user, team_id)
    return team


def get_young_people_to_move(user, pks) -> list[YoungPerson]:
    """The young people chosen to move: each one this user may see (404 if any is not, as for
    one record) and allocate for (403 otherwise)."""
    try:
        wanted = {int(pk) for pk in pks}
    except (TypeError, ValueError):
        raise Http404("No young person found") from None
    if any(not 0 < pk < 2**63 for pk in wanted):  # beyond any key: found nowhere
        raise Http404("No young person found")
    found = list(
        YoungPerson.objects.visible_to(user).filter(pk__in=wanted).select_related("team")
    )
    if len(found) != len(wanted):
        raise Http404("No young person found")
    teams = set(user.teams.values_list("pk", flat=True))
    if not allocates_personal_advisers(user) or any(p.team_id not in teams for p in found):
        raise PermissionDenied
    return found


def get_contact_for(user, pk, *, write: bool = False, log_view: str = "") -> Contact:
    """A contact on a record this user may see (404 otherwise); to change it, they must be allowed
    to (403 otherwise). `log_view` names the page, and records that this user opened it."""
    return get_visible_record_for(
        user, Contact.objects.select_related("young_person__team", "made_by"), pk,
        may_change=can_change_contact, write=write, log_view=log_view,
        missing="No contact found",
    )


def may_see_team_caseloads(user) -> bool:
    return user.is_authenticated and user.role in TEAM_PAGE_ROLES


def teams_for_team_page(user):
    """Team managers see their own teams; duty and service managers see every team."""
    if not may_see_team_caseloads(user):
        return Team.objects.none()
    if user.sees_all_teams:
        return Team.objects.all()
    return user.teams.all()


def get_team_for(user, team_id: str | None) -> tuple[Team, list[Team]]:
    """The team to show (the first the user may see, if none asked for), and every team they may
    choose from. 403 for roles without a team page; 404 for a team they may not see."""
    if not may_see_team_caseloads(user):
        raise PermissionDenied
    teams = list(teams_for_team_page(user).order_by("name"))
    if not teams:
        raise Http404("No team found")
    if not team_id:
        return teams[0], teams
    for team in teams:
        if team.team_id == team_id:
            return team, teams
    raise Http404("No team found")
