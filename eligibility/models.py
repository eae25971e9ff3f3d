from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from careleavers.models import YoungPerson

from .rules import PA_AND_PLAN_STATUSES, Facts, Status
from .rules import CarePeriod as CarePeriodFact
from .rules import SupportChoice as SupportChoiceFact


class CarePeriod(models.Model):
    """A period of being looked after by the council (DOMAIN.md §1)."""

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="care_periods"
    )
    start_on = models.DateField("started")
    end_on = models.DateField("ended", null=True, blank=True,
                              help_text="The last day looked after. Leave blank if still in care.")
    short_break = models.BooleanField(
        "pre-planned short break", default=False,
        help_text="Respite of 4 weeks or less, going home after it. These do not count.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["start_on"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(end_on__isnull=True) | models.Q(end_on__gte=models.F("start_on"))
                ),
                name="care_period_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.start_on} to {self.end_on or 'now'}"

    def as_fact(self) -> CarePeriodFact:
        return CarePeriodFact(self.start_on, self.end_on, self.short_break)


class CareFacts(models.Model):
    """The other facts the status rule needs (DOMAIN.md §1), one row per young person."""

    young_person = models.OneToOneField(
        YoungPerson, on_delete=models.CASCADE, related_name="care_facts", primary_key=True
    )
    detained_on_16th_birthday = models.BooleanField(
        "in custody or hospital on their 16th birthday", default=False
    )
    special_guardianship_order = models.BooleanField(
        "special guardianship order made while in care", default=False
    )
    privately_fostered_after_16 = models.BooleanField(
        "privately fostered or accommodated elsewhere after 16", default=False
    )
    returned_home_on = models.DateField(
        "went home to live with parents on", null=True, blank=True,
        help_text="Only if the return home has been agreed as successful",
    )
    in_education_or_training = models.BooleanField(
        "in education or training, or wants to be", default=False
    )
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    def __str__(self):
        return f"Care facts for {self.young_person}"

    def as_facts(self, *, date_of_birth, care_periods, support_choices=()) -> Facts:
        return Facts(
            date_of_birth=date_of_birth,
            care_periods=care_periods,
            detained_on_16th_birthday=self.detained_on_16th_birthday,
            special_guardianship_order=self.special_guardianship_order,
            privately_fostered_after_16=self.privately_fostered_after_16,
            returned_home_on=self.returned_home_on,
            in_education_or_training=self.in_education_or_training,
            support_choices=support_choices,
        )


class SupportChoiceKind(models.TextChoices):
    ASKED = "asked", "They asked for support"
    OPTED_OUT = "opted_out", "They said they no longer want support"


class SupportChoiceQuerySet(models.QuerySet):
    def in_order_made(self):
        """By date; on one day, in the order they were recorded (the status rule reads them so)."""
        return self.order_by("on", "recorded_at", "pk")


class SupportChoice(models.Model):
    """A young person aged 21 to 24 asking for advice and support, or saying they no longer want
    it, on a day (CA s.23CZB). Each one is kept, so someone who opts out and later asks again is
    recorded as they were, and the status rule reads the latest on or before any date."""

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="support_choices"
    )
    kind = models.CharField(max_length=20, choices=SupportChoiceKind.choices)
    on = models.DateField("on")
    notes = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text="Blank when brought over from an earlier system",
    )

    objects = SupportChoiceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "recorded_at", "pk"]
        indexes = [models.Index(fields=["young_person", "on"])]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.on}"

    @property
    def asked(self) -> bool:
        return self.kind == SupportChoiceKind.ASKED

    @property
    def in_a_sentence(self) -> str:
        """The choice as words inside a sentence: "they asked for support"."""
        label = self.get_kind_display()
        return label[0].lower() + label[1:]

    def as_fact(self) -> SupportChoiceFact:
        return SupportChoiceFact(self.on, asked=self.asked)


class StatusQuerySet(models.QuerySet):
    def requiring_personal_adviser(self):
        return self.filter(status__in=PA_AND_PLAN_STATUSES)


class StatutoryStatus(models.Model):
    """A young person's status as last decided, with the reason. Kept in step by
    `status_refresh`, which also writes a StatusChange whenever it moves."""

    young_person = models.OneToOneField(
        YoungPerson, on_delete=models.CASCADE, related_name="statutory_status", primary_key=True
    )
    status = models.CharField(max_length=30, choices=Status.choices, db_index=True)
    reason = models.TextField()
    since = models.DateField()
    checked_on = models.DateField()

    objects = StatusQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "statutory statuses"

    def __str__(self):
        return self.get_status_display()

    @property
    def requires_personal_adviser(self) -> bool:
        return self.status in PA_AND_PLAN_STATUSES

    @property
    def requires_pathway_plan(self) -> bool:
        return self.status in PA_AND_PLAN_STATUSES


class StatusChange(models.Model):
    """Every change of status, with its date and reason: managers ask 'why is this young person
    shown as …?'"""

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(max_length=30, choices=Status.choices)
    previous_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    reason = models.TextField()
    effective_on = models.DateField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text="Blank when the nightly check made the change",
    )

    class Meta:
        ordering = ["-effective_on", "-recorded_at"]
        indexes = [models.Index(fields=["young_person", "-effective_on"])]

    def __str__(self):
        return f"{self.get_status_display()} from {self.effective_on}"
