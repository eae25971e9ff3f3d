from django.apps import apps
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
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

    @property
    def called(self) -> str:
        """The team as a sentence names it: "North team", or "North leaving care team" as it
        is, never "North leaving care team team"."""
        return self.name if self.name.lower().endswith("team") else f"{self.name} team"


class StaffQuerySet(models.QuerySet):
    def personal_advisers(self):
        return self.filter(role=Role.PERSONAL_ADVISER, is_active=True)

    def in_team(self, team):
        return self.filter(teams=team)


class StaffManager(UserManager.from_queryset(StaffQuerySet)):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # `createsuperuser` makes the first administrator, who then adds everyone else.
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A member of staff. Young people are not users of this system."""

    full_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=30, choices=Role.choices)
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    caseload_capacity = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many young people this adviser can hold."
    )
    work_phone = models.CharField(
        "work phone number", max_length=30, blank=True,
        help_text="The number young people they work with can call or text",
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

    def has_left_a_trace(self) -> bool:
        """True once they have changed or opened any record. Their account is then kept (made
        inactive to stop them signing in), so their name stays on every change and opening."""
        if RecordView.objects.filter(viewed_by=self).exists():
            return True
        return any(model.objects.filter(history_user=self).exists() for model in history_models())


def history_models() -> list[type[models.Model]]:
    """Every model that keeps the history of a record, with who made each change."""
    return [model for model in apps.get_models()
            if any(field.name == "history_user" for field in model._meta.fields)]


class Sex(models.TextChoices):
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known"


class Ethnicity(models.TextChoices):
    """DfE ethnicity codes, as used in the SSDA903 return."""

    WBRI = "WBRI", "White British"
    WIRI = "WIRI", "White Irish"
    WIRT = "WIRT", "Traveller of Irish heritage"
    WOTH = "WOTH", "Any other White background"
    WROM = "WROM", "Gypsy or Roma"
    MWBC = "MWBC", "White and Black Caribbean"
    MWBA = "MWBA", "White and Black African"
    MWAS = "MWAS", "White and Asian"
    MOTH = "MOTH", "Any other mixed background"
    AIND = "AIND", "Indian"
    APKN = "APKN", "Pakistani"
    ABAN = "ABAN", "Bangladeshi"
    AOTH = "AOTH", "Any other Asian background"
    BCRB = "BCRB", "Caribbean"
    BAFR = "BAFR", "African"
    BOTH = "BOTH", "Any other Black background"
    CHNE = "CHNE", "Chinese"
    OOTH = "OOTH", "Any other ethnic group"
    REFU = "REFU", "Refused"
    NOBT = "NOBT", "Information not yet obtained"


class YoungPersonQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The young people this member of staff may see (DOMAIN.md §6).

        Board members and administrators see no young person. Restricted records are visible
        only to the staff named on them, whatever their role.
        """
        if not user.is_authenticated or user.role in (Role.BOARD_MEMBER, Role.ADMINISTRATOR):
            return self.none()
        if user.sees_all_teams:
            visible = self
        elif user.role in (Role.PERSONAL_ADVISER, Role.TEAM_MANAGER):
            visible = self.filter(team__in=user.teams.all())
        else:
            return self.none()
        # EXISTS rather than a join, so no DISTINCT: these querysets nest inside larger ones.
        named = YoungPerson.restricted_to.through.objects.filter(
            youngperson_id=models.OuterRef("pk"), user_id=user.pk
        )
        return visible.filter(models.Q(restricted=False) | models.Exists(named))

    def search(self, text: str):
        """By name (first, last or preferred, in any order) or by council ID or UPN, or by
        words written about them (`careleavers.record.found_by_words`: contact notes). Each
        young person found says whether it was by those words (`found_by_words`)."""
        from .record import found_by_words

        text = " ".join(text.split())
        if not text:
            return self
        by_id = models.Q(person_id__iexact=text) | models.Q(upn__iexact=text)
        by_name = models.Q()
        for word in text.split(" "):
            by_name &= (
                models.Q(first_name__icontains=word)
                | models.Q(last_name__icontains=word)
                | models.Q(preferred_name__icontains=word)
            )
        by_words = found_by_words(text)
        return self.filter(by_id | by_name | by_words).annotate(
            found_by_words=models.ExpressionWrapper(~(by_id | by_name) & by_words,
                                                    output_field=models.BooleanField())
        )

    def likely_duplicates_of(self, *, date_of_birth, first_name, last_name, person_id="", upn=""):
        """Same date of birth and a similar name, or the same council ID or UPN."""
        same_id = models.Q(person_id__iexact=person_id) if person_id else models.Q(pk__in=[])
        if upn:
            same_id |= models.Q(upn__iexact=upn)
        similar_name = models.Q(date_of_birth=date_of_birth) & (
            models.Q(last_name__iexact=last_name)
            | models.Q(first_name__iexact=first_name)
            | models.Q(last_name__istartswith=last_name[:3], first_name__istartswith=first_name[:1])
        )
        return self.filter(same_id | similar_name)


class YoungPerson(models.Model):
    """A young person the leaving-care service works with, aged 16 to 25.

    Status, allocation, contacts and plans belong to other packages and point here.
    """

    person_id = models.CharField(
        "council ID", max_length=40, unique=True,
        help_text="The ID from the children's social care system",
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(
        max_length=100, blank=True, help_text="What they like to be called, if different"
    )
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex.choices)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices)
    upn = models.CharField(
        "unique pupil number (UPN)", max_length=13, blank=True,
        help_text="13 characters, from their school records",
    )
    uasc = models.BooleanField("unaccompanied asylum-seeking child (UASC)", default=False)
    disability = models.BooleanField(default=False)
    languages = models.CharField(
        max_length=200, blank=True, help_text="Languages they speak, first language first"
    )
    phone = models.CharField("phone number", max_length=30, blank=True)
    email = models.EmailField("email address", blank=True)
    address = models.TextField(blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="young_people")
    restricted = models.BooleanField(
        "restricted record", default=False,
        help_text="Only the staff named below can see it, for example if a relative works here",
    )
    restricted_to = models.ManyToManyField(
        User, blank=True, related_name="restricted_records", verbose_name="staff who can see it"
    )
    # Optimistic concurrency: a save carries the version it was read at, and a stale one is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = YoungPersonQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[restricted_to])

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["date_of_birth"]),
            models.Index(fields=["team", "last_name"]),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.first_name
        return f"{first} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class RecordView(models.Model):
    """Who opened which young person's record, and when (DOMAIN.md §6)."""

    young_person = models.ForeignKey(YoungPerson, on_delete=models.CASCADE, related_name="views")
    viewed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(auto_now_add=True)
    page = models.CharField(max_length=200)

    class Meta:
        ordering = ["-viewed_at"]
        indexes = [models.Index(fields=["young_person", "-viewed_at"])]

    def __str__(self):
        return f"{self.viewed_by} opened {self.page} at {self.viewed_at:%Y-%m-%d %H:%M}"


class QueuedTask(models.Model):
    """A Celery task written in the same transaction as the change that needs it (an outbox), so
    the work is kept even when Redis is down. careleavers.queue publishes it."""

    task = models.CharField(max_length=200, help_text="The Celery task's name")
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0, help_text="Tries to hand it to Redis")
    error = models.TextField(blank=True, help_text="Why the last try failed")

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["created_at"], condition=models.Q(published_at=None),
                                name="queued_task_waiting")]

    def __str__(self):
        state = "published" if self.published_at else "waiting"
        return f"{self.task}{tuple(self.args)} ({state})"
