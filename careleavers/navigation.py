"""What each role sees in the service navigation. Pages check access themselves, server-side;
this only decides which links are worth showing."""

from dataclasses import dataclass

from django.urls import reverse

from .models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


_HOME = NavItem("Home", "home")

_BY_ROLE: dict[str, list[NavItem]] = {
    Role.PERSONAL_ADVISER: [_HOME],
    Role.TEAM_MANAGER: [_HOME],
    Role.DUTY_MANAGER: [_HOME],
    Role.SERVICE_MANAGER: [_HOME],
    Role.BOARD_MEMBER: [_HOME],
    Role.ADMINISTRATOR: [_HOME, NavItem("Users and teams", "admin:index")],
}


def navigation_for(user) -> list[NavItem]:
    if not user.is_authenticated:
        return []
    return _BY_ROLE.get(user.role, [_HOME])
