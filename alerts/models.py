from django.conf import settings
from django.db import models
from django.db.models import Q

from careleavers.models import Team, YoungPerson

# The tables keep the names they had when these models lived in `dashboard`.


class AlertKind(models.TextChoices):
    """What needs doing for a young person (DOMAIN.md §2), most pressing first."""

    PLAN_OVERDUE = "plan_overdue", "Pathway plan review overdue"
    PLAN_RETURNED = "plan_returned", "Pathway plan sent back for changes"
    NEEDS_ASSESSMENT_OVERDUE = "needs_assessment_overdue", "Needs assessment overdue"
    CONTACT_MISSED = "contact_missed", "Not in touch within the standard"
    UNALLOCATED = "unallocated", "No Personal Adviser"
    PLACEMENT_NEEDS_MANAGER = "placement_needs_manager", "Placement needs a manager"
    IMMIGRATION_DECISION = "immigration_decision", "Immigration decision to act on"
    LEAVE_ENDS_SOON = "leave_ends_soon", "Leave to remain ends soon"
    RELEASE_SOON = "release_from_custody_soon", "Release from custody soon"
    PLAN_DUE_SOON = "plan_due_soon", "Pathway plan review due within 28 days"


class AlertQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_on__isnull=True)


class Alert(models.Model):
    """Something that needs doing for a young person, raised while its condition holds and
    resolved the day it clears (by the change to their records, or by the nightly checks). At
    most one open alert of a kind per young person; a resolved one stays as history."""

    kind = models.CharField(max_length=32, choices=AlertKind.choices)
    young_person = models.ForeignKey(YoungPerson, on_delete=models.CASCADE, related_name="alerts")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    raised_on = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        db_table = "dashboard_alert"
        ordering = ["raised_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "young_person"], condition=Q(resolved_on__isnull=True),
                name="one_open_alert_per_kind_and_young_person",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.young_person}"


class DigestSent(models.Model):
    """One morning digest email sent to one member of staff for one date: never two."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="+")
    sent_on = models.DateField()
    items = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "dashboard_digestsent"
        constraints = [
            models.UniqueConstraint(fields=["recipient", "sent_on"],
                                    name="one_digest_per_recipient_and_date"),
        ]

    def __str__(self):
        return f"Digest for {self.recipient} on {self.sent_on}"


class DailyCheckRunQuerySet(models.QuerySet):
    def finished(self):
        return self.filter(finished_at__isnull=False)

    def last_on(self):
        """The latest date the checks finished for, or None."""
        return self.finished().aggregate(last=models.Max("on"))["last"]


class DailyCheckRun(models.Model):
    """One run of the daily checks for a date, kept so the next night knows which days it must
    catch up (`alerts.services.daily_checks_run`) and when everyone was last checked from
    their records (a full run)."""

    on = models.DateField(help_text="The date the checks were run for")
    full = models.BooleanField(
        help_text="Everyone checked from their records, rather than only those the days since "
                  "the last run may move"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    statuses_decided = models.PositiveIntegerField(default=0)
    statuses_changed = models.PositiveIntegerField(default=0)
    standings_checked = models.PositiveIntegerField(default=0)
    standings_moved = models.PositiveIntegerField(default=0)
    alerts_raised = models.PositiveIntegerField(default=0)
    alerts_resolved = models.PositiveIntegerField(default=0)

    objects = DailyCheckRunQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["on"])]

    def __str__(self):
        return f"Daily checks for {self.on}{' (everyone)' if self.full else ''}"
