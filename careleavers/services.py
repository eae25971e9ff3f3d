"""Writes for staff and teams. Forms, imports and the demo seed all come through here."""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .concurrency import lock_if_current
from .history import save_with_history
from .models import Role, Team, User, YoungPerson


@transaction.atomic
def team_upsert(*, actor, team_id: str, name: str) -> Team:
    team, created = Team.objects.get_or_create(team_id=team_id, defaults={"name": name})
    if not created and team.name != name:
        team.name = name
        save_with_history(team, actor, update_fields=["name"])
    return team


@transaction.atomic
def staff_upsert(
    *,
    actor,
    username: str,
    full_name: str,
    email: str,
    role: str,
    teams: list[Team],
    caseload_capacity: int | None = None,
    password: str | None = None,
) -> User:
    """Create or update a member of staff. Administrators get Django admin; nobody else does."""
    user = User.objects.filter(username=username).first() or User(username=username)
    user.full_name = full_name
    user.email = email
    user.role = Role(role)
    user.caseload_capacity = caseload_capacity
    user.is_staff = user.is_superuser = user.role == Role.ADMINISTRATOR
    if password:
        user.set_password(password)
    elif user.pk is None:
        user.set_unusable_password()
    save_with_history(user, actor)
    user.teams.set(teams)
    return user


# Other packages derive things from a young person's identity (status depends on the date of
# birth). They register a function here, called in the same transaction as any create or
# change, so careleavers depends on none of them.
_identity_dependents: list = []


def recompute_on_identity_change(function):
    _identity_dependents.append(function)
    return function


def _recompute_dependents(*, actor, young_person):
    for function in _identity_dependents:
        function(actor=actor, young_person=young_person)


# What is worked out from a young person's records (what needs doing for them, in `alerts`) is
# brought up to date in the same transaction as the change that moves it, so no page waits for
# the night (DESIGN.md, data flow). Packages register a refresh here; every service that
# changes a young person's records ends by calling `young_person_changed`.
_change_dependents: list = []


def refresh_on_change(*, order: int):
    """Register `function(young_person_ids=…, on=…)`, called in the transaction of every change,
    lowest `order` first (what others read is refreshed before them)."""
    def register(function):
        if function not in [registered for _, registered in _change_dependents]:
            _change_dependents.append((order, function))
            _change_dependents.sort(key=lambda entry: entry[0])
        return function

    return register


def young_person_changed(young_person, *, on: date | None = None) -> None:
    """This young person's records have changed: bring what is derived from them up to date
    for `on` (today by default), before the caller's transaction commits."""
    young_people_changed([young_person.pk], on=on)


def young_people_changed(young_person_ids, *, on: date | None = None) -> None:
    """As `young_person_changed`, for many young people at once (an import)."""
    ids = set(young_person_ids)
    if not ids:
        return
    on = on or timezone.localdate()
    collecting = _collecting.get()
    if collecting is not None:
        collecting.setdefault(on, set()).update(ids)
        return
    _refresh(ids, on)


def _refresh(ids, on: date) -> None:
    for _, function in _change_dependents:
        function(young_person_ids=sorted(ids), on=on)


_collecting: ContextVar[dict[date, set[int]] | None] = ContextVar("changes_collected",
                                                                   default=None)


@contextmanager
def changes_collected():
    """Work that changes many young people in one transaction (the demo, an import): inside
    this, changes are noted rather than refreshed one by one, and on the way out each young
    person changed is refreshed once, all together, before the transaction commits. If the
    work fails, nothing is refreshed (the transaction rolls back). Nested uses are one."""
    if _collecting.get() is not None:
        yield
        return
    pending: dict[date, set[int]] = {}
    token = _collecting.set(pending)
    try:
        yield
    finally:
        _collecting.reset(token)
    for on, ids in sorted(pending.items()):
        _refresh(ids, on)


IDENTITY_FIELDS = [
    "first_name", "last_name", "preferred_name", "date_of_birth", "sex", "ethnicity", "upn",
    "uasc", "disability", "languages", "phone", "email", "address", "team", "restricted",
]


def validate_date_of_birth(date_of_birth, *, today):
    """Leaving-care services work with young people from 16 to 25; a record may be opened from
    14 (when looked-after time starts to count) and kept to 26."""
    age = today.year - date_of_birth.year - (
        (today.month, today.day) < (date_of_birth.month, date_of_birth.day)
    )
    if age < 14:
        raise ValidationError(
            {"date_of_birth": "Date of birth must make them at least 14 years old today"}
        )
    if age > 26:
        raise ValidationError(
            {"date_of_birth": "Date of birth must make them no more than 26 years old today"}
        )


@transaction.atomic
def young_person_create(*, actor, today, restricted_to=(), **fields) -> YoungPerson:
    validate_date_of_birth(fields["date_of_birth"], today=today)
    if YoungPerson.objects.filter(person_id__iexact=fields["person_id"]).exists():
        raise ValidationError({"person_id": "Another young person already has this council ID"})
    young_person = YoungPerson(**fields)
    young_person.full_clean(exclude=["restricted_to"])
    save_with_history(young_person, actor)
    young_person.restricted_to.set(restricted_to)
    _recompute_dependents(actor=actor, young_person=young_person)
    young_person_changed(young_person)
    return young_person


@transaction.atomic
def young_person_update(
    *, actor, young_person, version, today, restricted_to=None, **fields
) -> YoungPerson:
    current = lock_if_current(YoungPerson, pk=young_person.pk, expected_version=version)
    if "date_of_birth" in fields:
        validate_date_of_birth(fields["date_of_birth"], today=today)
    for name, value in fields.items():
        setattr(current, name, value)
    current.version = version + 1
    current.full_clean(exclude=["restricted_to"])
    save_with_history(current, actor)
    if restricted_to is not None:
        current.restricted_to.set(restricted_to)
    _recompute_dependents(actor=actor, young_person=current)
    young_person_changed(current)
    return current


# A significant change in a young person's life (a move of accommodation, for one) means their
# pathway plan should be reviewed early (DOMAIN.md §2). Packages that record such changes call
# `significant_change_recorded`; pathways registers what to do about it.
_significant_change_handlers: list = []


def on_significant_change(function):
    _significant_change_handlers.append(function)
    return function


def significant_change_recorded(*, actor, young_person, on, kind: str, description: str):
    """`kind` names the change (e.g. "accommodation_move"); `description` is plain words."""
    for handler in _significant_change_handlers:
        handler(actor=actor, young_person=young_person, on=on, kind=kind, description=description)
