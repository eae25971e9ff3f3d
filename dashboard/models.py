from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careleavers.models import Team, YoungPerson


class AlertKind(models.TextChoices):
    """What the nightly checks look for (DOMAIN.md §2), most pressing first."""

    PLAN_OVERDUE = "plan_overdue", "Pathway plan review overdue"
    NEEDS_ASSESSMENT_OVERDUE = "needs_assessment_overdue", "Needs assessment overdue"
    CONTACT_MISSED = "contact_missed", "Not in touch within the standard"
    UNALLOCATED = "unallocated", "No Personal Adviser"
    PLACEMENT_NEEDS_MANAGER = "placement_needs_manager", "Placement needs a manager"
    PLAN_DUE_SOON = "plan_due_soon", "Pathway plan review due within 28 days"


class AlertQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_on__isnull=True)


class Alert(models.Model):
    """Something that needs doing for a young person, raised by the nightly checks while its
    condition holds and resolved by them the day it clears. At most one open alert of a kind per
    young person; a resolved one stays as history."""

    kind = models.CharField(max_length=32, choices=AlertKind.choices)
    young_person = models.ForeignKey(YoungPerson, on_delete=models.CASCADE, related_name="alerts")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    raised_on = models.DateField()
    resolved_on = models.DateField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
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
        constraints = [
            models.UniqueConstraint(fields=["recipient", "sent_on"],
                                    name="one_digest_per_recipient_and_date"),
        ]

    def __str__(self):
        return f"Digest for {self.recipient} on {self.sent_on}"


class MonthlySnapshot(models.Model):
    """The figures (dashboard.figures) as they stood on the last day of a month, for the whole
    service (no team) or one team, kept so the dashboard can show month-on-month trends
    (DOMAIN.md §5). Taken again for the same month, it is replaced, not duplicated."""

    month = models.DateField(help_text="The first day of the month")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    figures = models.JSONField()
    taken_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["month", "team"], condition=Q(team__isnull=False),
                                    name="one_snapshot_per_team_and_month"),
            models.UniqueConstraint(fields=["month"], condition=Q(team__isnull=True),
                                    name="one_service_snapshot_per_month"),
        ]

    def __str__(self):
        return f"Figures for {self.month:%B %Y} ({self.team or 'whole service'})"


class BoardPack(models.Model):
    """The Corporate Parenting Board pack for one month: the service manager's commentary on each
    section, written before the PDF is made. The figures themselves are never stored here: each
    PDF works them out (or reads the month's snapshot) when it is made."""

    month = models.DateField(unique=True, help_text="The first day of the month")
    commentary = models.JSONField(default=dict, blank=True,
                                  help_text="Section key: the text shown under its heading")
    # Optimistic concurrency (careleavers.concurrency): a stale save is refused.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-month"]

    def __str__(self):
        return f"Board pack for {self.month:%B %Y}"


class BoardPackFileState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class BoardPackFileQuerySet(models.QuerySet):
    def without_pdf(self):
        """Everything but the PDF itself, for lists."""
        return self.defer("pdf")

    def done(self):
        return self.filter(state=BoardPackFileState.DONE)


class BoardPackFile(models.Model):
    """One PDF of a board pack, made by a Celery task. Every one is kept so it can be downloaded
    again. The PDF lives in the database because the web server and the worker may be different
    machines."""

    #: A file still waiting or being made after this long has stopped: the queue or the worker
    #: is down.
    STUCK_AFTER = timedelta(minutes=10)

    pack = models.ForeignKey(BoardPack, on_delete=models.CASCADE, related_name="files")
    state = models.CharField(max_length=16, choices=BoardPackFileState.choices,
                             default=BoardPackFileState.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done")
    step = models.CharField(max_length=200, blank=True, help_text="What is being done now")
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    pdf_size = models.PositiveIntegerField(default=0, help_text="Bytes")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    objects = BoardPackFileQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.pack} ({self.get_state_display().lower()})"

    @property
    def done(self) -> bool:
        return self.state == BoardPackFileState.DONE

    @property
    def failed(self) -> bool:
        return self.state == BoardPackFileState.FAILED

    def stuck(self, now=None) -> bool:
        """Still waiting or being made long after it was asked for."""
        now = now or timezone.now()
        return (self.state in (BoardPackFileState.QUEUED, BoardPackFileState.RUNNING)
                and now - self.requested_at > self.STUCK_AFTER)

    @property
    def filename(self) -> str:
        return f"corporate-parenting-board-{self.pack.month:%Y-%m}.pdf"
