""""What needs doing" on staff home pages: a PA's own young people's alerts, a manager's team's."""

from careleavers.models import Role
from careleavers.record import HomePanel, home_panel

from .alerts import alerts_for, ordered_by_kind

#: Rows shown for each kind of alert; the rest are counted ("and 12 more").
SHOWN_PER_KIND = 10


@home_panel
def what_needs_doing(*, user, today):
    """One query: the user's open alerts with their young people."""
    if user.role not in (Role.PERSONAL_ADVISER, Role.TEAM_MANAGER, Role.DUTY_MANAGER,
                         Role.SERVICE_MANAGER):
        return None
    groups = ordered_by_kind(alerts_for(user, today=today))
    return HomePanel(order=10, template="alerts/_what_needs_doing.html", context={
        "groups": [
            {"label": label, "count": len(alerts), "alerts": alerts[:SHOWN_PER_KIND],
             "more": max(len(alerts) - SHOWN_PER_KIND, 0)}
            for label, alerts in groups
        ],
        "whose": "your young people" if user.role == Role.PERSONAL_ADVISER else "your team",
    })

