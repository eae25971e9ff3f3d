from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from careleavers.models import YoungPerson

from .rules import PA_AND_PLAN_STATUSES, Facts, Status
from .rules import CarePeriod as CarePeriodFact


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
    requested_support_on = models.DateField(
        "asked for support after turning 21 on", null=True, blank=True
    )
    opted_out_on = models.DateField("said they no longer want support on", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    def __str__(self):
        return f"Care facts for {self.young_person}"

    def as_facts(self, *, date_of_birth, care_periods) -> Facts:
        return Facts(
            date_of_birth=date_of_birth,
            care_periods=care_periods,
            detained_on_16th_birthday=self.detained_on_16th_birthday,
            special_guardianship_order=self.special_guardianship_order,
            privately_fostered_after_16=self.privately_fostered_after_16,
            returned_home_on=self.returned_home_on,
            in_education_or_training=self.in_education_or_training,
            requested_support_on=self.requested_support_on,
            opted_out_on=self.opted_out_on,
        )


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
