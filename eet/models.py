from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from careleavers.models import YoungPerson

from .rules import EET_CODES, NEET_CODES, ActivityCode, activity_of


def covering(on: date, prefix: str = "") -> Q:
    """An activity covers a day from its start to its end, both included; no end: still doing
    it."""
    return Q(**{f"{prefix}start_on__lte": on}) & (
        Q(**{f"{prefix}end_on__isnull": True}) | Q(**{f"{prefix}end_on__gte": on})
    )


class ActivityQuerySet(models.QuerySet):
    def covering(self, on: date):
        """What each young person was doing on `on`."""
        return self.filter(covering(on))

    def in_eet(self):
        return self.filter(activity_code__in=EET_CODES)

    def neet(self):
        return self.filter(activity_code__in=NEET_CODES)


class WithActivity(models.Model):
    """What an activity code stands for, on activities and on their history rows alike (so a
    form showing someone else's change can compare the two)."""

    class Meta:
        abstract = True

    @property
    def activity(self):
        return activity_of(self.activity_code)


class ActivityEpisode(WithActivity):
    """What a young person did from one date to another: education, employment or training, or
    not, and why (no end: what they do now)."""

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="eet_activities"
    )
    start_on = models.DateField("started")
    end_on = models.DateField("ended", null=True, blank=True)
    activity_code = models.CharField("activity", max_length=2, choices=ActivityCode.choices)
    hours_per_week = models.PositiveSmallIntegerField("hours a week", null=True, blank=True)
    provider_or_employer = models.CharField(
        "college, university, training provider or employer", max_length=200, blank=True
    )
    course_or_job = models.CharField("course or job", max_length=200, blank=True)
    neet_reason = models.TextField(
        "why they are not in education, employment or training", blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords(bases=[WithActivity])

    class Meta:
        ordering = ["-start_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="activity_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["young_person", "start_on"], name="one_activity_per_start"
            ),
        ]
        indexes = [models.Index(fields=["young_person", "-start_on"])]

    def __str__(self):
        return f"{self.get_activity_code_display()} from {self.start_on}"

    def covers(self, on: date) -> bool:
        return self.start_on <= on and (self.end_on is None or self.end_on >= on)

    @property
    def in_eet(self) -> bool:
        return self.activity_code in EET_CODES

    @property
    def summary(self) -> str:
        """'Apprenticeship, full time: Plumbing at Hartley Builders', in plain words."""
        label = self.get_activity_code_display()
        what = " at ".join(part for part in (self.course_or_job, self.provider_or_employer)
                           if part)
        return f"{label}: {what}" if what else label
