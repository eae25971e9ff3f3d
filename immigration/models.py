from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from careleavers.models import YoungPerson

from .rules import DECISIONS, LeaveKind, Stage, decision_words


class ImmigrationRecord(models.Model):
    """An unaccompanied asylum-seeking young person's immigration position from a date: where
    their claim has got to and any leave granted. Their position on a day is the latest record
    on or before it; records are corrected (history kept), never deleted."""

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="immigration_records"
    )
    since = models.DateField("position since")
    stage = models.CharField("where their claim is", max_length=30, choices=Stage.choices)
    leave_kind = models.CharField("leave granted", max_length=20, choices=LeaveKind.choices,
                                  blank=True)
    leave_granted_on = models.DateField("leave granted on", null=True, blank=True)
    leave_expires_on = models.DateField("leave ends on", null=True, blank=True)
    appeal_lodged_on = models.DateField("appeal lodged on", null=True, blank=True)
    appeal_decided_on = models.DateField("appeal decided on", null=True, blank=True)
    home_office_reference = models.CharField("Home Office reference", max_length=40, blank=True)
    solicitor = models.CharField("immigration solicitor", max_length=200, blank=True)
    solicitor_contact = models.CharField("solicitor's phone or email", max_length=200,
                                         blank=True)
    notes = models.TextField(blank=True)
    decision_seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", verbose_name="decision seen by",
    )
    decision_seen_at = models.DateTimeField("decision seen", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-since", "-pk"]
        indexes = [models.Index(fields=["young_person", "-since"])]
        constraints = [
            models.UniqueConstraint(fields=["young_person", "since"],
                                    name="one_immigration_record_per_day"),
            models.CheckConstraint(
                condition=Q(leave_expires_on__isnull=True) | Q(leave_granted_on__isnull=True)
                | Q(leave_expires_on__gt=F("leave_granted_on")),
                name="leave_ends_after_it_is_granted",
            ),
            models.CheckConstraint(
                condition=Q(appeal_decided_on__isnull=True) | Q(appeal_lodged_on__isnull=True)
                | Q(appeal_decided_on__gte=F("appeal_lodged_on")),
                name="appeal_decided_after_it_is_lodged",
            ),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} since {self.since}"

    @property
    def is_decision(self) -> bool:
        return self.stage in DECISIONS

    @property
    def decision_waiting(self) -> bool:
        """A decision nobody has yet marked as seen."""
        return self.is_decision and self.decision_seen_at is None

    @property
    def summary(self) -> str:
        """'Refugee status granted', 'Claim made, waiting for a decision'."""
        return decision_words(self.stage, self.leave_kind)
