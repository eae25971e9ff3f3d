"""Who may see and change where a young person lives, and who sees placement alerts
(DOMAIN.md §6). The same people as their record (careleavers.access); one function per record
type, and templates never decide access."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from careleavers.access import can_edit_young_person, get_child_record_for
from careleavers.models import Role, YoungPerson

from .models import AccommodationEpisode, PlacementAlert

#: Managers see placement alerts: their own team's, or every team's for duty and service managers.
ALERT_ROLES = (Role.TEAM_MANAGER, Role.DUTY_MANAGER, Role.SERVICE_MANAGER)
#: Managers who react to an alert and mark it seen: the team manager, or the duty manager when
#: the team manager is away. Service managers watch the figures.
ACKNOWLEDGE_ROLES = (Role.TEAM_MANAGER, Role.DUTY_MANAGER)


def can_change_accommodation(user, young_person: YoungPerson) -> bool:
    return can_edit_young_person(user, young_person)


def get_episode_for(user, young_person_pk, pk, *, write: bool = False, log_view: str = ""):
    """An accommodation episode on a record this user may see (404 otherwise) and, if `write`,
    change (403 otherwise). Returns (young_person, episode)."""
    return get_child_record_for(user, young_person_pk, AccommodationEpisode.objects, pk,
                                write=write, log_view=log_view, missing="No accommodation found")


def may_see_placement_alerts(user) -> bool:
    return user.is_authenticated and user.role in ALERT_ROLES


def may_acknowledge_placement_alerts(user) -> bool:
    return user.is_authenticated and user.role in ACKNOWLEDGE_ROLES


def placement_alerts_for(user):
    """The episodes with alerts this user may see: young people they may see (restricted records
    only for the staff named), and only for managers."""
    if not may_see_placement_alerts(user):
        raise PermissionDenied
    return AccommodationEpisode.objects.filter(
        young_person__in=YoungPerson.objects.visible_to(user).values("pk")
    )


def get_alert_for(user, pk) -> PlacementAlert:
    """An alert this user may mark as seen: 404 if they may not see it, 403 if they may see it
    but not act on it."""
    if not may_see_placement_alerts(user):
        raise PermissionDenied
    alert = (
        PlacementAlert.objects.filter(
            pk=pk, episode__young_person__in=YoungPerson.objects.visible_to(user).values("pk")
        ).select_related("episode__young_person").first()
    )
    if alert is None:
        raise Http404("No alert found")
    if not may_acknowledge_placement_alerts(user):
        raise PermissionDenied
    return alert
