"""Who uses the reports that leave the service and the data quality page that gets records ready
for them (DOMAIN.md §6). Views ask here; templates never decide access."""

from django.core.exceptions import PermissionDenied

from careleavers.models import YoungPerson
from dashboard.access import may_see_dashboard, may_see_reports


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
