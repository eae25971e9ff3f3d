"""Who sees the dashboard and the lists behind its figures (DOMAIN.md §6): team managers for their
own teams, duty and service managers for every team. Board members get the board pack instead;
Personal Advisers have their caseload. Views ask here; templates never decide access.

Who prepares the reports that leave the service is decided here too, once, for the packages
that make them (`returns`, `boardpack`)."""

from django.core.exceptions import PermissionDenied

from careleavers.models import Role, Team, YoungPerson

DASHBOARD_ROLES = (Role.TEAM_MANAGER, Role.DUTY_MANAGER, Role.SERVICE_MANAGER)


def may_see_dashboard(user) -> bool:
    return user.is_authenticated and user.role in DASHBOARD_ROLES


def dashboard_scope_for(user):
    """(the teams this user may choose between, the young people they may count and list):
    403 for anyone else. The young people follow the record rule, so restricted records are
    counted only for the staff named on them."""
    if not may_see_dashboard(user):
        raise PermissionDenied
    teams = Team.objects.all() if user.sees_all_teams else user.teams.all()
    return teams.order_by("name"), YoungPerson.objects.visible_to(user)


#: Who prepares the documents that leave the service (DOMAIN.md §6: service managers report and
#: make the board pack).
REPORT_ROLES = (Role.SERVICE_MANAGER,)


def may_see_reports(user) -> bool:
    return user.is_authenticated and user.role in REPORT_ROLES
