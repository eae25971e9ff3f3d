"""Writes for staff and teams. Forms, imports and the demo seed all come through here."""

from django.db import transaction

from .models import Role, Team, User


@transaction.atomic
def team_upsert(*, actor, team_id: str, name: str) -> Team:
    team, created = Team.objects.get_or_create(team_id=team_id, defaults={"name": name})
    if not created and team.name != name:
        team.name = name
        team._history_user = actor
        team.save(update_fields=["name"])
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
    user._history_user = actor
    user.save()
    user.teams.set(teams)
    return user
