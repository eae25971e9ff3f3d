from django.db import models
from simple_history.models import HistoricalRecords

from careleavers.episodes import DatedEpisode, DatedEpisodeQuerySet, episode_constraints
from careleavers.models import YoungPerson

from .rules import EET_CODES, NEET_CODES, ActivityCode, activity_of


class ActivityQuerySet(DatedEpisodeQuerySet):
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


class ActivityEpisode(WithActivity, DatedEpisode):
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

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords(bases=[WithActivity])

    class Meta(DatedEpisode.Meta):
        constraints = episode_constraints("activity")

    def __str__(self):
        return f"{self.get_activity_code_display()} from {self.start_on}"

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
