from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    """Staff roles (DOMAIN.md §6). The value is what imports and the API use."""

    PERSONAL_ADVISER = "personal_adviser", "Personal Adviser"
    TEAM_MANAGER = "team_manager", "Team manager"
    DUTY_MANAGER = "duty_manager", "Duty manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    BOARD_MEMBER = "board_member", "Board member"
    ADMINISTRATOR = "administrator", "Administrator"


#: Roles whose work covers every team rather than their own.
ALL_TEAM_ROLES = frozenset({Role.DUTY_MANAGER, Role.SERVICE_MANAGER})


class Team(models.Model):
    """A leaving-care team. Young people and staff belong to teams; access follows them."""

    team_id = models.SlugField("team ID", max_length=50, unique=True)
    name = models.CharField(max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class StaffQuerySet(models.QuerySet):
    def personal_advisers(self):
        return self.filter(role=Role.PERSONAL_ADVISER, is_active=True)

    def in_team(self, team):
        return self.filter(teams=team)


class StaffManager(UserManager.from_queryset(StaffQuerySet)):
    pass


class User(AbstractUser):
    """A member of staff. Young people are not users of this system."""

    full_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=30, choices=Role.choices)
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    caseload_capacity = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many young people this adviser can hold."
    )

    objects = StaffManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["full_name", "username"]

    def __str__(self):
        return self.full_name or self.get_username()

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.get_username()

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @property
    def sees_all_teams(self) -> bool:
        return self.role in ALL_TEAM_ROLES
