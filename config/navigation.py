"""What each role sees in the service navigation. Pages check access themselves, server-side;
this only decides which links are worth showing."""

from dataclasses import dataclass

from django.urls import reverse

from careleavers.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_HOME = NavItem("Home", "home")
_FIND = NavItem("Find a young person", "young-person-search")
_CASELOAD = NavItem("My caseload", "my-caseload")
_TEAM = NavItem("Team", "team-caseload")
_PLACEMENT_ALERTS = NavItem("Placement alerts", "placement-alerts")
_PLANS_TO_AUTHORISE = NavItem("Plans to authorise", "plan-queue")
_DASHBOARD = NavItem("Dashboard", "dashboard")
_REPORTS = NavItem("Reports", "reports")
_BOARD_PACKS = NavItem("Board packs", "board-packs")

_BY_ROLE: dict[str, list[NavItem]] = {
    Role.PERSONAL_ADVISER: [_HOME, _CASELOAD, _FIND],
    Role.TEAM_MANAGER: [_HOME, _DASHBOARD, _REPORTS, _TEAM, _PLANS_TO_AUTHORISE, _PLACEMENT_ALERTS,
                        _FIND],
    Role.DUTY_MANAGER: [_HOME, _DASHBOARD, _REPORTS, _TEAM, _PLANS_TO_AUTHORISE, _PLACEMENT_ALERTS,
                        _FIND],
    Role.SERVICE_MANAGER: [_HOME, _DASHBOARD, _REPORTS, _TEAM, _PLACEMENT_ALERTS, _FIND],
    Role.BOARD_MEMBER: [_HOME, _BOARD_PACKS],
    Role.ADMINISTRATOR: [_HOME, NavItem("Users and teams", "admin:index")],
}


def navigation_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return _BY_ROLE.get(user.role, [_HOME])
