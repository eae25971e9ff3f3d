from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from careleavers.episodes import DatedEpisode, DatedEpisodeQuerySet, episode_constraints
from careleavers.models import YoungPerson

from .rules import (
    NEEDS_MANAGER,
    SCHEDULE_2_FACTORS,
    AccommodationType,
    Suitability,
)


class EpisodeQuerySet(DatedEpisodeQuerySet):
    def in_custody(self):
        return self.filter(type_code=AccommodationType.X)

    def needing_manager(self, *, since: date):
        """Placements in bed and breakfast, emergency accommodation, no fixed abode or custody
        (DOMAIN.md §2) with an alert: those they are still in that no manager has marked as seen,
        and every one that started on or after `since`, seen or not, ended or not. (One they left
        long ago needs no reaction now, even if it was only recorded today.)"""
        return self.filter(type_code__in=NEEDS_MANAGER, placement_alert__isnull=False).filter(
            Q(placement_alert__acknowledged_at__isnull=True, end_on__isnull=True)
            | Q(start_on__gte=since)
        )


class AccommodationEpisode(DatedEpisode):
    """Where a young person lived from one date to another (no end: where they live now)."""

    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="accommodation_episodes"
    )
    start_on = models.DateField("moved in")
    end_on = models.DateField("moved out", null=True, blank=True)
    type_code = models.CharField("type", max_length=1, choices=AccommodationType.choices)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    provider = models.CharField(
        max_length=200, blank=True, help_text="Who runs it, or the landlord"
    )
    council_provided = models.BooleanField(
        "provided by the council", default=False,
        help_text="The council arranges and pays for it (CLR reg 8(2) visits apply)",
    )
    staying_put_carer = models.CharField(
        "former foster carer", max_length=200, blank=True,
        help_text="Staying Put only: who they are staying with",
    )
    staying_put_agreed_on = models.DateField(
        "Staying Put agreed on", null=True, blank=True,
    )
    staying_close = models.BooleanField(
        "Staying Close", default=False,
        help_text="Living near the children’s home they left, with its support",
    )
    staying_close_home = models.CharField(
        "children’s home supporting them", max_length=200, blank=True,
        help_text="Staying Close only: the children’s home that supports them",
    )
    staying_close_agreed_on = models.DateField(
        "Staying Close agreed on", null=True, blank=True,
    )
    custody_establishment = models.CharField(
        "prison or young offender institution", max_length=200, blank=True,
        help_text="Custody only: where they are held",
    )
    expected_release_on = models.DateField(
        "expected release", null=True, blank=True,
        help_text="Custody only: when they are expected to come out",
    )
    custody_worker = models.CharField(
        "youth justice or probation worker", max_length=200, blank=True,
        help_text="Custody only: who works with them on their sentence and release",
    )
    custody_worker_contact = models.CharField(
        "youth justice or probation worker's phone or email", max_length=200, blank=True,
    )

    objects = EpisodeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta(DatedEpisode.Meta):
        constraints = [
            *episode_constraints("accommodation"),
            models.CheckConstraint(
                condition=Q(expected_release_on__isnull=True)
                | Q(expected_release_on__gte=models.F("start_on")),
                name="accommodation_release_not_before_custody_starts",
            ),
        ]
        indexes = [
            *DatedEpisode.Meta.indexes,
            # The few places that are Staying Close, found without reading every place lived.
            models.Index(fields=["young_person"], condition=Q(staying_close=True),
                         name="accommodation_staying_close"),
        ]

    def __str__(self):
        return f"{self.get_type_code_display()} from {self.start_on}"

    @property
    def is_staying_put(self) -> bool:
        return self.type_code == AccommodationType.Z

    @property
    def is_staying_close(self) -> bool:
        return self.staying_close

    @property
    def is_custody(self) -> bool:
        return self.type_code == AccommodationType.X

    @property
    def needs_manager(self) -> bool:
        return self.type_code in NEEDS_MANAGER


def _factor(name: str):
    # None: not recorded (a judgement imported from another system gives only the outcome).
    return models.BooleanField(SCHEDULE_2_FACTORS[name], null=True, blank=True)


def _note():
    return models.TextField(blank=True)


class SuitabilityAssessment(models.Model):
    """Whether a young person's accommodation is suitable, factor by factor (CLR Schedule 2),
    with their own views and the outcome. A place may be assessed again; the latest counts."""

    episode = models.ForeignKey(
        AccommodationEpisode, on_delete=models.CASCADE, related_name="assessments"
    )
    assessed_on = models.DateField()
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text="Blank for a judgement imported from another system",
    )
    facilities = _factor("facilities")
    facilities_note = _note()
    repair = _factor("repair")
    repair_note = _note()
    safety = _factor("safety")
    safety_note = _note()
    location = _factor("location")
    location_note = _note()
    support = _factor("support")
    support_note = _note()
    tenancy = _factor("tenancy")
    tenancy_note = _note()
    affordability = _factor("affordability")
    affordability_note = _note()
    young_persons_views = models.TextField("their views", blank=True)
    outcome = models.CharField(max_length=20, choices=Suitability.choices)
    reason = models.TextField()
    imported = models.BooleanField(
        default=False, help_text="A judgement made before this system, with no factors recorded"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-pk"]

    def __str__(self):
        return f"{self.get_outcome_display()} on {self.assessed_on}"

    @property
    def suitable(self) -> bool:
        return self.outcome == Suitability.SUITABLE

    def factors(self) -> list[dict]:
        """Each factor with its question, answer and note, for the pages."""
        return [
            {"name": name, "question": question, "suitable": getattr(self, name),
             "note": getattr(self, f"{name}_note")}
            for name, question in SCHEDULE_2_FACTORS.items()
        ]


class PlacementAlert(models.Model):
    """A move into bed and breakfast, emergency accommodation, no fixed abode or custody, for the
    team manager to react to the same week. Raised in the same transaction as the move."""

    episode = models.OneToOneField(
        AccommodationEpisode, on_delete=models.CASCADE, related_name="placement_alert"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(
        null=True, blank=True, help_text="When the team managers were emailed"
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self):
        return f"Alert for {self.episode}"

    @property
    def seen(self) -> bool:
        return self.acknowledged_at is not None
