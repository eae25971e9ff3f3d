"""Who may see and act on a young person's local offer (DOMAIN.md §6, §7). Views fetch requests
and payments only through here; templates never decide access.

- Seeing it: anyone who may see the young person's record.
- Asking for something: whoever may change the young person's record (their Personal Adviser or
  cover, their team manager).
- Agreeing or declining a request: a team manager of the young person's team, or a duty manager
  (any team, for when the team manager is away), as for pathway plans; never the person who
  asked (four eyes), which the service refuses with the reason.
- Recording or cancelling a payment: whoever may ask, or agree.
- The payments file for the finance system: service managers (every team), team managers
  (their teams).
"""

from django.core.exceptions import PermissionDenied

from careleavers.access import can_edit_young_person, get_child_record_for, record_view
from careleavers.models import Role, Team, YoungPerson

from .models import OfferRequest, Payment

#: Roles that agree requests, and see a list of those waiting.
DECIDING_ROLES = (Role.TEAM_MANAGER, Role.DUTY_MANAGER)


def may_agree_requests(user) -> bool:
    """Whether this user has a list of requests to agree at all."""
    return user.is_authenticated and user.role in DECIDING_ROLES


def decides_for_every_team(user) -> bool:
    return user.is_authenticated and user.role == Role.DUTY_MANAGER


def is_deciding_manager_for(user, young_person: YoungPerson) -> bool:
    """A team manager of the young person's team, or any duty manager."""
    if decides_for_every_team(user):
        return True
    return (user.is_authenticated and user.role == Role.TEAM_MANAGER
            and user.teams.filter(pk=young_person.team_id).exists())


def can_ask(user, young_person: YoungPerson) -> bool:
    return can_edit_young_person(user, young_person)


def can_pay(user, young_person: YoungPerson) -> bool:
    return can_edit_young_person(user, young_person) or is_deciding_manager_for(user, young_person)


def payments_file_teams(user):
    """The teams whose payments this user may download for the finance system: every team for
    a service manager, their own for a team manager; None for anyone else."""
    if not user.is_authenticated:
        return None
    if user.role == Role.SERVICE_MANAGER:
        return Team.objects.all()
    if user.role == Role.TEAM_MANAGER:
        return user.teams.all()
    return None


def get_request_for(user, young_person_pk, pk, *, write: str = "", log_view: str = ""):
    """A request on a record this user may see (404 otherwise). `write="decide"`: they may agree
    or decline it; `write="pay"`: they may record a payment against it (403 otherwise). Returns
    (young_person, request)."""
    young_person, request = get_child_record_for(
        user, young_person_pk,
        OfferRequest.objects.select_related("entitlement", "asked_by", "decided_by"), pk,
        missing="No request found",
    )
    _authorise(user, young_person, write)
    record_view(user, young_person, log_view)
    return young_person, request


def get_payment_for(user, young_person_pk, pk, *, write: bool = False, log_view: str = ""):
    """A payment on a record this user may see (404 otherwise) and, if `write`, cancel (403
    otherwise). Returns (young_person, payment)."""
    young_person, payment = get_child_record_for(
        user, young_person_pk,
        Payment.objects.select_related("entitlement", "request", "recorded_by"), pk,
        missing="No payment found",
    )
    _authorise(user, young_person, "pay" if write else "")
    record_view(user, young_person, log_view)
    return young_person, payment


def _authorise(user, young_person, write: str) -> None:
    if write == "decide" and not is_deciding_manager_for(user, young_person):
        raise PermissionDenied
    if write == "pay" and not can_pay(user, young_person):
        raise PermissionDenied
