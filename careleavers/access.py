"""Who may see and change a young person's record (DOMAIN.md §6). Views never fetch a case
record any other way, and templates never decide access."""

from operator import attrgetter

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from .models import RecordView, Role, YoungPerson


def can_edit_young_person(user, young_person) -> bool:
    """Team managers edit their team's records; a Personal Adviser edits the young people they
    are allocated to or covering. (Allocations belong to `advisers`; read here by relation.)"""
    if user.role == Role.TEAM_MANAGER:
        return user.teams.filter(pk=young_person.team_id).exists()
    if user.role == Role.PERSONAL_ADVISER:
        today = timezone.localdate()
        return young_person.allocations.filter(
            Q(end_on__isnull=True) | Q(end_on__gte=today), adviser=user, start_on__lte=today
        ).exists()
    return False


def get_young_person_for(user, pk, *, write: bool = False, log_view: str = "") -> YoungPerson:
    """Fetch a young person this user may see (404 otherwise), and may change if `write`
    (403 otherwise). `log_view` names the page, and records that this user opened it."""
    young_person = YoungPerson.objects.visible_to(user).filter(pk=pk).select_related("team").first()
    if young_person is None:
        raise Http404("No young person found")
    if write and not can_edit_young_person(user, young_person):
        raise PermissionDenied
    record_view(user, young_person, log_view)
    return young_person


def get_child_record_for(user, young_person_pk, records, pk, *, write: bool = False,
                         log_view: str = "", missing: str = "Not found"):
    """A record of `records` (a model's manager or queryset) on a young person this user may
    see (404 otherwise) and, if `write`, change (403 otherwise); 404 with `missing` if that young
    person has no such record. `log_view` as for `get_young_person_for`. Returns
    (young_person, record)."""
    young_person = get_young_person_for(user, young_person_pk, write=write)
    record = records.filter(young_person=young_person, pk=pk).first()
    if record is None:
        raise Http404(missing)
    record_view(user, young_person, log_view)
    record.young_person = young_person
    return young_person, record


def get_visible_record_for(user, records, pk, *, through: str = "young_person",
                           may_change=None, write: bool = False, log_view: str = "",
                           missing: str = "Not found"):
    """A record of `records` (a queryset) whose young person, reached by the lookup `through`,
    this user may see (404 with `missing` otherwise); if `write`, one they may change (403
    otherwise): `may_change(user, record)`, or by default whether they may change the young
    person's record. `log_view` names the page, and records that this user opened it."""
    record = records.filter(
        pk=pk, **{f"{through}__in": YoungPerson.objects.visible_to(user)}
    ).first()
    if record is None:
        raise Http404(missing)
    young_person = attrgetter(through.replace("__", "."))(record)
    if write and not (may_change(user, record) if may_change is not None
                      else can_edit_young_person(user, young_person)):
        raise PermissionDenied
    record_view(user, young_person, log_view)
    return record


def record_view(user, young_person, page: str) -> None:
    """This user opened this page of the young person's record (DOMAIN.md §6); nothing if no
    page is named. An access function for something in the record logs once it has found that
    too, so an address naming nothing there logs nothing."""
    if page:
        RecordView.objects.create(young_person=young_person, viewed_by=user, page=page)


def record_download(user, young_person_ids, what: str) -> None:
    """This user downloaded a file holding these young people's details: each one's record says
    who took their details away, and in which file."""
    RecordView.objects.bulk_create(
        [RecordView(young_person_id=pk, viewed_by=user, page=f"downloaded {what}")
         for pk in young_person_ids],
        batch_size=1000,
    )


def can_see_young_people(user) -> bool:
    """Board members and administrators see no young person at all (DOMAIN.md §6)."""
    return user.is_authenticated and user.role not in (Role.BOARD_MEMBER, Role.ADMINISTRATOR)


def can_add_young_person(user) -> bool:
    """Team managers and Personal Advisers open records, for their own teams."""
    return (
        user.is_authenticated
        and user.role in (Role.TEAM_MANAGER, Role.PERSONAL_ADVISER)
        and user.teams.exists()
    )
