"""Who sees the dashboard and the lists behind its figures (DOMAIN.md §6): team managers for their
own teams, duty and service managers for every team. Board members get the board pack instead;
Personal Advisers have their caseload. Views ask here; templates never decide access."""

from django.core.exceptions import PermissionDenied

from careleavers.models import Role, Team, YoungPerson

from .models import BoardPackFile

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


def may_see_data_quality(user) -> bool:
    """The data quality page: the managers who see the dashboard, for the same young people
    (team managers their teams, duty and service managers every team)."""
    return may_see_dashboard(user)


def data_quality_scope_for(user):
    """The young people whose records this user may be asked to put right: 403 for anyone
    else. Follows the record rule, restricted records included only for the staff named."""
    if not may_see_data_quality(user):
        raise PermissionDenied
    return YoungPerson.objects.visible_to(user)


def may_see_any_report(user) -> bool:
    """The reports page: anyone who may use at least one report on it."""
    return may_see_reports(user) or may_see_data_quality(user)


#: Who reads the board pack (DOMAIN.md §6): board members, and the service managers who make it.
BOARD_PACK_READERS = (Role.BOARD_MEMBER, Role.SERVICE_MANAGER)


def may_make_board_pack(user) -> bool:
    """Writing the commentary and making the PDF: service managers."""
    return may_see_reports(user)


def may_read_board_packs(user) -> bool:
    return user.is_authenticated and user.role in BOARD_PACK_READERS


def board_pack_files_for(user):
    """The board pack PDFs this user may download (those made, without the PDF itself): 403 for
    anyone but board members and service managers."""
    if not may_read_board_packs(user):
        raise PermissionDenied
    return BoardPackFile.objects.done().without_pdf()
