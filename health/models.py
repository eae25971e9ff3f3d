from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from careleavers.models import YoungPerson

from .rules import Answer, LivesWith


class HealthRecord(models.Model):
    """A young person's health, one current record each: their GP and dentist, whether they have
    been given their health history, their health needs and mental-health support in their own
    words, and any disability. People edit it together, so a save carries its version."""

    young_person = models.OneToOneField(YoungPerson, on_delete=models.CASCADE,
                                        related_name="health_record")
    gp_registered = models.CharField("registered with a GP", max_length=10,
                                     choices=Answer.choices, default=Answer.NOT_KNOWN)
    gp_practice = models.CharField("GP practice", max_length=200, blank=True)
    dentist_registered = models.CharField("registered with a dentist", max_length=10,
                                          choices=Answer.choices, default=Answer.NOT_KNOWN)
    dentist_practice = models.CharField("dental practice", max_length=200, blank=True)
    history_given_on = models.DateField(
        "their health history was given to them on", null=True, blank=True,
        help_text="The summary of their health while they were looked after",
    )
    health_needs = models.TextField("their health needs, in their own words", blank=True)
    mental_health_support = models.TextField(
        "the support they get for their mental health, in their own words", blank=True,
    )
    disability = models.CharField("do they have a disability", max_length=10,
                                  choices=Answer.choices, default=Answer.NOT_KNOWN)
    disability_details = models.TextField("their disability", blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    def __str__(self):
        return f"Health of {self.young_person_id}"


class ChildQuerySet(models.QuerySet):
    def current(self):
        """Children still on the record: not removed."""
        return self.filter(removed_on__isnull=True)

    def born(self):
        return self.current().filter(born_on__isnull=False)


class Child(models.Model):
    """A care leaver's own child, born or expected. Never deleted: a child recorded in error, or
    a pregnancy that ended, is removed from the record with a reason, and kept in its history."""

    young_person = models.ForeignKey(YoungPerson, on_delete=models.CASCADE,
                                     related_name="children")
    name = models.CharField("child’s first name", max_length=100, blank=True)
    born_on = models.DateField("date of birth", null=True, blank=True)
    expected_on = models.DateField("date the baby is due", null=True, blank=True)
    lives_with_them = models.CharField("lives with them", max_length=10,
                                       choices=LivesWith.choices, default=LivesWith.NOT_KNOWN)
    notes = models.TextField(blank=True)
    removed_on = models.DateField("removed from the record on", null=True, blank=True)
    removed_reason = models.TextField("why it was removed", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = ChildQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["born_on", "expected_on", "pk"]
        verbose_name_plural = "children"
        constraints = [
            models.CheckConstraint(
                name="child_born_or_expected",
                condition=(Q(born_on__isnull=False, expected_on__isnull=True)
                           | Q(born_on__isnull=True, expected_on__isnull=False)),
            ),
        ]
        indexes = [models.Index(fields=["young_person", "born_on"])]

    def __str__(self):
        return self.name or ("Baby due" if self.born_on is None else "Child")

    @property
    def expected(self) -> bool:
        return self.born_on is None

    @property
    def removed(self) -> bool:
        return self.removed_on is not None
